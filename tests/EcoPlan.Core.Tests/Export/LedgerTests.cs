using System.Text.RegularExpressions;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using DocumentFormat.OpenXml.Validation;
using EcoPlan.Core.Export;
using EcoPlan.Core.Import.Documents;
using EcoPlan.Core.Progress;
using EcoPlan.Core.Tests.Progress;

namespace EcoPlan.Core.Tests.Export;

/// <summary>A test that needs LibreOffice Calc; skipped, saying how to install it, when it is missing.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class LibreOfficeFactAttribute : FactAttribute
{
    public const string Soffice = "/usr/bin/soffice";

    public LibreOfficeFactAttribute()
    {
        if (!File.Exists(Soffice))
        {
            Skip = $"LibreOffice print check skipped: {Soffice} is missing; install it with `apt-get install -y libreoffice-calc-nogui fonts-noto-cjk` (.ci/run does).";
        }
    }
}

public sealed partial class LedgerTests
{
    private static readonly DateOnly s_july = new(2026, 7, 1);
    private static readonly DateOnly s_august = new(2026, 8, 1);
    private static readonly DateOnly s_asOf = new(2026, 8, 31);

    /// <summary>
    /// The Tongzhou demo plan in August, one measure per review state: a report of 已完成/100% the coordinator returned
    /// (issue 10, item 8), an accepted report with a quantity, a report waiting for review whose July report was accepted,
    /// a draft never submitted; the other measures have no report.
    /// </summary>
    private sealed record Scenario(TestDatabase Database, int PlanId, int Returned, int Accepted, int AcceptedUnit, int Pending, int Draft, int Unreported, int TargetId) : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => Database.DisposeAsync();
    }

    private const string ReturnReason = "佐证材料不全，请补充验收文件";

    private static async Task<Scenario> ScenarioAsync(DatabaseProvider provider)
    {
        var database = await TestDatabase.CreateMigratedAsync(provider);
        await using var db = database.NewContext();
        var tongzhou = await PublishedTongzhou.ImportAsync(db);
        var (planId, assignments, targets, coordinator) = (tongzhou.PlanId, tongzhou.Responsible, tongzhou.Targets, tongzhou.Coordinator);
        var withTarget = assignments.Where(a => targets.Any(t => t.MeasureId == a.MeasureId)).OrderBy(a => a.MeasureId)
            .Select(a => (Measure: a.MeasureId, Unit: a.OrganizationId)).First();
        var others = assignments.Where(a => a.MeasureId != withTarget.Measure).GroupBy(a => a.MeasureId).Where(g => g.Select(a => a.OrganizationId).Distinct().Count() == 1)
            .Select(g => (Measure: g.Key, Unit: g.First().OrganizationId)).OrderBy(m => m.Measure).ToList();
        var (returned, pending, draft, unreported) = (others[0], others[1], others[2], others[3]);
        var target = targets.Where(t => t.MeasureId == withTarget.Measure).Min(t => t.Id);

        var workflow = new ProgressWorkflow(db, tongzhou.Clock);
        async Task<ReportView> SubmitAsync((int Measure, int Unit) duty, DateOnly period, ReportContent content)
        {
            var report = await workflow.SaveAsync(tongzhou.Unit(duty.Unit), duty.Measure, period, content, submit: true).Done();
            db.ChangeTracker.Clear();
            return report;
        }

        var sent = await SubmitAsync(returned, s_august, new ReportContent(ProgressStatus.Completed, 100, "已全部完成。"));
        await workflow.ReturnAsync(coordinator, sent.Id, sent.Revision, ReturnReason).Done();
        db.ChangeTracker.Clear();
        sent = await SubmitAsync(withTarget, s_august, new ReportContent(ProgressStatus.InProgress, 60, "已建成12处，其余按计划推进。", new Dictionary<int, decimal> { [target] = 12 }));
        await workflow.AcceptAsync(coordinator, sent.Id, sent.Revision).Done();
        db.ChangeTracker.Clear();
        sent = await SubmitAsync(pending, s_july, new ReportContent(ProgressStatus.InProgress, 40, "7月进展。"));
        await workflow.AcceptAsync(coordinator, sent.Id, sent.Revision).Done();
        db.ChangeTracker.Clear();
        await SubmitAsync(pending, s_august, new ReportContent(ProgressStatus.Completed, 100, "8月已完成，待审核。"));
        await workflow.SaveAsync(tongzhou.Unit(draft.Unit), draft.Measure, s_august, new ReportContent(ProgressStatus.InProgress, 10, "草稿，尚未提交。")).Done();
        return new Scenario(database, planId, returned.Measure, withTarget.Measure, withTarget.Unit, pending.Measure, draft.Measure, unreported.Measure, target);
    }

    private static async Task<byte[]> LedgerAsync(Scenario scenario)
    {
        await using var db = scenario.Database.NewContext();
        using var output = new MemoryStream();
        Assert.True((await PlanLedgerWriter.WriteAsync(db, UserAccess.System, scenario.PlanId, s_asOf, TimeZoneInfo.Utc, output)).Succeeded);
        return output.ToArray();
    }

    /// <summary>Every row of every sheet as its cells' texts, with the row's height.</summary>
    private static List<(List<string> Cells, double? Height)> Rows(byte[] ledger)
    {
        using var workbook = SpreadsheetDocument.Open(new MemoryStream(ledger), false);
        return [.. workbook.WorkbookPart!.WorksheetParts.SelectMany(p => p.Worksheet.Descendants<Row>())
            .Select(r => (r.Elements<Cell>().Select(c => c.InlineString?.InnerText ?? c.CellValue?.Text ?? "").ToList(), r.Height?.Value))];
    }

    [ProviderTheory]
    public async Task Ledger_ReturnedCompletedReport_ShowsTheReturnAndCountsOnlyAcceptedFigures(DatabaseProvider provider)
    {
        await using var scenario = await ScenarioAsync(provider);
        await using var db = scenario.Database.NewContext();
        var texts = await db.Measures.Where(m => m.Task!.Section!.PlanId == scenario.PlanId).ToDictionaryAsync(m => m.Id, m => m.Text);
        var dashboard = (await Dashboard.ComputeAsync(db, UserAccess.System, scenario.PlanId, s_asOf)).Value!;

        var rows = Rows(await LedgerAsync(scenario)).Select(r => r.Cells).ToList();
        Assert.Contains(rows, r => r.SequenceEqual(["序号", "重点任务", "工作措施", "完成时限", "牵头领导", "主责单位", "协办单位", .. PlanLedgerWriter.ProgressHeader]));
        List<string> RowOf(int measure) => rows.Single(r => r.Count == 14 && r[2] == texts[measure]);

        // The dashboard and the ledger agree: a returned 已完成 is not completed, and nothing of it counts as achieved.
        Assert.False(dashboard.Measures.Single(m => m.MeasureId == scenario.Returned).Completed);
        var returned = RowOf(scenario.Returned);
        Assert.Equal(($"已退回，退回原因：{ReturnReason}", "—", "—", "已全部完成。", "2026-08-20"), (returned[7], returned[8], returned[9], returned[11], returned[12]));
        Assert.DoesNotContain("100%", returned);
        Assert.DoesNotContain("已完成", returned.Skip(7).Take(3));

        // One row per responsible unit: the measure's cells stand in its first row (merged down), each unit has its own.
        var duties = dashboard.Measures.Single(m => m.MeasureId == scenario.Accepted).Duties;
        var block = rows.Skip(rows.IndexOf(RowOf(scenario.Accepted))).Take(duties.Count).ToList();
        Assert.Equal(duties.Select(d => d.Organization), block.Select(r => r[5]));
        var accepted = block.Single(r => r[5] == duties.Single(d => d.OrganizationId == scenario.AcceptedUnit).Organization);
        Assert.Equal(("已通过", "推进中", "60%"), (accepted[7], accepted[8], accepted[9]));
        Assert.All(block.Where(r => r != accepted), r => Assert.Equal(("未报送", "—", ""), (r[7], r[8], r[2])));
        var target = dashboard.Targets.Single(t => t.TargetId == scenario.TargetId);
        Assert.Equal(12m, target.Achieved);
        Assert.Contains($"{target.Metric}：已完成12", block[0][10], StringComparison.Ordinal);

        // August's 已完成 waits for review: July's accepted 推进中 40% is what counts.
        var pending = RowOf(scenario.Pending);
        Assert.Equal(("待审核", "推进中", "40%"), (pending[7], pending[8], pending[9]));
        Assert.False(dashboard.Measures.Single(m => m.MeasureId == scenario.Pending).Completed);

        Assert.Equal(("草稿", "—", "—"), (RowOf(scenario.Draft)[7], RowOf(scenario.Draft)[8], RowOf(scenario.Draft)[9]));
        Assert.Equal(("未报送", "—"), (RowOf(scenario.Unreported)[7], RowOf(scenario.Unreported)[8]));
    }

    [ProviderTheory]
    public async Task Ledger_IsValidAndReadyToPrint(DatabaseProvider provider)
    {
        await using var scenario = await ScenarioAsync(provider);
        var ledger = await LedgerAsync(scenario);
        using var workbook = SpreadsheetDocument.Open(new MemoryStream(ledger), false);
        Assert.Empty(new OpenXmlValidator().Validate(workbook));
        foreach (var sheet in workbook.WorkbookPart!.WorksheetParts.Select(p => p.Worksheet))
        {
            var setup = sheet.GetFirstChild<PageSetup>()!;
            Assert.Equal((9u, OrientationValues.Landscape, 1u, 0u), (setup.PaperSize!.Value, setup.Orientation!.Value, setup.FitToWidth!.Value, setup.FitToHeight!.Value));
            Assert.True(sheet.GetFirstChild<SheetProperties>()!.PageSetupProperties!.FitToPage!.Value);
            Assert.True(sheet.GetFirstChild<PrintOptions>()!.GridLines!.Value);
            Assert.All(sheet.Descendants<Row>(), r => Assert.True(r.CustomHeight?.Value == true && r.Height?.Value > 0, $"row {r.RowIndex} has no height"));
        }

        Assert.Equal(workbook.WorkbookPart.WorksheetParts.Count(), workbook.WorkbookPart.Workbook.DefinedNames!.Elements<DefinedName>().Count(d => d.Name == "_xlnm.Print_Titles"));

        // Rows are as tall as their text needs: the rows of the measure with the longest text (merged down over its units'
        // rows) are together many lines tall, the shortest row one line.
        var rows = Rows(ledger);
        var measures = rows.Select((r, i) => (r.Cells, r.Height, Index: i)).Where(r => r.Cells.Count == 14 && r.Cells[2].Length > 0).Skip(1).ToList();
        var longest = measures.MaxBy(r => r.Cells[2].Length);
        var block = rows.Skip(longest.Index).TakeWhile((r, i) => i == 0 || (r.Cells.Count == 14 && r.Cells[2].Length == 0)).Sum(r => r.Height);
        var shortest = rows.Min(r => r.Height);
        Assert.True(block > 5 * shortest, $"{longest.Cells[2].Length} characters in {block} points, a line {shortest}");
    }

    /// <summary>
    /// LibreOffice Calc prints the ledger to PDF as a user would; every cell's text must be on the pages, and nothing cut
    /// by a row too short for its wrapped text. The workbook and the PDF are kept under TestResults/ledger/ to look at.
    /// </summary>
    [LibreOfficeFact]
    public async Task Ledger_PrintedByLibreOffice_ShowsEveryCellInFull()
    {
        await using var scenario = await ScenarioAsync(DatabaseProvider.Sqlite);
        var ledger = await LedgerAsync(scenario);
        var directory = Path.Combine(AppContext.BaseDirectory, "TestResults", "ledger");
        Directory.CreateDirectory(directory);
        var xlsx = Path.Combine(directory, "ledger.xlsx");
        await File.WriteAllBytesAsync(xlsx, ledger);
        var pdf = Path.ChangeExtension(xlsx, ".pdf");
        File.Delete(pdf);

        // A profile of its own, so a LibreOffice already running (or another test run) does not take the job.
        var profile = new Uri(Path.Combine(directory, "profile")).AbsoluteUri;
        await RunAsync(LibreOfficeFactAttribute.Soffice, "-env:UserInstallation=" + profile, "--headless", "--convert-to", "pdf", "--outdir", directory, xlsx);
        Assert.True(File.Exists(pdf), $"LibreOffice wrote no {pdf}");
        // The words of each page as our PDF reader finds them, in the order they are drawn.
        var pages = new PdfDocumentReader().ReadPages(await File.ReadAllBytesAsync(pdf), "ledger.pdf", CancellationToken.None);
        var printed = Squeeze(string.Concat(pages.SelectMany(p => p.Words).Select(w => w.Text)));

        var cells = Rows(ledger).SelectMany(r => r.Cells).Where(c => c.Length > 0).Distinct().ToList();
        Assert.True(cells.Count > 100, $"only {cells.Count} cells");
        var missing = cells.Where(c => !printed.Contains(Squeeze(c), StringComparison.Ordinal)).ToList();
        Assert.True(missing.Count == 0, $"{missing.Count} of {cells.Count} cells are not (in full) in {pdf}:\n" + string.Join("\n", missing.Take(10)));

        // Text cut by a row too short is still in the PDF, drawn beyond its cell and clipped: it then runs off the page or
        // over the text of the next cells. So every word must lie on its page, and no two words may be drawn over each
        // other (their middle halves, so that the lines of one cell, which touch, do not count).
        Assert.NotEmpty(pages);
        var problems = new List<string>();
        foreach (var page in pages)
        {
            var words = page.Words;
            problems.AddRange(words.Where(w => w.XMin < 0 || w.YMin < 0 || w.XMax > page.Width || w.YMax > page.Height).Select(w => $"page {page.Number}: '{w.Text}' runs off the page"));
            for (var i = 0; i < words.Count; i++)
            {
                for (var j = i + 1; j < words.Count; j++)
                {
                    var (a, b) = (words[i], words[j]);
                    var (aTop, aBottom) = (a.YMin + (a.Height / 4), a.YMax - (a.Height / 4));
                    var (bTop, bBottom) = (b.YMin + (b.Height / 4), b.YMax - (b.Height / 4));
                    if (a.XMin < b.XMax - 0.5 && b.XMin < a.XMax - 0.5 && aTop < bBottom && bTop < aBottom)
                    {
                        problems.Add($"page {page.Number}: '{a.Text}' and '{b.Text}' are drawn over each other");
                    }
                }
            }
        }

        Assert.True(problems.Count == 0, $"{problems.Count} problems in {pdf}:\n" + string.Join("\n", problems.Take(10)));
    }

    private static string Squeeze(string text) => Whitespace().Replace(text, "");

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    private static async Task<string> RunAsync(string program, params string[] arguments)
    {
        var (exitCode, output, error) = await ExternalProgram.RunAsync(program, arguments, TimeSpan.FromMinutes(3));
        Assert.True(exitCode == 0, $"{program} exited with {exitCode}: {error}");
        return output;
    }
}
