using EcoPlan.Core.Audit;
using EcoPlan.Core.Clues;
using EcoPlan.Core.Export;
using EcoPlan.Core.Organizations;
using EcoPlan.Core.Plans;
using EcoPlan.Core.Progress;

namespace EcoPlan.Core.Cascade;

/// <summary>
/// How one rule scored for one unit: the raw counts (<see cref="Achieved"/> of <see cref="Counted"/>), the share, the
/// weight and the points (share × weight). <see cref="Share"/> and <see cref="Points"/> are null when the rule has nothing
/// to count for the unit (不适用): its weight then leaves the points possible, and the score is rescaled to 100.
/// </summary>
public sealed record RuleScore(string Rule, string Label, int Achieved, int Counted, decimal? Share, decimal Weight, decimal? Points);

/// <summary>A responsible unit's score (0 to 100, two decimals), its rank (ties share one), and how it was made, rule by rule.</summary>
public sealed record UnitScore(int Rank, int OrganizationId, string Organization, decimal Score, decimal PointsEarned, decimal PointsPossible, IReadOnlyList<RuleScore> Rules);

/// <summary>
/// A plan's year-end evaluation on <see cref="AsOf"/>: the rules applied (the plan's own, or the default), who set them,
/// whether the caller may change them, and the units the caller may see, best first.
/// </summary>
public sealed record PlanEvaluation(
    int PlanId, string PlanTitle, int Year, string RegionName, DateOnly AsOf, IReadOnlyList<EvaluationRuleWeight> Rules, bool DefaultRules, DateTime? RulesUpdatedAt,
    string? RulesUpdatedBy, bool CanEditRules, IReadOnlyList<UnitScore> Units);

/// <summary>
/// The year-end evaluation (年终考核, issue 15): a score per responsible unit of a plan from the rules in
/// <see cref="YearEndEvaluationRules"/>. Who sees what is decided here: admins, the coordinators of the plan's region or a
/// region above it, and leaders see every unit; a unit (or township) sees only its own score; anyone else is refused. The
/// rules are set by the plan's own coordinators (and admins), audited (<see cref="AuditAction.EvaluationRules"/>); the
/// xlsx export is audited too (<see cref="AuditAction.EvaluationExport"/>). Formulas: docs/cascade.md.
/// </summary>
public sealed class YearEndEvaluation(EcoPlanDbContext db, TimeProvider time)
{
    /// <summary>The evaluation of a plan on a day (default: today, or the plan year's last day once it is over).</summary>
    public async Task<UseCaseResult<PlanEvaluation>> EvaluateAsync(UserAccess user, int planId, DateOnly? asOf = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        var visible = await ReportVisibility.OfPlanAsync(db, user, planId, cancellationToken);
        if (visible.Value is not { } visibility)
        {
            return visible.Refusal<PlanEvaluation>();
        }

        var plan = await db.Plans.AsNoTracking().Where(p => p.Id == planId)
            .Select(p => new { p.Id, p.Title, p.Year, p.RegionId, RegionName = p.Region!.Name, p.ReportingFrequency, p.ReportingDueDay })
            .SingleAsync(cancellationToken);
        var seesAll = visibility.Oversees || user.Role == Roles.Leader;
        if (!seesAll && user.Role is not (Roles.Unit or Roles.Township))
        {
            return new UseCaseError.Forbidden(CoreText.Get("Evaluation_ReadForbidden", plan.Title));
        }

        var today = DateOnly.FromDateTime(time.GetLocalNow().DateTime);
        var yearEnd = new DateOnly(plan.Year, 12, 31);
        var day = asOf ?? (today < yearEnd ? today : yearEnd);
        var zone = time.LocalTimeZone;

        var stored = await db.EvaluationRuleSets.AsNoTracking().Where(r => r.PlanId == planId)
            .Select(r => new { r.RulesJson, r.UpdatedAt, r.UpdatedBy }).SingleOrDefaultAsync(cancellationToken);
        var rules = stored is null ? YearEndEvaluationRules.Default : YearEndEvaluationRules.Parse(stored.RulesJson).Value ?? YearEndEvaluationRules.Default;

        var measures = await db.Measures.AsNoTracking().Where(m => m.Task!.Section!.PlanId == planId)
            .Select(m => new
            {
                m.Id, m.Deadline.Kind, m.Deadline.Date,
                Units = m.Assignments.Where(a => a.Role == AssignmentRole.Responsible && a.OrganizationId != null && a.Organization!.Kind != OrganizationKind.Group)
                    .Select(a => new { Id = a.OrganizationId!.Value, a.Organization!.Name, a.Organization.Kind, RegionCode = a.Organization.Region!.Code }).ToList(),
            })
            .ToListAsync(cancellationToken);
        var units = measures.SelectMany(m => m.Units).DistinctBy(u => u.Id).ToList();
        if (!seesAll)
        {
            units = [.. units.Where(u => u.Id == user.OrganizationId)];
            if (units.Count == 0)
            {
                return new UseCaseError.Forbidden(CoreText.Get("Evaluation_NotAUnitOfPlan", user.OrganizationName, plan.Title));
            }
        }

        var measureIds = measures.Select(m => m.Id).ToList();
        var versions = await db.ReportVersions.AsNoTracking()
            .Where(v => measureIds.Contains(v.Report!.MeasureId) && v.Report.Period <= day)
            .Select(v => new { v.ReportId, v.Report!.MeasureId, v.Report.OrganizationId, v.Report.Period, v.Report.State, v.Number, v.Status, v.SubmittedAt, Returned = v.ReturnReason != null })
            .ToListAsync(cancellationToken);
        var reports = versions.GroupBy(v => v.ReportId).Select(g => new
        {
            g.First().MeasureId, g.First().OrganizationId, g.First().Period, g.First().State,
            FirstSubmitted = g.Where(v => v.SubmittedAt != null).Min(v => v.SubmittedAt),
            Returned = g.Any(v => v.Returned),
            CompletedAccepted = g.First().State == ReportState.Accepted && g.MaxBy(v => v.Number)!.Status == ProgressStatus.Completed,
        }).ToLookup(r => (r.MeasureId, r.OrganizationId));

        // Targets: the plan's own judgement (its region's achieved value, else the districts' roll-up); a target without owners is its measure's units'.
        var progress = (await Plans.TargetProgress.ForPlanAsync(db, UserAccess.System, planId, plan.Year, cancellationToken)).Value!;
        var met = progress.Targets.ToDictionary(t => t.TargetId, t => t.Met);
        var targets = await db.Targets.AsNoTracking().Where(t => measureIds.Contains(t.MeasureId) && t.Comparator != TargetComparator.Approximately)
            .Select(t => new { t.Id, t.MeasureId, Owners = t.Owners.Select(o => o.OrganizationId).ToList() }).ToListAsync(cancellationToken);
        var unitsOfMeasure = measures.ToDictionary(m => m.Id, m => m.Units.Select(u => u.Id).ToList());

        // Clues: every clue of the plan's region, counted as an administrator sees them; a township unit is scored on its township's.
        var clues = units.Any(u => u.Kind == OrganizationKind.Township)
            ? (await new ClueStatistics(db, time).ComputeInZoneAsync(UserAccess.System, new ClueStatisticsFilter(RegionId: plan.RegionId), day, zone, cancellationToken))
                .ByTownship.Where(t => t.Township is not null).GroupBy(t => t.Township!.Code).ToDictionary(g => g.Key, g => ClueTally.Sum(g.Select(t => t.Counts)))
            : [];

        var scored = new List<(int Id, string Name, decimal Earned, decimal Possible, List<RuleScore> Rules)>();
        foreach (var unit in units)
        {
            var duties = measures.Where(m => m.Units.Any(u => u.Id == unit.Id)).ToList();
            int due = 0, onTime = 0, submitted = 0, notReturned = 0, dutiesDue = 0, completed = 0;
            foreach (var m in duties)
            {
                var mine = reports[(m.Id, unit.Id)].ToList();
                var done = mine.Where(r => r.CompletedAccepted).Select(r => (DateOnly?)r.Period).Min();
                foreach (var period in ReportingSchedule.Periods(plan.Year, plan.ReportingFrequency, plan.ReportingDueDay, new DateOnly(plan.Year, 1, 1), m.Kind, m.Date))
                {
                    // A period is owed once its due day is over, until the period in which the duty was accepted as completed.
                    if (period.Due >= day || (done is { } d && period.Start > d))
                    {
                        continue;
                    }

                    due++;
                    if (mine.FirstOrDefault(r => r.Period == period.Start)?.FirstSubmitted is { } first && first < EndOf(period.Due, zone))
                    {
                        onTime++;
                    }
                }

                submitted += mine.Count(r => r.FirstSubmitted is not null);
                notReturned += mine.Count(r => r.FirstSubmitted is not null && !r.Returned);
                var deadline = m.Kind == DeadlineKind.Date && m.Date is { } date ? date : new DateOnly(plan.Year, 12, 31);
                if (deadline <= day)
                {
                    dutiesDue++;
                    completed += done is null ? 0 : 1;
                }
            }

            var owned = targets.Where(t => t.Owners.Count > 0 ? t.Owners.Contains(unit.Id) : unitsOfMeasure[t.MeasureId].Contains(unit.Id)).ToList();
            var township = unit.Kind == OrganizationKind.Township;
            var tally = township ? clues.GetValueOrDefault(unit.RegionCode, ClueTally.None) : null;
            var counts = new Dictionary<string, (int Achieved, int Counted)>
            {
                [YearEndEvaluationRules.ReportsOnTime] = (onTime, due),
                [YearEndEvaluationRules.ReportsNotReturned] = (notReturned, submitted),
                [YearEndEvaluationRules.MeasuresCompleted] = (completed, dutiesDue),
                [YearEndEvaluationRules.TargetsMet] = (owned.Count(t => met.GetValueOrDefault(t.Id) == true), owned.Count),
                [YearEndEvaluationRules.CluesVerifiedOnTime] = tally is null ? (0, 0) : (tally.VerifiedOnTime, tally.Received),
                [YearEndEvaluationRules.CluesClosedOnTime] = tally is null ? (0, 0) : (tally.ClosedOnTime, tally.Closed + tally.Overdue),
            };
            var rows = rules.Select(rule =>
            {
                var (achieved, counted) = counts[rule.Rule];
                decimal? share = counted == 0 ? null : Math.Round((decimal)achieved / counted, 4, MidpointRounding.AwayFromZero);
                decimal? points = counted == 0 ? null : Math.Round(rule.Weight * achieved / counted, 2, MidpointRounding.AwayFromZero);
                return new RuleScore(rule.Rule, YearEndEvaluationRules.Label(rule.Rule), achieved, counted, share, rule.Weight, points);
            }).ToList();
            scored.Add((unit.Id, unit.Name, rows.Sum(r => r.Points ?? 0), rows.Where(r => r.Points is not null).Sum(r => r.Weight), rows));
        }

        var ordered = scored.Select(s => (s.Id, s.Name, s.Earned, s.Possible, s.Rules, Score: s.Possible == 0 ? 0 : Math.Round(s.Earned / s.Possible * 100, 2, MidpointRounding.AwayFromZero)))
            .OrderByDescending(s => s.Score).ThenBy(s => s.Name, StringComparer.Ordinal).ToList();
        var result = ordered.Select(s => new UnitScore(1 + ordered.Count(o => o.Score > s.Score), s.Id, s.Name, s.Score, s.Earned, s.Possible, s.Rules)).ToList();
        return new PlanEvaluation(plan.Id, plan.Title, plan.Year, plan.RegionName, day, rules, stored is null, stored?.UpdatedAt, stored?.UpdatedBy,
            user.CanManagePlansOf(plan.RegionId), result);
    }

    /// <summary>
    /// Sets the plan's rules from a rules document (see <see cref="YearEndEvaluationRules.Parse"/>): the plan's own
    /// coordinators and admins; audited with the rules before and after. Setting the rules the plan already has changes nothing.
    /// </summary>
    public async Task<UseCaseResult<PlanEvaluation>> SetRulesAsync(UserAccess user, int planId, string? rulesJson, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        var visible = await ReportVisibility.OfPlanAsync(db, user, planId, cancellationToken);
        if (!visible.Succeeded)
        {
            return visible.Refusal<PlanEvaluation>();
        }

        var plan = await db.Plans.AsNoTracking().Where(p => p.Id == planId).Select(p => new { p.Title, p.RegionId }).SingleAsync(cancellationToken);
        if (!user.CanManagePlansOf(plan.RegionId))
        {
            return new UseCaseError.Forbidden(CoreText.Get("Evaluation_RulesForbidden", plan.Title));
        }

        var parsed = YearEndEvaluationRules.Parse(rulesJson);
        if (parsed.Value is not { } rules)
        {
            return parsed.Refusal<PlanEvaluation>();
        }

        var row = await db.EvaluationRuleSets.SingleOrDefaultAsync(r => r.PlanId == planId, cancellationToken);
        var previous = row is null ? YearEndEvaluationRules.Default : YearEndEvaluationRules.Parse(row.RulesJson).Value ?? YearEndEvaluationRules.Default;
        var json = YearEndEvaluationRules.ToJson(rules);
        if (row?.RulesJson != json)
        {
            var now = time.GetUtcNow().UtcDateTime;
            if (row is null)
            {
                row = new EvaluationRuleSet { PlanId = planId, RulesJson = json, UpdatedBy = user.UserName };
                db.EvaluationRuleSets.Add(row);
            }

            row.RulesJson = json;
            row.UpdatedAt = now;
            row.UpdatedById = user.UserId == 0 ? null : user.UserId;
            row.UpdatedBy = user.UserName;
            db.Record(AuditAction.EvaluationRules, user, now, null, null, new
            {
                plan = planId,
                rules = rules.ToDictionary(r => r.Rule, r => r.Weight),
                previous = previous.ToDictionary(r => r.Rule, r => r.Weight),
            });
            await db.SaveChangesAsync(cancellationToken);
        }

        return await EvaluateAsync(user, planId, cancellationToken: cancellationToken);
    }

    /// <summary>
    /// Writes the evaluation as the caller sees it to an xlsx (考核结果: one row per unit with each rule's counts, share and
    /// points; 考核规则: the rules), and records the export in the audit trail.
    /// </summary>
    public async Task<UseCaseResult<PlanEvaluation>> ExportAsync(UserAccess user, int planId, Stream output, DateOnly? asOf = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(output);
        var evaluated = await EvaluateAsync(user, planId, asOf, cancellationToken);
        if (evaluated.Value is not { } evaluation)
        {
            return evaluated;
        }

        var header = new List<object?> { "排名", "单位", "得分", "实得分", "应得分" };
        foreach (var rule in evaluation.Rules)
        {
            var label = YearEndEvaluationRules.Label(rule.Rule);
            header.AddRange([$"{label} 达成数", $"{label} 应计数", $"{label} 比例", $"{label} 权重", $"{label} 得分"]);
        }

        var rows = new List<IReadOnlyList<object?>> { header };
        foreach (var unit in evaluation.Units)
        {
            var row = new List<object?> { unit.Rank, unit.Organization, unit.Score, unit.PointsEarned, unit.PointsPossible };
            foreach (var rule in unit.Rules)
            {
                row.AddRange([rule.Achieved, rule.Counted, rule.Share is { } s ? s : "不适用", rule.Weight, rule.Points is { } p ? p : "不适用"]);
            }

            rows.Add(row);
        }

        var rulesSheet = new List<IReadOnlyList<object?>> { new object?[] { "规则", "名称", "权重" } };
        rulesSheet.AddRange(evaluation.Rules.Select(r => (IReadOnlyList<object?>)[r.Rule, YearEndEvaluationRules.Label(r.Rule), r.Weight]));
        rulesSheet.Add(["", "考核日期", evaluation.AsOf.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)]);
        rulesSheet.Add(["", "规则来源", evaluation.DefaultRules ? "默认规则" : $"{evaluation.RulesUpdatedBy} 设定"]);
        SimpleXlsxWriter.Write(output, [new XlsxSheet("考核结果", rows), new XlsxSheet("考核规则", rulesSheet)]);

        db.Record(AuditAction.EvaluationExport, user, time.GetUtcNow().UtcDateTime, null, null, new
        {
            export = "年终考核", plan = planId, as_of = evaluation.AsOf, units = evaluation.Units.Count,
        });
        await db.SaveChangesAsync(cancellationToken);
        return evaluation;
    }

    /// <summary>The instant (UTC) a due day ends in the local time zone: the next day's midnight.</summary>
    private static DateTime EndOf(DateOnly day, TimeZoneInfo zone)
    {
        var midnight = day.AddDays(1).ToDateTime(TimeOnly.MinValue);
        return new DateTimeOffset(midnight, zone.GetUtcOffset(midnight)).UtcDateTime;
    }
}
