namespace EcoPlan.Core.Indicators.GepR;

/// <summary>One input of a physical model: a region and year, the service, the ecosystem (where the model sums over ecosystems), the parameter, its value and unit.</summary>
public sealed record ModelInputRecord(
    string RegionCode,
    int Year,
    string Service,
    string? Ecosystem,
    string Parameter,
    decimal Value,
    string Unit,
    string Source,
    string File = "",
    int Row = 0,
    int ValueColumn = 0,
    int ServiceColumn = 0);

/// <summary>
/// The physical models the methods note gives (§3.2, RCEES method), computing quantities from inputs:
/// <list type="bullet">
/// <item>水源涵养: Q_w = Σ_i (P_i − R_i − ET_i)·A_i (m³), per ecosystem i;</item>
/// <item>土壤保持: A_s = potential − actual erosion (t); reduced siltation λ·A_s/ρ (m³), reduced N A_s·C_N and P A_s·C_P (t);</item>
/// <item>防风固沙: Q_f = potential − actual wind erosion (t); area equivalent Q_f/(ρ·h) (m²).</item>
/// </list>
/// The csv form is long: <c>region_code,year,service,ecosystem,parameter,value,unit,source</c>.
/// </summary>
public static class PhysicalModels
{
    public const string WaterConservation = "water_conservation";
    public const string SoilRetention = "soil_retention";
    public const string SandFixation = "sand_fixation";

    public static IReadOnlyList<string> Columns { get; } = ["region_code", "year", "service", "ecosystem", "parameter", "value", "unit", "source"];

    private const string Dimensionless = "";
    private const string Density = "t/m³";
    private const string Percent = "%";

    /// <summary>The parameters of each model: key → (the dimension of its unit, or a fixed unit text; per ecosystem or per region).</summary>
    private static readonly Dictionary<string, Dictionary<string, ParameterSpec>> s_models = new(StringComparer.Ordinal)
    {
        [WaterConservation] = new(StringComparer.Ordinal)
        {
            ["precipitation"] = new(Dimension.Length, null, PerEcosystem: true, Required: true),
            ["storm_runoff"] = new(Dimension.Length, null, PerEcosystem: true, Required: true),
            ["evapotranspiration"] = new(Dimension.Length, null, PerEcosystem: true, Required: true),
            ["area"] = new(Dimension.Area, null, PerEcosystem: true, Required: true),
        },
        [SoilRetention] = new(StringComparer.Ordinal)
        {
            ["potential_erosion"] = new(Dimension.Mass, null, PerEcosystem: true, Required: true),
            ["actual_erosion"] = new(Dimension.Mass, null, PerEcosystem: true, Required: true),
            ["siltation_coefficient"] = new(null, Dimensionless, PerEcosystem: false, Required: false),
            ["bulk_density"] = new(null, Density, PerEcosystem: false, Required: false),
            ["nitrogen_content"] = new(null, Percent, PerEcosystem: false, Required: false),
            ["phosphorus_content"] = new(null, Percent, PerEcosystem: false, Required: false),
        },
        [SandFixation] = new(StringComparer.Ordinal)
        {
            ["potential_wind_erosion"] = new(Dimension.Mass, null, PerEcosystem: true, Required: true),
            ["actual_wind_erosion"] = new(Dimension.Mass, null, PerEcosystem: true, Required: true),
            ["bulk_density"] = new(null, Density, PerEcosystem: false, Required: false),
            ["thickness"] = new(Dimension.Length, null, PerEcosystem: false, Required: false),
        },
    };

    private sealed record ParameterSpec(Dimension? Dimension, string? FixedUnit, bool PerEcosystem, bool Required);

    /// <summary>The services that have a model here.</summary>
    public static IReadOnlyList<string> Services => [.. s_models.Keys];

    /// <summary>
    /// 水源涵养 in m³ from one ecosystem's rainfall, storm runoff and evapotranspiration (depths, in metres) and area (m²):
    /// (P − R − ET)·A. A term may be negative (a water surface can evaporate more than it receives); the note gives no clamp.
    /// </summary>
    public static decimal WaterConservationTerm(decimal precipitationM, decimal stormRunoffM, decimal evapotranspirationM, decimal areaM2) =>
        (precipitationM - stormRunoffM - evapotranspirationM) * areaM2;

    /// <summary>土壤保持 items from the soil retained A_s (t): siltation λ·A_s/ρ (m³), N A_s·C_N (t), P A_s·C_P (t); contents in %.</summary>
    public static (decimal SiltationM3, decimal NitrogenT, decimal PhosphorusT) SoilRetentionItems(
        decimal retainedT, decimal siltationCoefficient, decimal bulkDensityTPerM3, decimal nitrogenPercent, decimal phosphorusPercent)
    {
        if (bulkDensityTPerM3 <= 0)
        {
            throw new GepRException("The soil bulk density ρ must be positive.");
        }

        return (siltationCoefficient * retainedT / bulkDensityTPerM3, retainedT * nitrogenPercent / 100m, retainedT * phosphorusPercent / 100m);
    }

    /// <summary>防风固沙 as area (m²) from the sand fixed Q_f (t): Q_f/(ρ·h).</summary>
    public static decimal SandFixationArea(decimal fixedT, decimal bulkDensityTPerM3, decimal thicknessM)
    {
        if (bulkDensityTPerM3 <= 0 || thicknessM <= 0)
        {
            throw new GepRException("The sand bulk density ρ and the thickness h must be positive.");
        }

        return fixedT / (bulkDensityTPerM3 * thicknessM);
    }

    public static void WriteTemplate(TextWriter writer) => GepRCsvReader.WriteHeader(writer, Columns);

    /// <summary>Reads and checks the model inputs: known region, year, a service with a model, a parameter of that model with a unit of the right kind, a source.</summary>
    public static GepRReadResult<ModelInputRecord> Read(TextReader reader, string file, RegulatingServiceSet services, IReadOnlyDictionary<string, string> regions)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(regions);
        var records = new List<ModelInputRecord>();
        using var csv = new GepRCsvReader(reader, file, ["region_code", "year", "service", "parameter", "value", "unit", "source"], ["ecosystem"]);
        if (!csv.ReadHeader())
        {
            return new(records, csv.Errors);
        }

        var seen = new Dictionary<(string, int, string, string, string), int>();
        while (csv.ReadRow())
        {
            var before = csv.Errors.Count;
            var row = csv.Row;
            var region = csv.Region("region_code", regions);
            var year = csv.Year("year");
            var serviceKey = csv.Required("service");
            Dictionary<string, ParameterSpec>? model = null;
            if (serviceKey is not null)
            {
                if (services.Find(serviceKey) is null)
                {
                    csv.Error(row, csv.ColumnNumber("service"), Localization.CoreText.Get("Model_UnknownService", serviceKey));
                }
                else if (!s_models.TryGetValue(serviceKey, out model))
                {
                    csv.Error(row, csv.ColumnNumber("service"), Localization.CoreText.Get("Model_NoModel", serviceKey, string.Join(", ", s_models.Keys)));
                }
            }

            var ecosystem = csv.Text("ecosystem");
            var parameter = csv.Required("parameter");
            ParameterSpec? spec = null;
            if (parameter is not null && model is not null)
            {
                if (!model.TryGetValue(parameter, out spec))
                {
                    csv.Error(row, csv.ColumnNumber("parameter"), Localization.CoreText.Get("Model_NoParameter", serviceKey, parameter, string.Join(", ", model.Keys)));
                }
                else if (!spec.PerEcosystem && ecosystem is not null)
                {
                    csv.Error(row, csv.ColumnNumber("ecosystem"), Localization.CoreText.Get("Model_RegionWide", parameter));
                }
                else if (spec.PerEcosystem && ecosystem is null && serviceKey == WaterConservation)
                {
                    csv.Error(row, Math.Max(1, csv.ColumnNumber("ecosystem")), Localization.CoreText.Get("Model_EcosystemMissing"));
                }
            }

            var value = csv.Number("value", allowNegative: false);
            var unit = csv.Text("unit") ?? "";
            if (unit == "t/m3")
            {
                unit = Density;
            }
            if (spec is not null)
            {
                if (spec.Dimension is { } dimension)
                {
                    if (!GepRUnits.TryParse(unit, out var parsed) || parsed.Dimension != dimension)
                    {
                        csv.Error(row, csv.ColumnNumber("unit"), Localization.CoreText.Get("Model_UnitWrongDimension", parameter, GepRUnits.Name(dimension), unit, GepRUnits.Known));
                    }
                }
                else if (unit != spec.FixedUnit)
                {
                    csv.Error(row, csv.ColumnNumber("unit"), spec.FixedUnit == Dimensionless
                        ? Localization.CoreText.Get("Model_UnitNone", parameter, unit)
                        : Localization.CoreText.Get("Model_UnitFixed", parameter, spec.FixedUnit, unit));
                }
            }

            var source = csv.Required("source");
            if (region is not null && year is { } y && serviceKey is not null && parameter is not null)
            {
                var key = (region, y, serviceKey, ecosystem ?? "", parameter);
                if (seen.TryGetValue(key, out var first))
                {
                    csv.Error(row, csv.ColumnNumber("parameter"), Localization.CoreText.Get("Model_ParameterTwice",
                        parameter, serviceKey, ecosystem is null ? "" : $" ({ecosystem})", region, y.ToString(CultureInfo.InvariantCulture), first.ToString(CultureInfo.InvariantCulture)));
                }
                else
                {
                    seen.Add(key, row);
                }
            }

            if (csv.Errors.Count == before)
            {
                records.Add(new ModelInputRecord(region!, year!.Value, serviceKey!, ecosystem, parameter!, value!.Value, unit, source!, file, row, csv.ColumnNumber("value"), csv.ColumnNumber("service")));
            }
        }

        csv.RequireData(records.Count);
        return new(records, csv.Errors);
    }

    /// <summary>
    /// Runs the models on checked inputs, one result per region, year, service and item. An ecosystem lacking a
    /// required parameter, erosion below its potential's complement (actual &gt; potential) or a negative regional
    /// 水源涵养 total is reported against the input line.
    /// </summary>
    public static GepRReadResult<QuantityRecord> Compute(IReadOnlyList<ModelInputRecord> inputs, RegulatingServiceSet services)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(services);
        var results = new List<QuantityRecord>();
        var errors = new List<GepRInputError>();
        foreach (var group in inputs.GroupBy(i => (i.RegionCode, i.Year, i.Service)).OrderBy(g => g.Key))
        {
            var service = services.Service(group.Key.Service);
            var model = s_models[group.Key.Service];
            var rows = group.ToList();
            var first = rows.MinBy(r => r.Row)!;
            var source = Localization.CoreText.Get("Model_Computed", service.Name, service.Key, first.File, string.Join(",", rows.Select(r => r.Row.ToString(CultureInfo.InvariantCulture))), string.Join("; ", rows.Select(r => r.Source).Distinct(StringComparer.Ordinal)));
            var ecosystems = rows.Where(r => model[r.Parameter].PerEcosystem).GroupBy(r => r.Ecosystem ?? "").ToList();
            var regional = rows.Where(r => !model[r.Parameter].PerEcosystem).ToDictionary(r => r.Parameter, StringComparer.Ordinal);

            var complete = true;
            foreach (var ecosystem in ecosystems)
            {
                foreach (var missing in model.Where(p => p.Value.PerEcosystem && p.Value.Required).Select(p => p.Key).Where(p => ecosystem.All(r => r.Parameter != p)))
                {
                    var at = ecosystem.MinBy(r => r.Row)!;
                    var name = ecosystem.Key.Length == 0 ? "" : Localization.CoreText.Get("Model_EcosystemName", ecosystem.Key);
                    errors.Add(new GepRInputError(at.File, at.Row, 1, Localization.CoreText.Get("Model_Lacks",
                        service.Key, group.Key.RegionCode, group.Key.Year.ToString(CultureInfo.InvariantCulture), name, missing)));
                    complete = false;
                }
            }

            if (ecosystems.Count == 0)
            {
                errors.Add(new GepRInputError(first.File, first.Row, 1, Localization.CoreText.Get("Model_OnlyParameters",
                    service.Key, group.Key.RegionCode, group.Key.Year.ToString(CultureInfo.InvariantCulture), string.Join(", ", model.Where(p => p.Value.Required).Select(p => p.Key)))));
                continue;
            }

            if (!complete)
            {
                continue;
            }

            decimal Depth(IGrouping<string, ModelInputRecord> e, string p) => ToBase(e.Single(r => r.Parameter == p));
            decimal Parameter(string key) => regional.TryGetValue(key, out var given) ? ToBase(given) : service.Parameter(key).Value;
            QuantityRecord Result(string item, decimal quantity, string unit) =>
                new(group.Key.RegionCode, group.Key.Year, service.Key, item, quantity, Unit(unit), source, first.File, first.Row, first.ServiceColumn);

            switch (group.Key.Service)
            {
                case WaterConservation:
                {
                    var total = ecosystems.Sum(e => WaterConservationTerm(Depth(e, "precipitation"), Depth(e, "storm_runoff"), Depth(e, "evapotranspiration"), Depth(e, "area")));
                    if (total < 0)
                    {
                        errors.Add(new GepRInputError(first.File, first.Row, 1, Localization.CoreText.Get("Model_Negative",
                            service.Key, group.Key.RegionCode, group.Key.Year.ToString(CultureInfo.InvariantCulture), total.ToString("0.###", CultureInfo.InvariantCulture))));
                        continue;
                    }

                    results.Add(Result("water", total, "m³"));
                    break;
                }

                case SoilRetention:
                {
                    var retained = Retained(ecosystems, "potential_erosion", "actual_erosion", service, group.Key, errors);
                    if (retained is null)
                    {
                        continue;
                    }

                    var (siltation, nitrogen, phosphorus) = SoilRetentionItems(retained.Value, Parameter("siltation_coefficient"), Parameter("bulk_density"), Parameter("nitrogen_content"), Parameter("phosphorus_content"));
                    results.Add(Result("siltation", siltation, "m³"));
                    results.Add(Result("nitrogen", nitrogen, "t"));
                    results.Add(Result("phosphorus", phosphorus, "t"));
                    break;
                }

                case SandFixation:
                {
                    var fixedSand = Retained(ecosystems, "potential_wind_erosion", "actual_wind_erosion", service, group.Key, errors);
                    if (fixedSand is null)
                    {
                        continue;
                    }

                    results.Add(Result("area", SandFixationArea(fixedSand.Value, Parameter("bulk_density"), Parameter("thickness")), "m²"));
                    break;
                }

                default:
                    throw new InvalidOperationException($"No model for {group.Key.Service}.");
            }
        }

        return new(results, errors);
    }

    /// <summary>Σ over ecosystems of potential − actual (t); an ecosystem whose actual exceeds its potential is an error.</summary>
    private static decimal? Retained(List<IGrouping<string, ModelInputRecord>> ecosystems, string potentialKey, string actualKey, RegulatingService service, (string Region, int Year, string Service) key, List<GepRInputError> errors)
    {
        var total = 0m;
        var ok = true;
        foreach (var e in ecosystems)
        {
            var potential = e.Single(r => r.Parameter == potentialKey);
            var actual = e.Single(r => r.Parameter == actualKey);
            var (p, a) = (ToBase(potential), ToBase(actual));
            if (a > p)
            {
                errors.Add(new GepRInputError(actual.File, actual.Row, actual.ValueColumn, Localization.CoreText.Get("Model_ActualExceeds",
                    service.Key, key.Region, key.Year.ToString(CultureInfo.InvariantCulture), e.Key.Length == 0 ? "" : Localization.CoreText.Get("Model_CommaEcosystem", e.Key),
                    actualKey, a.ToString("0.###", CultureInfo.InvariantCulture), potentialKey, p.ToString("0.###", CultureInfo.InvariantCulture))));
                ok = false;
            }

            total += p - a;
        }

        return ok ? total : null;
    }

    /// <summary>The value in the base unit of its dimension (m, m², t), or as given for fixed-unit parameters.</summary>
    private static decimal ToBase(ModelInputRecord input) =>
        GepRUnits.TryParse(input.Unit, out var unit) ? input.Value * unit.Factor : input.Value;

    private static PhysicalUnit Unit(string symbol) =>
        GepRUnits.TryParse(symbol, out var unit) ? unit : throw new InvalidOperationException($"Unknown unit {symbol}.");
}
