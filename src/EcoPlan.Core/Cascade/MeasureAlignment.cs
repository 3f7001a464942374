using EcoPlan.Core.Audit;

namespace EcoPlan.Core.Cascade;

/// <summary>A district plan beside the city plan it implements: per district measure, its links and the open suggestions.</summary>
public sealed record PlanAlignment(CascadePlan District, CascadePlan City, bool CanDecide, IReadOnlyList<DistrictMeasureAlignment> Measures);

/// <summary>
/// One district measure: the city measures it is confirmed to implement, those the aligner suggests (best first; a
/// confirmed pair is listed with its state, a rejected one never), and the city measures rejected for it.
/// </summary>
public sealed record DistrictMeasureAlignment(
    CascadeMeasure Measure, IReadOnlyList<LinkView> Confirmed, IReadOnlyList<SuggestionView> Suggestions, IReadOnlyList<LinkView> Rejected)
{
    /// <summary>Whether no city measure is confirmed for it and the aligner has nothing open to offer: 本级自定.</summary>
    public bool SelfDefined => Confirmed.Count == 0 && !Suggestions.Any(s => s.State is null);
}

/// <summary>A suggested city measure, its score (0 to 1), the phrases both texts share, and its state if a person decided it.</summary>
public sealed record SuggestionView(CascadeMeasure City, double Score, IReadOnlyList<string> SharedPhrases, MeasureLinkState? State);

/// <summary>A decided pair as stored: the city measure, the decision, where it came from, who and when.</summary>
public sealed record LinkView(CascadeMeasure City, MeasureLinkState State, MeasureLinkOrigin Origin, double? Score, DateTime DecidedAt, string DecidedBy);

/// <summary>The pair after a decision; <see cref="State"/> is null when the decision was undone (back to a suggestion).</summary>
public sealed record LinkDecision(int DistrictMeasureId, int CityMeasureId, MeasureLinkState? State);

/// <summary>
/// Links across levels (issue 15): suggests, for each measure of a district plan, the city measures it implements
/// (<see cref="MeasureAligner"/>), and records the district coordinator's decisions: confirm, reject, change one city
/// measure for another, link by hand, undo. Who may do what is decided here: the district plan's coordinators (and
/// admins) decide; those who oversee it (the city's coordinators) read; everyone else is refused. Every decision is
/// written with its audit entry (<see cref="AuditAction.MeasureLink"/>, on the district measure) in the same save.
/// </summary>
public sealed class MeasureAlignment(EcoPlanDbContext db, TimeProvider time)
{
    /// <summary>Every district measure with its links and suggestions; <paramref name="cityPlanId"/> null picks the plan above (see <see cref="CascadePair.LoadAsync"/>).</summary>
    public async Task<UseCaseResult<PlanAlignment>> SuggestAsync(UserAccess user, int districtPlanId, int? cityPlanId = null, CancellationToken cancellationToken = default)
    {
        var loaded = await CascadePair.LoadAsync(db, user, districtPlanId, cityPlanId, cancellationToken);
        if (loaded.Value is not { } pair)
        {
            return loaded.Refusal<PlanAlignment>();
        }

        return new PlanAlignment(pair.District, pair.City, pair.CanDecide, await AlignAsync(db, pair, cancellationToken));
    }

    internal static async Task<List<DistrictMeasureAlignment>> AlignAsync(EcoPlanDbContext db, CascadePair pair, CancellationToken cancellationToken)
    {
        var aligner = pair.Aligner();
        var cityById = pair.CityMeasures.ToDictionary(m => m.Id);
        var districtIds = pair.DistrictMeasures.Select(m => m.Id).ToList();
        var cityIds = cityById.Keys.ToList();
        var links = (await db.MeasureLinks.AsNoTracking()
                .Where(l => districtIds.Contains(l.DistrictMeasureId) && cityIds.Contains(l.CityMeasureId)).ToListAsync(cancellationToken))
            .ToLookup(l => l.DistrictMeasureId);
        var result = new List<DistrictMeasureAlignment>(pair.DistrictMeasures.Count);
        foreach (var measure in pair.DistrictMeasures)
        {
            var decided = links[measure.Id].ToDictionary(l => l.CityMeasureId);
            var rejected = decided.Values.Count(l => l.State == MeasureLinkState.Rejected);
            // Ask for as many more as were rejected, so a rejection makes room for the next candidate.
            var suggestions = aligner.Suggest(measure.Text, MeasureAligner.DefaultMaxSuggestions + rejected)
                .Where(s => decided.GetValueOrDefault(s.CityMeasureId)?.State != MeasureLinkState.Rejected)
                .Take(MeasureAligner.DefaultMaxSuggestions)
                .Select(s => new SuggestionView(cityById[s.CityMeasureId], s.Score, s.SharedPhrases, decided.GetValueOrDefault(s.CityMeasureId)?.State))
                .ToList();
            LinkView View(MeasureLink l) => new(cityById[l.CityMeasureId], l.State, l.Origin, l.Score, l.DecidedAt, l.DecidedBy);
            result.Add(new DistrictMeasureAlignment(measure,
                [.. decided.Values.Where(l => l.State == MeasureLinkState.Confirmed).OrderBy(l => cityIds.IndexOf(l.CityMeasureId)).Select(View)],
                suggestions,
                [.. decided.Values.Where(l => l.State == MeasureLinkState.Rejected).OrderBy(l => cityIds.IndexOf(l.CityMeasureId)).Select(View)]));
        }

        return result;
    }

    /// <summary>Records that the district measure implements the city measure (a suggestion confirmed, or a link made by hand).</summary>
    public Task<UseCaseResult<LinkDecision>> ConfirmAsync(UserAccess user, int districtMeasureId, int cityMeasureId, CancellationToken cancellationToken = default) =>
        DecideAsync(user, districtMeasureId, [(cityMeasureId, MeasureLinkState.Confirmed)], cancellationToken);

    /// <summary>Records that the district measure does not implement the city measure: it is not suggested again.</summary>
    public Task<UseCaseResult<LinkDecision>> RejectAsync(UserAccess user, int districtMeasureId, int cityMeasureId, CancellationToken cancellationToken = default) =>
        DecideAsync(user, districtMeasureId, [(cityMeasureId, MeasureLinkState.Rejected)], cancellationToken);

    /// <summary>The suggestion or link was the wrong city measure: rejects <paramref name="fromCityMeasureId"/> and confirms <paramref name="toCityMeasureId"/>, together.</summary>
    public Task<UseCaseResult<LinkDecision>> ChangeAsync(UserAccess user, int districtMeasureId, int fromCityMeasureId, int toCityMeasureId, CancellationToken cancellationToken = default) =>
        fromCityMeasureId == toCityMeasureId
            ? Task.FromResult<UseCaseResult<LinkDecision>>(new UseCaseError.Invalid("to", CoreText.Get("Cascade_ChangeToSame")))
            : DecideAsync(user, districtMeasureId, [(fromCityMeasureId, MeasureLinkState.Rejected), (toCityMeasureId, MeasureLinkState.Confirmed)], cancellationToken);

    /// <summary>Undoes a decision (confirmed or rejected): the pair is a suggestion again, if the aligner suggests it.</summary>
    public Task<UseCaseResult<LinkDecision>> UndoAsync(UserAccess user, int districtMeasureId, int cityMeasureId, CancellationToken cancellationToken = default) =>
        DecideAsync(user, districtMeasureId, [(cityMeasureId, null)], cancellationToken);

    /// <summary>Applies decisions on one district measure; the result names the last pair.</summary>
    private async Task<UseCaseResult<LinkDecision>> DecideAsync(
        UserAccess user, int districtMeasureId, IReadOnlyList<(int CityMeasureId, MeasureLinkState? State)> decisions, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        var districtPlanId = await db.Measures.AsNoTracking().Where(m => m.Id == districtMeasureId).Select(m => (int?)m.Task!.Section!.PlanId).SingleOrDefaultAsync(cancellationToken);
        if (districtPlanId is null)
        {
            return new UseCaseError.NotFound(CoreText.Get("Workflow_NoMeasure", districtMeasureId));
        }

        var cityIds = decisions.Select(d => d.CityMeasureId).ToList();
        var cityPlans = await db.Measures.AsNoTracking().Where(m => cityIds.Contains(m.Id)).Select(m => new { m.Id, m.Task!.Section!.PlanId }).ToListAsync(cancellationToken);
        if (cityIds.FirstOrDefault(id => cityPlans.All(c => c.Id != id)) is var missing and not 0)
        {
            return new UseCaseError.NotFound(CoreText.Get("Workflow_NoMeasure", missing));
        }

        if (cityPlans.Select(c => c.PlanId).Distinct().Count() > 1)
        {
            return new UseCaseError.Invalid("city", CoreText.Get("Cascade_CityMeasuresOfTwoPlans"));
        }

        var loaded = await CascadePair.LoadAsync(db, user, districtPlanId.Value, cityPlans[0].PlanId, cancellationToken);
        if (loaded.Value is not { } pair)
        {
            return loaded.Refusal<LinkDecision>();
        }

        if (!pair.CanDecide)
        {
            return new UseCaseError.Forbidden(CoreText.Get("Cascade_DecideForbidden", pair.District.RegionName));
        }

        var district = pair.DistrictMeasures.Single(m => m.Id == districtMeasureId);
        var aligner = pair.Aligner();
        var now = time.GetUtcNow().UtcDateTime;
        var stored = await db.MeasureLinks.Where(l => l.DistrictMeasureId == districtMeasureId && cityIds.Contains(l.CityMeasureId)).ToDictionaryAsync(l => l.CityMeasureId, cancellationToken);
        var changed = false;
        foreach (var (cityId, state) in decisions)
        {
            var link = stored.GetValueOrDefault(cityId);
            if (state is null && link is null)
            {
                return new UseCaseError.NotFound(CoreText.Get("Cascade_NoDecision", district.Label, pair.CityMeasures.Single(m => m.Id == cityId).Label));
            }

            if (link?.State == state)
            {
                // The same decision again changes nothing and is not written twice.
                continue;
            }

            var score = aligner.Score(district.Text, cityId);
            var previous = link?.State;
            if (state is not { } newState)
            {
                db.MeasureLinks.Remove(link!);
            }
            else
            {
                if (link is null)
                {
                    link = new MeasureLink { DistrictMeasureId = districtMeasureId, CityMeasureId = cityId, DecidedBy = user.UserName };
                    db.MeasureLinks.Add(link);
                }

                link.State = newState;
                link.Origin = score >= MeasureAligner.DefaultMinScore ? MeasureLinkOrigin.Suggested : MeasureLinkOrigin.Manual;
                link.Score = score;
                link.DecidedAt = now;
                link.DecidedById = user.UserId == 0 ? null : user.UserId;
                link.DecidedBy = user.UserName;
            }

            db.Record(AuditAction.MeasureLink, user, now, districtMeasureId, null, new
            {
                city_plan = pair.City.Id,
                city_measure = cityId,
                city = pair.CityMeasures.Single(m => m.Id == cityId).Label,
                state = Stored(state),
                previous = Stored(previous),
                score,
            });
            changed = true;
        }

        if (changed)
        {
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException)
            {
                // Someone decided the same pair at the same moment (the unique pair index): their decision stands.
                return new UseCaseError.Conflict(CoreText.Get("Cascade_DecidedMeanwhile", district.Label));
            }
        }

        return new LinkDecision(districtMeasureId, decisions[^1].CityMeasureId, decisions[^1].State);
    }

    /// <summary>The state as the audit entry names it: confirmed, rejected, or none (undone, or not decided before).</summary>
    private static string Stored(MeasureLinkState? state) => state?.ToString().ToLowerInvariant() ?? "none";
}
