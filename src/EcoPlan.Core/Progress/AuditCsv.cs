using System.Text;
using CsvHelper;
using CsvHelper.Configuration;
using EcoPlan.Core.Audit;

namespace EcoPlan.Core.Progress;

/// <summary>A measure's audit trail as CSV: one row per entry (its action as stored and as labelled in the reader's language), instants in UTC (ISO 8601), UTF-8 with a byte-order mark so Excel reads the Chinese.</summary>
public static class AuditCsv
{
    public static readonly IReadOnlyList<string> Header = ["at_utc", "user", "action", "action_label", "report_id", "details"];

    public static async Task WriteAsync(IEnumerable<AuditView> entries, Stream output, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entries);
        await using var writer = new StreamWriter(output, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), leaveOpen: true);
        await using var csv = new CsvWriter(writer, new CsvConfiguration(CultureInfo.InvariantCulture) { NewLine = "\r\n" }, leaveOpen: true);
        foreach (var column in Header)
        {
            csv.WriteField(column);
        }

        await csv.NextRecordAsync();
        foreach (var entry in entries)
        {
            cancellationToken.ThrowIfCancellationRequested();
            csv.WriteField(DateTime.SpecifyKind(entry.At, DateTimeKind.Utc).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
            csv.WriteField(entry.UserName);
            csv.WriteField(AuditActions.Stored(entry.Action));
            csv.WriteField(AuditActions.Label(entry.Action));
            csv.WriteField(entry.ReportId?.ToString(CultureInfo.InvariantCulture) ?? "");
            csv.WriteField(entry.Details);
            await csv.NextRecordAsync();
        }

        await csv.FlushAsync();
    }
}
