namespace EcoPlan.Core.Indicators;

/// <summary>Emission loads and precipitation for the pollution-load index. Units as the methods note implies (t, mm, km²); UNCONFIRMED.</summary>
public sealed record PollutionLoads(
    double Cod,
    double AmmoniaNitrogen,
    double SulfurDioxide,
    double SmokeAndDust,
    double NitrogenOxides,
    double SolidWaste,
    double MeanPrecipitationMm,
    double RegionAreaKm2);

/// <summary>
/// The HJ 192-2015 sub-index formulas as the methods note records them (§1.3, §1.4). The coefficients and
/// land-cover weights come from the <see cref="Methodology"/>, never from this code; a coefficient the methodology
/// leaves unset (A_veg) raises <see cref="CoefficientNotConfiguredException"/> until the user supplies it.
/// Results are capped at <see cref="Methodology.SubIndexCap"/> when the methodology sets one.
/// </summary>
public static class Hj192Formulas
{
    /// <summary>
    /// 生境质量指数 = A_bio × Σ(class weight × sub-class weight × area) / region area; the areas are given per
    /// land-cover sub-class key of the methodology's land-cover scheme.
    /// </summary>
    public static double HabitatQuality(Methodology methodology, IReadOnlyDictionary<string, double> subClassAreasKm2, double regionAreaKm2)
    {
        ArgumentNullException.ThrowIfNull(methodology);
        ArgumentNullException.ThrowIfNull(subClassAreasKm2);
        var scheme = methodology.LandCover ?? throw new InvalidOperationException($"{methodology.Id} has no land-cover scheme.");
        Positive(regionAreaKm2, nameof(regionAreaKm2));
        var weights = scheme.Classes
            .SelectMany(c => c.SubClasses.Select(s => (s.Key, Weight: c.Weight * s.Weight)))
            .ToDictionary(x => x.Key, x => x.Weight, StringComparer.Ordinal);
        var weighted = 0.0;
        foreach (var (key, area) in subClassAreasKm2)
        {
            if (!weights.TryGetValue(key, out var weight))
            {
                throw new ArgumentException($"Unknown land-cover sub-class '{key}'.", nameof(subClassAreasKm2));
            }

            NonNegative(area, key);
            weighted += weight * area;
        }

        return Cap(methodology, methodology.Coefficient("A_bio") * weighted / regionAreaKm2);
    }

    /// <summary>
    /// Whether the land-cover areas add up to the region's area within <paramref name="relativeTolerance"/> (default 1 %).
    /// </summary>
    public static bool AreasAddUp(IReadOnlyDictionary<string, double> subClassAreasKm2, double regionAreaKm2, double relativeTolerance = 0.01)
    {
        ArgumentNullException.ThrowIfNull(subClassAreasKm2);
        Positive(regionAreaKm2, nameof(regionAreaKm2));
        return Math.Abs(subClassAreasKm2.Values.Sum() - regionAreaKm2) <= relativeTolerance * regionAreaKm2;
    }

    /// <summary>植被覆盖指数 = A_veg × regional mean NDVI. A_veg is NOT FOUND in the note and must be supplied.</summary>
    public static double VegetationCover(Methodology methodology, double meanNdvi)
    {
        ArgumentNullException.ThrowIfNull(methodology);
        NonNegative(meanNdvi, nameof(meanNdvi));
        return Cap(methodology, methodology.Coefficient("A_veg") * meanNdvi);
    }

    /// <summary>
    /// The water-resources value used inside 水网密度指数, with a = this year's / the multi-year mean:
    /// a ≤ 1.4 → this year's; 1.4 &lt; a ≤ 2.4 → mean × (2.4 − a); a &gt; 2.4 → 0 (as the note records the code; not checked against the standard).
    /// </summary>
    public static double AdjustedWaterResources(double thisYear, double multiYearMean)
    {
        NonNegative(thisYear, nameof(thisYear));
        Positive(multiYearMean, nameof(multiYearMean));
        var a = thisYear / multiYearMean;
        return a switch
        {
            <= 1.4 => thisYear,
            <= 2.4 => multiYearMean * (2.4 - a),
            _ => 0,
        };
    }

    /// <summary>水网密度指数 = (A_riv·river length/area + A_lak·lake and reservoir area/area + A_res·water resources/area) / 3.</summary>
    public static double WaterNetworkDensity(Methodology methodology, double riverLengthKm, double lakeReservoirAreaKm2, double waterResources, double regionAreaKm2)
    {
        ArgumentNullException.ThrowIfNull(methodology);
        NonNegative(riverLengthKm, nameof(riverLengthKm));
        NonNegative(lakeReservoirAreaKm2, nameof(lakeReservoirAreaKm2));
        NonNegative(waterResources, nameof(waterResources));
        Positive(regionAreaKm2, nameof(regionAreaKm2));
        var sum = (methodology.Coefficient("A_riv") * riverLengthKm)
            + (methodology.Coefficient("A_lak") * lakeReservoirAreaKm2)
            + (methodology.Coefficient("A_res") * waterResources);
        return Cap(methodology, sum / (3 * regionAreaKm2));
    }

    /// <summary>土地胁迫指数 = A_ero × (0.4·severe erosion + 0.2·moderate erosion + 0.2·construction land + 0.2·other stressed land) / area.</summary>
    public static double LandStress(Methodology methodology, double severeErosionKm2, double moderateErosionKm2, double constructionKm2, double otherStressKm2, double regionAreaKm2)
    {
        ArgumentNullException.ThrowIfNull(methodology);
        NonNegative(severeErosionKm2, nameof(severeErosionKm2));
        NonNegative(moderateErosionKm2, nameof(moderateErosionKm2));
        NonNegative(constructionKm2, nameof(constructionKm2));
        NonNegative(otherStressKm2, nameof(otherStressKm2));
        Positive(regionAreaKm2, nameof(regionAreaKm2));
        var weighted = (0.4 * severeErosionKm2) + (0.2 * moderateErosionKm2) + (0.2 * constructionKm2) + (0.2 * otherStressKm2);
        return Cap(methodology, methodology.Coefficient("A_ero") * weighted / regionAreaKm2);
    }

    /// <summary>
    /// 污染负荷指数 = 0.2·A_COD·COD/P + 0.2·A_NH3·NH3-N/P + 0.2·A_SO2·SO2/area + 0.1·A_YFC·dust/area
    /// + 0.2·A_NOX·NOx/area + 0.1·A_SOL·solid waste/area, where P (年降水总量) = mean precipitation × area.
    /// </summary>
    public static double PollutionLoad(Methodology methodology, PollutionLoads loads)
    {
        ArgumentNullException.ThrowIfNull(methodology);
        ArgumentNullException.ThrowIfNull(loads);
        NonNegative(loads.Cod, nameof(loads.Cod));
        NonNegative(loads.AmmoniaNitrogen, nameof(loads.AmmoniaNitrogen));
        NonNegative(loads.SulfurDioxide, nameof(loads.SulfurDioxide));
        NonNegative(loads.SmokeAndDust, nameof(loads.SmokeAndDust));
        NonNegative(loads.NitrogenOxides, nameof(loads.NitrogenOxides));
        NonNegative(loads.SolidWaste, nameof(loads.SolidWaste));
        Positive(loads.MeanPrecipitationMm, nameof(loads.MeanPrecipitationMm));
        Positive(loads.RegionAreaKm2, nameof(loads.RegionAreaKm2));
        var precipitation = loads.MeanPrecipitationMm * loads.RegionAreaKm2;
        var area = loads.RegionAreaKm2;
        var index = (0.2 * methodology.Coefficient("A_COD") * loads.Cod / precipitation)
            + (0.2 * methodology.Coefficient("A_NH3") * loads.AmmoniaNitrogen / precipitation)
            + (0.2 * methodology.Coefficient("A_SO2") * loads.SulfurDioxide / area)
            + (0.1 * methodology.Coefficient("A_YFC") * loads.SmokeAndDust / area)
            + (0.2 * methodology.Coefficient("A_NOX") * loads.NitrogenOxides / area)
            + (0.1 * methodology.Coefficient("A_SOL") * loads.SolidWaste / area);
        return Cap(methodology, index);
    }

    private static double Cap(Methodology methodology, double value) =>
        methodology.SubIndexCap is { } cap ? Math.Min(value, cap) : value;

    private static void NonNegative(double value, string name)
    {
        if (!double.IsFinite(value) || value < 0)
        {
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be a finite number ≥ 0, not {value.ToString(CultureInfo.InvariantCulture)}.");
        }
    }

    private static void Positive(double value, string name)
    {
        if (!double.IsFinite(value) || value <= 0)
        {
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be a finite number > 0, not {value.ToString(CultureInfo.InvariantCulture)}.");
        }
    }
}
