namespace EcoPlan.Core.Audit;

/// <summary>An append-only record of who did what to a measure's work, and when. Written only by <see cref="AuditTrail"/>.</summary>
public sealed class AuditEntry
{
    /// <summary>How details are written: Chinese left readable for whoever reads the trail in the database or an export.</summary>
    public static readonly System.Text.Json.JsonSerializerOptions DetailsJson = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public long Id { get; set; }
    public DateTime At { get; set; }
    public int? UserId { get; set; }
    public string UserName { get; set; } = "";
    public AuditAction Action { get; set; }
    public int? MeasureId { get; set; }
    public int? ReportId { get; set; }

    /// <summary>What changed, as JSON.</summary>
    public string Details { get; set; } = "{}";
}
