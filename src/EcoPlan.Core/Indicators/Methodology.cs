namespace EcoPlan.Core.Indicators;

/// <summary>Whether a larger value of a sub-index means a better or a worse environment.</summary>
public enum IndexDirection
{
    HigherBetter,
    HigherWorse,
}

/// <summary>
/// An EI methodology as data: its sub-indices with weights and coefficients, its grades, its change bands and
/// its environmental-restriction rule. Built-in ones are embedded JSON (<see cref="MethodologyCatalog"/>);
/// every number carries the methods note's source tag or says it is unconfirmed.
/// </summary>
public sealed record Methodology
{
    public required string Id { get; init; }
    public required string Version { get; init; }
    public required string Name { get; init; }
    public string? NameEn { get; init; }
    public string? About { get; init; }

    /// <summary>Where the owning units of the sub-indices come from (a plan), and the region they belong to.</summary>
    public string? OwnersSource { get; init; }
    public string? OwnersRegion { get; init; }

    /// <summary>The range a sub-index value must lie in to be accepted as input.</summary>
    public decimal SubIndexMin { get; init; }
    public decimal SubIndexMax { get; init; } = 100;

    /// <summary>Sub-index values computed by a formula are capped here (null: no cap).</summary>
    public double? SubIndexCap { get; init; }
    public string? SubIndexCapSource { get; init; }

    /// <summary>Sub-indices are rounded to this many decimals before weighting (null: not rounded).</summary>
    public int? SubIndexDecimals { get; init; }
    public string? SubIndexDecimalsSource { get; init; }

    /// <summary>EI is reported, graded and compared at this many decimals.</summary>
    public int EiDecimals { get; init; } = 1;

    public string? WeightsSource { get; init; }
    public required IReadOnlyList<SubIndexDefinition> SubIndices { get; init; }
    public LandCoverScheme? LandCover { get; init; }
    public string? GradesSource { get; init; }

    /// <summary>Grades from best to worst; a grade holds EI values from its <see cref="GradeBand.Min"/> up to the next better grade's.</summary>
    public required IReadOnlyList<GradeBand> Grades { get; init; }
    public string? ChangeSource { get; init; }

    /// <summary>Change bands by ascending <see cref="ChangeBand.MinAbs"/>.</summary>
    public required IReadOnlyList<ChangeBand> ChangeBands { get; init; }
    public RestrictionRule? Restriction { get; init; }

    /// <summary>True when every sub-index has a weight, so EI can be computed.</summary>
    public bool WeightsConfigured => SubIndices.All(s => s.Weight is not null);

    public SubIndexDefinition SubIndex(string key) =>
        SubIndices.FirstOrDefault(s => s.Key == key)
        ?? throw new KeyNotFoundException($"Methodology {Id} has no sub-index '{key}'.");

    /// <summary>The value of a normalisation coefficient; fails with a clear message when the methodology leaves it unset.</summary>
    public double Coefficient(string key)
    {
        var coefficient = SubIndices.SelectMany(s => s.Coefficients).FirstOrDefault(c => c.Key == key)
            ?? throw new KeyNotFoundException($"Methodology {Id} has no coefficient '{key}'.");
        return coefficient.Value
            ?? throw new CoefficientNotConfiguredException(key, $"Coefficient {key} of {Id} is not configured ({coefficient.Source}). Supply it with WithCoefficients.");
    }

    /// <summary>A copy with the given coefficients set by the user (marked <see cref="Coefficient.UserSupplied"/>).</summary>
    public Methodology WithCoefficients(IReadOnlyDictionary<string, double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var known = SubIndices.SelectMany(s => s.Coefficients).Select(c => c.Key).ToHashSet(StringComparer.Ordinal);
        foreach (var (key, value) in values)
        {
            if (!known.Contains(key))
            {
                throw new ArgumentException($"Methodology {Id} has no coefficient '{key}'.", nameof(values));
            }

            if (!double.IsFinite(value) || value <= 0)
            {
                throw new ArgumentException($"Coefficient {key} must be a positive number, not {value.ToString(System.Globalization.CultureInfo.InvariantCulture)}.", nameof(values));
            }
        }

        return this with
        {
            SubIndices = SubIndices.Select(s => s with
            {
                Coefficients = s.Coefficients
                    .Select(c => values.TryGetValue(c.Key, out var v) ? c with { Value = v, UserSupplied = true } : c)
                    .ToList(),
            }).ToList(),
        };
    }
}

public sealed record SubIndexDefinition
{
    public required string Key { get; init; }

    /// <summary>The Chinese name, as the standard or the plan prints it.</summary>
    public required string Name { get; init; }
    public string? NameEn { get; init; }
    public required IndexDirection Direction { get; init; }

    /// <summary>The weight in EI; null where it is not known (then EI cannot be computed).</summary>
    public decimal? Weight { get; init; }

    /// <summary>False where the note marks the definition as inferred, unconfirmed or not found.</summary>
    public bool Confirmed { get; init; }
    public string? Dimension { get; init; }
    public string? Note { get; init; }

    /// <summary>The units that answer for this sub-index, as the plan names them.</summary>
    public IReadOnlyList<string> Owners { get; init; } = [];
    public IReadOnlyList<Coefficient> Coefficients { get; init; } = [];
}

/// <summary>A normalisation coefficient. <see cref="Value"/> is null where no source gives it; the user may supply it.</summary>
public sealed record Coefficient
{
    public required string Key { get; init; }
    public double? Value { get; init; }
    public bool Confirmed { get; init; }
    public bool UserSupplied { get; init; }
    public string? Source { get; init; }
    public string? Note { get; init; }
}

public sealed record GradeBand
{
    public required string Key { get; init; }
    public required string Name { get; init; }

    /// <summary>The lowest EI of the grade (inclusive).</summary>
    public required decimal Min { get; init; }
}

public sealed record ChangeBand
{
    public required string Key { get; init; }
    public required string Name { get; init; }

    /// <summary>The smallest |ΔEI| of the band (inclusive).</summary>
    public required decimal MinAbs { get; init; }
    public required string BetterName { get; init; }
    public required string WorseName { get; init; }
}

/// <summary>The environmental-restriction downgrade: per level, how many grades each grade drops.</summary>
public sealed record RestrictionRule
{
    public string? Source { get; init; }
    public bool Confirmed { get; init; }
    public string? Note { get; init; }
    public required IReadOnlyList<RestrictionLevel> Levels { get; init; }
}

public sealed record RestrictionLevel
{
    public required int Level { get; init; }

    /// <summary>Grade key → number of grades it drops.</summary>
    public required IReadOnlyDictionary<string, int> Drops { get; init; }
}

/// <summary>Land-cover classes and sub-classes with the weights of the habitat-quality index.</summary>
public sealed record LandCoverScheme
{
    public string? Source { get; init; }
    public string? Note { get; init; }
    public required IReadOnlyList<LandCoverClass> Classes { get; init; }
}

public sealed record LandCoverClass
{
    public required string Key { get; init; }
    public required string Name { get; init; }
    public required double Weight { get; init; }
    public required IReadOnlyList<LandCoverSubClass> SubClasses { get; init; }
}

public sealed record LandCoverSubClass
{
    public required string Key { get; init; }
    public required string Name { get; init; }
    public required double Weight { get; init; }
    public bool Confirmed { get; init; }
}

/// <summary>A formula needs a coefficient the methodology does not give (the note marks it unconfirmed or not found).</summary>
public sealed class CoefficientNotConfiguredException : Exception
{
    public CoefficientNotConfiguredException(string key, string message)
        : base(message) => Key = key;

    public CoefficientNotConfiguredException()
    {
        Key = "";
    }

    public CoefficientNotConfiguredException(string message)
        : base(message)
    {
        Key = "";
    }

    public CoefficientNotConfiguredException(string message, Exception innerException)
        : base(message, innerException)
    {
        Key = "";
    }

    public string Key { get; }
}
