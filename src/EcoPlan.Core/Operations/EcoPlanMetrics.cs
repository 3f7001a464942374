using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace EcoPlan.Core.Operations;

/// <summary>
/// EcoPlan's own meter: every counter and histogram the app reports, made here once and incremented where the thing
/// happens (Core use cases, the web app's background job). The web app exports the meter at /metrics (Prometheus names:
/// dots become underscores, counters end in _total, e.g. ecoplan_reports_submitted_total); docs/operations.md lists them.
/// The CLI records into the same instruments, which cost nothing when nobody listens.
/// </summary>
public static class EcoPlanMetrics
{
    public const string MeterName = "EcoPlan";

    private static readonly Meter s_meter = new(MeterName);

    /// <summary>Report drafts saved (created or changed), whether submitted in the same step or not.</summary>
    public static readonly Counter<long> ReportsSaved = s_meter.CreateCounter<long>("ecoplan.reports.saved", "{report}", "Report drafts saved");

    /// <summary>Reports submitted (a repeated submit of a submitted report is not counted).</summary>
    public static readonly Counter<long> ReportsSubmitted = s_meter.CreateCounter<long>("ecoplan.reports.submitted", "{report}", "Reports submitted for review");

    /// <summary>催办 reminders raised by the reminder job (each a new notice).</summary>
    public static readonly Counter<long> RemindersSent = s_meter.CreateCounter<long>("ecoplan.reminders.sent", "{reminder}", "Reminders raised by the reminder job");

    /// <summary>Imports stored, tagged <c>kind</c> (plan, ei, gepr) and <c>outcome</c> (stored, refused).</summary>
    public static readonly Counter<long> Imports = s_meter.CreateCounter<long>("ecoplan.imports", "{import}", "Imports of plans and indicator files");

    /// <summary>How long an import took, tagged like <see cref="Imports"/>.</summary>
    public static readonly Histogram<double> ImportDuration = s_meter.CreateHistogram<double>("ecoplan.import.duration", "s", "Duration of an import");

    /// <summary>Background job runs, tagged <c>job</c> (reminders) and <c>outcome</c> (ok, failed, skipped: another instance holds the job).</summary>
    public static readonly Counter<long> JobRuns = s_meter.CreateCounter<long>("ecoplan.job.runs", "{run}", "Background job runs");

    /// <summary>Records one import of <paramref name="kind"/> that started at <paramref name="startedAt"/> (a <see cref="Stopwatch"/> timestamp).</summary>
    public static void RecordImport(string kind, bool stored, long startedAt)
    {
        var tags = new TagList { { "kind", kind }, { "outcome", stored ? "stored" : "refused" } };
        Imports.Add(1, tags);
        ImportDuration.Record(Stopwatch.GetElapsedTime(startedAt).TotalSeconds, tags);
    }
}
