namespace EcoPlan.Core.Indicators;

public enum EiStatus
{
    Computed,
    WeightsNotConfigured,
}

/// <summary>An EI as reported: rounded to the methodology's decimals, after the restriction downgrade.</summary>
/// <param name="Ei">The reported EI (restriction applied).</param>
/// <param name="Grade">The grade of <paramref name="Ei"/>.</param>
/// <param name="UnrestrictedEi">The rounded weighted sum before the restriction downgrade.</param>
/// <param name="UnrestrictedGrade">The grade of <paramref name="UnrestrictedEi"/>.</param>
/// <param name="RestrictionLevel">0 for none, else the methodology's restriction level.</param>
public sealed record EiResult(decimal Ei, GradeBand Grade, decimal UnrestrictedEi, GradeBand UnrestrictedGrade, int RestrictionLevel);

/// <summary>Either an EI or the reason there is none (weights not configured).</summary>
public sealed record EiOutcome(EiStatus Status, EiResult? Result, string? Message)
{
    public bool IsComputed => Status == EiStatus.Computed;
}

/// <summary>A ΔEI class: the band of |ΔEI| and its direction (+1 better, −1 worse, 0 none).</summary>
public sealed record ChangeClass(ChangeBand Band, int Sign, string Name);

/// <summary>The weighted EI, its grade, the restriction downgrade and the ΔEI class, all driven by a <see cref="Methodology"/>.</summary>
public static class EiCalculator
{
    /// <summary>
    /// EI = Σ wᵢ·vᵢ for sub-indices where higher is better and Σ wᵢ·(100 − vᵢ) where higher is worse, each vᵢ first
    /// rounded to <see cref="Methodology.SubIndexDecimals"/>; the sum is rounded to <see cref="Methodology.EiDecimals"/>
    /// (half away from zero), then the restriction downgrade caps it.
    /// </summary>
    public static EiOutcome Compute(Methodology methodology, IReadOnlyDictionary<string, decimal> subIndices, int restrictionLevel = 0)
    {
        ArgumentNullException.ThrowIfNull(methodology);
        ArgumentNullException.ThrowIfNull(subIndices);
        if (!methodology.WeightsConfigured)
        {
            return new EiOutcome(EiStatus.WeightsNotConfigured, null,
                Localization.CoreText.Get("Ei_WeightsNotConfigured", methodology.Id, methodology.WeightsSource));
        }

        var raw = WeightedSum(methodology, subIndices);
        var ei = Math.Round(raw, methodology.EiDecimals, MidpointRounding.AwayFromZero);
        var grade = Grade(methodology, ei);
        var (restricted, restrictedGrade) = ApplyRestriction(methodology, ei, restrictionLevel);
        return new EiOutcome(EiStatus.Computed, new EiResult(restricted, restrictedGrade, ei, grade, restrictionLevel), null);
    }

    /// <summary>The weighted sum before any rounding of the result; requires every weight.</summary>
    public static decimal WeightedSum(Methodology methodology, IReadOnlyDictionary<string, decimal> subIndices)
    {
        ArgumentNullException.ThrowIfNull(methodology);
        ArgumentNullException.ThrowIfNull(subIndices);
        var sum = 0m;
        foreach (var s in methodology.SubIndices)
        {
            var weight = s.Weight ?? throw new InvalidOperationException($"Weights not configured: {s.Key} of {methodology.Id} has no weight.");
            if (!subIndices.TryGetValue(s.Key, out var value))
            {
                throw new ArgumentException($"No value for sub-index {s.Key}.", nameof(subIndices));
            }

            if (methodology.SubIndexDecimals is { } decimals)
            {
                value = Math.Round(value, decimals, MidpointRounding.AwayFromZero);
            }

            sum += weight * (s.Direction == IndexDirection.HigherBetter ? value : methodology.SubIndexMax - value);
        }

        return sum;
    }

    /// <summary>The first grade (best first) whose minimum the EI reaches; below every minimum, the worst grade.</summary>
    public static GradeBand Grade(Methodology methodology, decimal ei)
    {
        ArgumentNullException.ThrowIfNull(methodology);
        return methodology.Grades.FirstOrDefault(g => ei >= g.Min) ?? methodology.Grades[^1];
    }

    /// <summary>
    /// The environmental-restriction downgrade: at level L a grade drops the number of grades the level says, and the
    /// EI is capped just below the lower bound of the grade above the new one (74.9, 54.9, 34.9, 19.9 at one decimal).
    /// Level 0 changes nothing. It never raises an EI or a grade.
    /// </summary>
    public static (decimal Ei, GradeBand Grade) ApplyRestriction(Methodology methodology, decimal ei, int level)
    {
        ArgumentNullException.ThrowIfNull(methodology);
        var grade = Grade(methodology, ei);
        if (level == 0)
        {
            return (ei, grade);
        }

        var rule = methodology.Restriction?.Levels.FirstOrDefault(l => l.Level == level)
            ?? throw new ArgumentOutOfRangeException(nameof(level), level, $"{methodology.Id} has no restriction level {level.ToString(CultureInfo.InvariantCulture)}.");
        var index = IndexOf(methodology, grade);
        var drops = rule.Drops.TryGetValue(grade.Key, out var d) ? d : 0;
        var target = Math.Min(index + drops, methodology.Grades.Count - 1);
        if (target == index)
        {
            return (ei, grade);
        }

        var step = 1m / Pow10(methodology.EiDecimals);
        var cap = methodology.Grades[target - 1].Min - step;
        var capped = Math.Min(ei, cap);
        return (capped, Grade(methodology, capped));
    }

    /// <summary>The ΔEI class of <paramref name="delta"/> = EI − EI(base): the band of |ΔEI| (lower bounds inclusive) and its sign.</summary>
    public static ChangeClass ClassifyChange(Methodology methodology, decimal delta)
    {
        ArgumentNullException.ThrowIfNull(methodology);
        var magnitude = Math.Abs(delta);
        var band = methodology.ChangeBands.Last(b => magnitude >= b.MinAbs);
        var sign = band == methodology.ChangeBands[0] ? 0 : Math.Sign(delta);
        var name = sign switch
        {
            > 0 => band.BetterName,
            < 0 => band.WorseName,
            _ => band.Name,
        };
        return new ChangeClass(band, sign, name);
    }

    private static int IndexOf(Methodology methodology, GradeBand grade)
    {
        for (var i = 0; i < methodology.Grades.Count; i++)
        {
            if (methodology.Grades[i].Key == grade.Key)
            {
                return i;
            }
        }

        throw new ArgumentException($"Grade {grade.Key} is not one of {methodology.Id}'s.", nameof(grade));
    }

    private static decimal Pow10(int decimals)
    {
        var result = 1m;
        for (var i = 0; i < decimals; i++)
        {
            result *= 10;
        }

        return result;
    }
}
