namespace EcoPlan.Core.Cascade;

/// <summary>
/// The city measures a district coordinator may link a district measure to by hand (the alignment page's 改为 / 手动关联):
/// those of the city plan above, found by 序号 (9.3, or 9 for the whole task) or by words of their text. The same read
/// rule as <see cref="MeasureAlignment.SuggestAsync"/>.
/// </summary>
public sealed class AlignmentCandidates(EcoPlanDbContext db)
{
    /// <summary>The most measures one search answers; a narrower query finds the rest.</summary>
    public const int MaxResults = 30;

    /// <summary>
    /// The city measures matching <paramref name="query"/>, in table order: a label equal to it or of its task (9 finds
    /// 9.1, 9.2 …), or a text holding every word of it (words split at spaces). Empty query: the first measures.
    /// </summary>
    public async Task<UseCaseResult<IReadOnlyList<CascadeMeasure>>> SearchAsync(UserAccess user, int districtPlanId, int? cityPlanId, string? query,
        CancellationToken cancellationToken = default)
    {
        var loaded = await CascadePair.LoadAsync(db, user, districtPlanId, cityPlanId, cancellationToken);
        if (loaded.Value is not { } pair)
        {
            return loaded.Refusal<IReadOnlyList<CascadeMeasure>>();
        }

        var words = (query ?? "").Split(' ', '　', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return pair.CityMeasures.Where(m => words.Length == 0 || Matches(m, words)).Take(MaxResults).ToList();
    }

    private static bool Matches(CascadeMeasure measure, string[] words) =>
        (words.Length == 1 && (measure.Label == words[0] || measure.Label.StartsWith(words[0] + ".", StringComparison.Ordinal)))
        || words.All(w => measure.Text.Contains(w, StringComparison.OrdinalIgnoreCase) || measure.TaskName.Contains(w, StringComparison.OrdinalIgnoreCase));
}
