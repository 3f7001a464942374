using System.Text.Json;

namespace EcoPlan.Core.Indicators;

/// <summary>The built-in methodologies (embedded JSON under Indicators/Methodologies/) and weights files.</summary>
public static class MethodologyCatalog
{
    public const string Hj192 = "hj192-2015";
    public const string Db11 = "db11-1877";

    /// <summary>The ids of the built-in methodologies.</summary>
    public static IReadOnlyList<string> Ids { get; } = [Hj192, Db11];

    /// <summary>Loads a built-in methodology by id (hj192-2015, db11-1877).</summary>
    public static Methodology Load(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        if (!Ids.Contains(id, StringComparer.Ordinal))
        {
            throw new MethodologyException(Localization.CoreText.Get("Methodology_Unknown", id, string.Join(", ", Ids)));
        }

        using var stream = typeof(MethodologyCatalog).Assembly.GetManifestResourceStream($"EcoPlan.Indicators.Methodologies.{id}.json")
            ?? throw new InvalidOperationException($"The methodology resource {id}.json is not embedded.");
        return Parse(stream);
    }

    /// <summary>Reads and checks a methodology in the JSON form of the built-in ones.</summary>
    public static Methodology Parse(Stream json)
    {
        Methodology? methodology;
        try
        {
            methodology = JsonSerializer.Deserialize<Methodology>(json, DataFileJson.Options);
        }
        catch (JsonException ex)
        {
            throw new MethodologyException($"Not a valid methodology: {ex.Message}", ex);
        }

        if (methodology is null)
        {
            throw new MethodologyException("Not a valid methodology: the document is empty.");
        }

        Check(methodology);
        return methodology;
    }

    /// <summary>
    /// Loads a weights file, <c>{"methodology": "db11-1877", "source": "…", "weights": {"air_environment": 0.1, …}}</c>:
    /// one non-negative weight for every sub-index, summing to 1.
    /// </summary>
    public static Methodology WithWeights(Methodology methodology, Stream json)
    {
        ArgumentNullException.ThrowIfNull(methodology);
        WeightsFile? file;
        try
        {
            file = JsonSerializer.Deserialize<WeightsFile>(json, DataFileJson.Options);
        }
        catch (JsonException ex)
        {
            throw new MethodologyException(Localization.CoreText.Get("Weights_Invalid", ex.Message), ex);
        }

        if (file?.Weights is null)
        {
            throw new MethodologyException(Localization.CoreText.Get("Weights_NoObject"));
        }

        if (file.Methodology is not null && file.Methodology != methodology.Id)
        {
            throw new MethodologyException(Localization.CoreText.Get("Weights_OtherMethodology", file.Methodology, methodology.Id));
        }

        return WithWeights(methodology, file.Weights, file.Source ?? Localization.CoreText.Get("Weights_NoSource"));
    }

    /// <summary>A copy of <paramref name="methodology"/> with the given weights (one per sub-index, summing to 1).</summary>
    public static Methodology WithWeights(Methodology methodology, IReadOnlyDictionary<string, decimal> weights, string source)
    {
        ArgumentNullException.ThrowIfNull(methodology);
        ArgumentNullException.ThrowIfNull(weights);
        var keys = methodology.SubIndices.Select(s => s.Key).ToHashSet(StringComparer.Ordinal);
        var unknown = weights.Keys.Where(k => !keys.Contains(k)).ToList();
        if (unknown.Count > 0)
        {
            throw new MethodologyException(Localization.CoreText.Get("Weights_UnknownSubIndex", string.Join(", ", unknown), methodology.Id, string.Join(", ", keys)));
        }

        var missing = keys.Where(k => !weights.ContainsKey(k)).ToList();
        if (missing.Count > 0)
        {
            throw new MethodologyException(Localization.CoreText.Get("Weights_Lack", string.Join(", ", missing)));
        }

        if (weights.FirstOrDefault(w => w.Value < 0) is { Key: not null } negative)
        {
            throw new MethodologyException(Localization.CoreText.Get("Weights_Negative", negative.Key, Format(negative.Value)));
        }

        CheckWeightSum(weights.Values.Sum());
        return methodology with
        {
            WeightsSource = source,
            SubIndices = methodology.SubIndices.Select(s => s with { Weight = weights[s.Key] }).ToList(),
        };
    }

    private static void CheckWeightSum(decimal sum)
    {
        if (Math.Abs(sum - 1m) > 0.0001m)
        {
            throw new MethodologyException(Localization.CoreText.Get("Weights_Sum", sum.ToString("0.######", CultureInfo.InvariantCulture)));
        }
    }

    private static void Check(Methodology m)
    {
        if (m.SubIndices.Count == 0)
        {
            throw new MethodologyException($"Methodology {m.Id} has no sub-indices.");
        }

        var duplicate = m.SubIndices.GroupBy(s => s.Key, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new MethodologyException($"Methodology {m.Id} has sub-index {duplicate.Key} twice.");
        }

        var weighted = m.SubIndices.Count(s => s.Weight is not null);
        if (weighted != 0 && weighted != m.SubIndices.Count)
        {
            throw new MethodologyException($"Methodology {m.Id} has weights for some sub-indices only.");
        }

        if (weighted != 0)
        {
            CheckWeightSum(m.SubIndices.Sum(s => s.Weight!.Value));
        }

        if (m.Grades.Count == 0 || m.Grades[^1].Min > m.SubIndexMin
            || m.Grades.Zip(m.Grades.Skip(1)).Any(p => p.First.Min <= p.Second.Min))
        {
            throw new MethodologyException($"Methodology {m.Id}: grades must run from best to worst with falling minimums, the last at or below {Format(m.SubIndexMin)}.");
        }

        if (m.ChangeBands.Count == 0 || m.ChangeBands[0].MinAbs != 0
            || m.ChangeBands.Zip(m.ChangeBands.Skip(1)).Any(p => p.First.MinAbs >= p.Second.MinAbs))
        {
            throw new MethodologyException($"Methodology {m.Id}: change bands must start at 0 and rise.");
        }

        var gradeKeys = m.Grades.Select(g => g.Key).ToHashSet(StringComparer.Ordinal);
        foreach (var level in m.Restriction?.Levels ?? [])
        {
            if (level.Level <= 0 || level.Drops.Keys.Any(k => !gradeKeys.Contains(k)) || level.Drops.Values.Any(d => d < 0))
            {
                throw new MethodologyException($"Methodology {m.Id}: restriction level {level.Level.ToString(CultureInfo.InvariantCulture)} must be positive and drop known grades by zero or more.");
            }
        }
    }

    private static string Format(decimal value) => value.ToString(CultureInfo.InvariantCulture);

    private sealed record WeightsFile(string? Methodology, string? Source, Dictionary<string, decimal>? Weights);
}

/// <summary>A methodology or weights file that cannot be used; the message says why.</summary>
public sealed class MethodologyException : Exception
{
    public MethodologyException()
    {
    }

    public MethodologyException(string message)
        : base(message)
    {
    }

    public MethodologyException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
