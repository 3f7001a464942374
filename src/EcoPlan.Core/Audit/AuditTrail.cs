using System.Text.Json;

namespace EcoPlan.Core.Audit;

/// <summary>
/// The one way a use case writes the audit trail (see docs/adr/0003): it adds the entry beside its change, so the
/// caller's next SaveChanges commits both together or neither.
/// </summary>
public static class AuditTrail
{
    /// <summary>The name the trail shows for what the system did by itself (the reminder run).</summary>
    public const string SystemName = "EcoPlan";

    /// <summary>
    /// Adds an entry: <paramref name="by"/> did <paramref name="action"/> at <paramref name="at"/> (null: the system), to the
    /// measure and report named, with <paramref name="details"/> serialized as JSON.
    /// </summary>
    public static AuditEntry Record(this EcoPlanDbContext db, AuditAction action, UserAccess? by, DateTime at, int? measureId, int? reportId, object details)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(details);
        ArgumentOutOfRangeException.ThrowIfEqual(action, AuditAction.Other);
        var entry = new AuditEntry
        {
            At = at, UserId = by?.UserId, UserName = by?.UserName ?? SystemName, Action = action, MeasureId = measureId, ReportId = reportId,
            Details = JsonSerializer.Serialize(details, AuditEntry.DetailsJson),
        };
        db.AuditEntries.Add(entry);
        return entry;
    }
}
