using EcoPlan.Core.Audit;
using EcoPlan.Core.Export;
using EcoPlan.Core.Clues.Rules;

namespace EcoPlan.Core.Clues;

/// <summary>
/// The 问题台账 of the clues the caller sees under a filter, as an xlsx workbook: 编号, 位置, 面积, 类型, 核查结论, 整改措施,
/// 整改时限, 完成情况, 销号时间 (and the source and batch). Official output, so Chinese whatever the reader's language; every
/// export is an audit entry with who, when, the filter and how many clues.
/// </summary>
public sealed class ClueLedger(EcoPlanDbContext db, TimeProvider time, EvidenceRules rules)
{
    public static readonly IReadOnlyList<string> Header =
        ["编号", "来源", "批次", "乡镇（街道）", "位置（经度, 纬度）", "面积（平方米）", "类型", "核查结论", "结论原因", "整改措施", "整改时限", "完成情况", "销号时间"];

    public async Task<UseCaseResult<int>> WriteAsync(UserAccess user, ClueFilter filter, Stream output, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentNullException.ThrowIfNull(output);
        var today = DateOnly.FromDateTime(time.GetLocalNow().DateTime);
        var visible = await new ClueAccess(db).VisibleAsync(user, cancellationToken);
        var clues = await ClueQueries.Filtered(db.Clues.AsNoTracking().Where(visible), filter, today).OrderBy(c => c.Id)
            .Select(c => new
            {
                c.Id,
                Codes = c.SourceIds.OrderBy(s => s.Id).Select(s => s.Code).ToList(),
                Source = c.Batch!.Source,
                Batch = c.Batch.Name,
                Township = c.Township == null ? null : c.Township.Name,
                c.MinLongitude, c.MaxLongitude, c.MinLatitude, c.MaxLatitude, c.AreaSquareMeters, c.ActivityType, c.Outcome, c.OutcomeReason,
                c.RectificationMeasures, RectifyBy = c.RectifyBy ?? c.Batch.RectifyBy, c.State, c.ClosedAt,
            })
            .ToListAsync(cancellationToken);

        var chinese = CultureInfo.GetCultureInfo("zh-CN");
        var rows = new List<IReadOnlyList<object?>> { Header };
        var previous = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = chinese;
        try
        {
            foreach (var c in clues)
            {
                var lon = (c.MinLongitude + c.MaxLongitude) / 2;
                var lat = (c.MinLatitude + c.MaxLatitude) / 2;
                rows.Add(
                [
                    string.Join("；", c.Codes), ClueLabels.Source(c.Source), c.Batch, c.Township ?? "待分派",
                    FormattableString.Invariant($"{lon:F6}, {lat:F6}"), Math.Round(c.AreaSquareMeters, 1), ClueLabels.Activity(c.ActivityType),
                    c.Outcome is { } o ? ClueLabels.Outcome(o) : "", c.Outcome is { } outcome ? rules.Reasons[outcome].FirstOrDefault(r => r.Code == c.OutcomeReason)?.Zh ?? c.OutcomeReason : "",
                    c.RectificationMeasures ?? "", c.RectifyBy?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "", ClueLabels.State(c.State),
                    c.ClosedAt is { } closed ? TimeZoneInfo.ConvertTimeFromUtc(closed, time.LocalTimeZone).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : "",
                ]);
            }
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }

        SimpleXlsxWriter.Write(output, [new XlsxSheet("问题台账", rows)]);
        db.Record(AuditAction.ClueExport, user, time.GetUtcNow().UtcDateTime, null, null, new
        {
            export = "问题台账", state = filter.State?.ToString(), township = filter.TownshipCode, unassigned = filter.Unassigned, batch = filter.BatchId,
            overdue = filter.Overdue, text = filter.Text, clues = clues.Count,
        });
        await db.SaveChangesAsync(cancellationToken);
        return clues.Count;
    }
}
