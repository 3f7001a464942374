using EcoPlan.Core.Plans;
using EcoPlan.Core.Progress;

namespace EcoPlan.Core.Demo;

/// <summary>
/// The demo's reporting history, so the first start looks like an office in mid-year and not like one where nobody
/// ever reported: every responsible unit's report for the latest period due is in and accepted (labelled 示例数据),
/// except a handful left late on purpose: one measure of each demo unit account (区园林绿化局, 区水务局) and, in each
/// plan, one measure with several units, all past their deadline, so the units, the lead and the coordinators each see a few
/// reminders (grouped per measure), not hundreds.
/// </summary>
internal static class DemoProgress
{
    public static async Task LoadAsync(EcoPlanDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var today = DateOnly.FromDateTime(time.GetLocalNow().DateTime);
        var reminders = new ReminderOptions();
        var dueBy = today.AddDays(reminders.DueSoonDays);
        var now = time.GetUtcNow().UtcDateTime;
        var users = await db.Users.AsNoTracking().Select(u => new { u.Id, u.UserName, u.OrganizationId, u.Organization!.RegionId }).ToListAsync(cancellationToken);
        var measures = await db.Measures.AsNoTracking()
            .Where(m => m.Task!.Section!.Plan!.Status == PlanStatus.Published)
            .OrderBy(m => m.Task!.Section!.Plan!.Id).ThenBy(m => m.Task!.Section!.Ordinal).ThenBy(m => m.Task!.Ordinal).ThenBy(m => m.Ordinal)
            .Select(m => new
            {
                m.Id, PlanId = m.Task!.Section!.Plan!.Id, m.Task.Section.Plan.Year, m.Task.Section.Plan.RegionId, m.Task.Section.Plan.ReportingFrequency, m.Task.Section.Plan.ReportingDueDay,
                m.Deadline.Kind, m.Deadline.Date,
                Units = m.Assignments.Where(a => a.Role == AssignmentRole.Responsible && a.OrganizationId != null).Select(a => a.OrganizationId!.Value).ToList(),
            })
            .ToListAsync(cancellationToken);

        // Units are distinct in memory: SQLite cannot translate a distinct list inside the projection.
        var rows = measures.Select(m => new
        {
            Measure = m,
            Units = m.Units.Distinct().ToList(),
            Periods = ReportingSchedule.Periods(m.Year, m.ReportingFrequency, m.ReportingDueDay, new DateOnly(m.Year, 1, 1), m.Kind, m.Date),
        }).ToList();
        // Late on purpose: measures whose last period was due a week or more ago, so the reminder reaches the coordinators.
        var past = rows.Where(r => r.Periods.Count > 0 && r.Periods[^1].Due.AddDays(reminders.EscalateToCoordinatorAfterDays) <= today).ToList();
        var late = new HashSet<int>();
        foreach (var account in DemoData.Accounts.Where(a => a.Role == Accounts.Roles.Unit))
        {
            var organization = users.Single(u => u.UserName == account.UserName).OrganizationId;
            if (past.FirstOrDefault(r => r.Units.Contains(organization) && !late.Contains(r.Measure.Id)) is { } mine)
            {
                late.Add(mine.Measure.Id);
            }
        }

        late.UnionWith(past.Where(r => r.Units.Count > 1 && !late.Contains(r.Measure.Id))
            .GroupBy(r => r.Measure.PlanId).Select(plan => plan.First().Measure.Id));

        foreach (var row in rows.Where(r => !late.Contains(r.Measure.Id)))
        {
            if (row.Periods.LastOrDefault(p => p.Due <= dueBy) is not { } period)
            {
                continue;
            }

            var reviewer = users.FirstOrDefault(u => u.RegionId == row.Measure.RegionId && u.UserName != "admin")?.Id ?? users[0].Id;
            var done = row.Periods[^1].Start == period.Start && row.Measure.Kind == DeadlineKind.Date;
            var percent = done ? 100 : Math.Clamp(10 * (int)Math.Round(10.0 * (row.Periods.Count(p => p.Start <= period.Start)) / row.Periods.Count), 10, 90);
            foreach (var unit in row.Units)
            {
                var author = users.FirstOrDefault(u => u.OrganizationId == unit)?.Id ?? reviewer;
                var at = DateTime.SpecifyKind(period.Due.ToDateTime(new TimeOnly(9, 0)), DateTimeKind.Utc);
                at = at > now ? now : at;
                db.ProgressReports.Add(new ProgressReport
                {
                    MeasureId = row.Measure.Id, OrganizationId = unit, Period = period.Start, State = ReportState.Accepted, Revision = 3, CreatedAt = at, UpdatedAt = at,
                    Versions =
                    [
                        new ReportVersion
                        {
                            Number = 1, Status = done ? ProgressStatus.Completed : ProgressStatus.InProgress, Percent = percent,
                            Narrative = done ? "已按期完成（示例数据）。" : "按计划推进（示例数据）。",
                            CreatedAt = at, CreatedById = author, SubmittedAt = at, SubmittedById = author, ReviewedAt = at, ReviewedById = reviewer,
                        },
                    ],
                });
            }
        }

        await db.SaveChangesAsync(cancellationToken);
    }
}
