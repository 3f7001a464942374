using System.Globalization;
using System.Text;
using System.Text.Json;
using EcoPlan.Core.Accounts;
using EcoPlan.Core.Data;
using EcoPlan.Core.Notifications;
using EcoPlan.Core.Plans;
using Microsoft.EntityFrameworkCore;

namespace EcoPlan.Core.Progress;

/// <summary>When to remind and whom to escalate to (configuration section EcoPlan:Reminders).</summary>
public sealed record ReminderOptions
{
    /// <summary>A report due within this many days gets a first reminder to the unit.</summary>
    public int DueSoonDays { get; init; } = 3;

    /// <summary>Days overdue after which the measure's lead (leader or lead department) is told.</summary>
    public int EscalateToLeadAfterDays { get; init; } = 3;

    /// <summary>Days overdue after which the plan's coordinators are told.</summary>
    public int EscalateToCoordinatorAfterDays { get; init; } = 7;
}

/// <summary>How far a reminder has gone: the unit first, then the lead, then the coordinator.</summary>
public enum ReminderLevel
{
    DueSoon,
    Overdue,
    Lead,
    Coordinator,
}

/// <summary>A reminder made in one run: about which report, to which organization.</summary>
public sealed record Reminder(int MeasureId, string TaskName, int UnitId, string Unit, DateOnly Period, DateOnly Due, ReminderLevel Level, int RecipientId, string Text);

/// <summary>Sends a digest of new reminders to people by e-mail (SMTP in production, a fake in tests).</summary>
public interface IReminderMailer
{
    Task SendAsync(string to, string subject, string body, CancellationToken cancellationToken);
}

/// <summary>
/// 催办: finds reports due soon and overdue in published plans and tells the unit, then the measure's lead,
/// then the coordinators, after the configured delays. Each reminder is a notification keyed by measure, unit,
/// period and level, so running the job twice reminds nobody twice; each is recorded on the measure (留痕);
/// each recipient with an e-mail address gets one digest of what is new, and no digest when nothing is.
/// </summary>
public sealed class ReminderJob(EcoPlanDbContext db, TimeProvider time, ReminderOptions options, IReminderMailer? mailer = null)
{
    public async Task<IReadOnlyList<Reminder>> RunAsync(CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var today = DateOnly.FromDateTime(time.GetLocalNow().DateTime);
        var candidates = await FindAsync(today, cancellationToken);
        if (candidates.Count == 0)
        {
            return [];
        }

        var keys = candidates.Select(Key).ToList();
        var existing = (await db.Notifications.Where(n => keys.Contains(n.Key)).Select(n => new { n.OrganizationId, n.Key }).ToListAsync(cancellationToken))
            .Select(n => (n.OrganizationId, n.Key)).ToHashSet();
        var fresh = candidates.Where(r => !existing.Contains((r.RecipientId, Key(r)))).ToList();
        if (fresh.Count == 0)
        {
            return [];
        }

        foreach (var reminder in fresh)
        {
            db.Notifications.Add(new Notification { OrganizationId = reminder.RecipientId, Key = Key(reminder), Text = reminder.Text, Link = $"/measures/{reminder.MeasureId}#progress", CreatedAt = now });
        }

        foreach (var group in fresh.GroupBy(r => (r.MeasureId, r.UnitId, r.Period, r.Level)))
        {
            db.AuditEntries.Add(new AuditEntry
            {
                At = now, UserName = "EcoPlan", Action = "remind", MeasureId = group.Key.MeasureId,
                Details = JsonSerializer.Serialize(new { unit = group.First().Unit, period = group.Key.Period, level = group.Key.Level.ToString(), recipients = group.Select(r => r.RecipientId).ToList() }, AuditEntry.DetailsJson),
            });
        }

        await db.SaveChangesAsync(cancellationToken);
        if (mailer is not null)
        {
            await MailAsync(fresh, cancellationToken);
        }

        return fresh;
    }

    private static string Key(Reminder r) => string.Create(CultureInfo.InvariantCulture, $"remind:{r.MeasureId}:{r.UnitId}:{r.Period:yyyy-MM}:{r.Level}");

    private async Task<List<Reminder>> FindAsync(DateOnly today, CancellationToken cancellationToken)
    {
        var measures = await db.Measures.AsNoTracking()
            .Where(m => m.Task!.Section!.Plan!.Status == PlanStatus.Published)
            .Select(m => new
            {
                m.Id, TaskName = m.Task!.Name, m.Task.Section!.Plan!.Year, m.Task.Section.Plan.RegionId, m.Task.Section.Plan.ReportingFrequency, m.Task.Section.Plan.ReportingDueDay,
                m.Deadline.Kind, m.Deadline.Date,
                Responsible = m.Assignments.Where(a => a.Role == AssignmentRole.Responsible && a.OrganizationId != null).Select(a => new { Id = a.OrganizationId!.Value, a.PrintedName }).ToList(),
                LeadOrganizations = m.Assignments.Where(a => a.Role == AssignmentRole.Lead).Select(a => a.OrganizationId ?? a.Leader!.OrganizationId).ToList(),
            })
            .ToListAsync(cancellationToken);
        var reports = (await db.ProgressReports.AsNoTracking()
                .Select(r => new { r.MeasureId, r.OrganizationId, r.Period, r.State, Completed = r.State == ReportState.Accepted && r.Versions.OrderByDescending(v => v.Number).First().Status == ProgressStatus.Completed })
                .ToListAsync(cancellationToken))
            .ToLookup(r => (r.MeasureId, r.OrganizationId));
        var coordinators = (await db.Users.Where(u => db.UserRoles.Any(ur => ur.UserId == u.Id && db.Roles.Any(role => role.Id == ur.RoleId && role.Name == Roles.Coordinator)))
                .Select(u => new { u.OrganizationId, u.Organization!.RegionId }).Distinct().ToListAsync(cancellationToken))
            .ToLookup(c => c.RegionId, c => c.OrganizationId);

        var reminders = new List<Reminder>();
        foreach (var measure in measures)
        {
            var periods = ReportingSchedule.Periods(measure.Year, measure.ReportingFrequency, measure.ReportingDueDay, new DateOnly(measure.Year, 1, 1), measure.Kind, measure.Date);
            foreach (var unit in measure.Responsible.DistinctBy(u => u.Id))
            {
                var own = reports[(measure.Id, unit.Id)].ToList();
                // A measure accepted as done stops asking.
                if (own.Any(r => r.Completed))
                {
                    continue;
                }

                // Only the latest period due counts: a unit late for months gets one escalating reminder, not one per month.
                if (periods.LastOrDefault(p => p.Due <= today.AddDays(options.DueSoonDays)) is { } period
                    && !own.Any(r => r.Period == period.Start && r.State is ReportState.Submitted or ReportState.Accepted))
                {
                    var overdue = today.DayNumber - period.Due.DayNumber;
                    var label = period.Start.ToString("yyyy-MM", CultureInfo.InvariantCulture);
                    var due = period.Due.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
                    Reminder Make(ReminderLevel level, int recipient, string text) => new(measure.Id, measure.TaskName, unit.Id, unit.PrintedName, period.Start, period.Due, level, recipient, text);
                    if (overdue < 0)
                    {
                        reminders.Add(Make(ReminderLevel.DueSoon, unit.Id, $"催办：「{measure.TaskName}」{label} 进展报告将于 {due} 到期，请按时报送。"));
                        continue;
                    }

                    reminders.Add(Make(ReminderLevel.Overdue, unit.Id, $"催办：「{measure.TaskName}」{label} 进展报告已逾期 {overdue} 天（{due} 到期），请尽快报送。"));
                    if (overdue >= options.EscalateToLeadAfterDays)
                    {
                        reminders.AddRange(measure.LeadOrganizations.Distinct().Select(lead =>
                            Make(ReminderLevel.Lead, lead, $"督办：{unit.PrintedName}「{measure.TaskName}」{label} 进展报告已逾期 {overdue} 天，请督促报送。")));
                    }

                    if (overdue >= options.EscalateToCoordinatorAfterDays)
                    {
                        reminders.AddRange(coordinators[measure.RegionId].Distinct().Select(coordinator =>
                            Make(ReminderLevel.Coordinator, coordinator, $"督办：{unit.PrintedName}「{measure.TaskName}」{label} 进展报告已逾期 {overdue} 天，已提醒牵头领导（部门）。")));
                    }
                }
            }
        }

        return reminders;
    }

    /// <summary>One digest per person: everything new for the organizations the person belongs to.</summary>
    private async Task MailAsync(List<Reminder> fresh, CancellationToken cancellationToken)
    {
        var organizations = fresh.Select(r => r.RecipientId).Distinct().ToList();
        var people = await db.Users.AsNoTracking().Where(u => organizations.Contains(u.OrganizationId) && u.Email != null && u.Email != "")
            .Select(u => new { u.Email, u.OrganizationId }).ToListAsync(cancellationToken);
        foreach (var person in people)
        {
            var items = fresh.Where(r => r.RecipientId == person.OrganizationId).ToList();
            if (items.Count == 0)
            {
                continue;
            }

            var body = new StringBuilder("EcoPlan 催办提醒 / reminders:\n\n");
            foreach (var item in items)
            {
                body.Append("- ").Append(item.Text).Append('\n');
            }

            await mailer!.SendAsync(person.Email!, $"EcoPlan 催办：{items.Count} 项进展报告待报送", body.ToString(), cancellationToken);
        }
    }
}
