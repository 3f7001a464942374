using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using DocumentFormat.OpenXml.Validation;
using EcoPlan.Core.Audit;
using EcoPlan.Core.Export;
using EcoPlan.Core.Progress;
using Word = DocumentFormat.OpenXml.Wordprocessing;

namespace EcoPlan.Core.Tests.Progress;

public sealed class DashboardTests
{
    private static readonly DateOnly s_july = new(2026, 7, 1);
    private static readonly DateOnly s_august = new(2026, 8, 1);

    /// <summary>The Tongzhou plan after a full August, and which measure played which part.</summary>
    private sealed record Month(TestDatabase Database, int PlanId, int Duties, int Measures, int CompletedMeasure, int MissingMeasure, string MissingUnit, int LateMeasure,
        int ReturnedMeasure, int TargetId, decimal Achieved) : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => Database.DisposeAsync();
    }

    /// <summary>
    /// A full month for the Tongzhou plan: every responsible unit submits its August report on every measure and the
    /// coordinator accepts it, except that one unit never reports on one measure (late), one unit reports 滞后, one
    /// reports 已完成, and one report is returned (wrong quantity) and resubmitted before it is accepted.
    /// </summary>
    private static async Task<Month> FullMonthAsync(DatabaseProvider provider)
    {
        var database = await TestDatabase.CreateMigratedAsync(provider);
        await using var db = database.NewContext();
        var tongzhou = await PublishedTongzhou.ImportAsync(db);
        var (planId, assignments, targets, coordinator) = (tongzhou.PlanId, tongzhou.Responsible, tongzhou.Targets, tongzhou.Coordinator);
        var measures = (await db.Measures.Where(m => m.Task!.Section!.PlanId == planId)
            .OrderBy(m => m.Task!.Section!.Ordinal).ThenBy(m => m.Task!.Ordinal).ThenBy(m => m.Ordinal).Select(m => m.Id).ToListAsync())
            .Select(id => new
            {
                Id = id,
                Responsible = assignments.Where(a => a.MeasureId == id).Select(a => a.OrganizationId).Distinct().ToList(),
                Targets = targets.Where(t => t.MeasureId == id).OrderBy(t => t.Id).Select(t => t.Id).ToList(),
            })
            .ToList();
        var single = measures.Where(m => m.Responsible.Count == 1 && m.Targets.Count == 0).ToList();
        var (completedMeasure, missingMeasure, lateMeasure) = (single[0].Id, single[1].Id, single[2].Id);
        var returned = measures.First(m => m.Targets.Count > 0 && m.Responsible.Count > 0 && !single.Take(3).Any(s => s.Id == m.Id));
        var target = returned.Targets[0];
        var workflow = new ProgressWorkflow(db, tongzhou.Clock);
        async Task ReportAsync(int measure, int organization, DateOnly period, ReportContent content, string? returnWith = null, ReportContent? resubmit = null)
        {
            var report = await workflow.SaveAsync(tongzhou.Unit(organization), measure, period, content).Done();
            report = await workflow.SubmitAsync(tongzhou.Unit(organization), report.Id).Done();
            if (returnWith is not null)
            {
                report = await workflow.ReturnAsync(coordinator, report.Id, report.Revision, returnWith).Done();
                report = await workflow.SaveAsync(tongzhou.Unit(organization), measure, period, resubmit!).Done();
                report = await workflow.SubmitAsync(tongzhou.Unit(organization), report.Id).Done();
            }

            await workflow.AcceptAsync(coordinator, report.Id, report.Revision).Done();
            db.ChangeTracker.Clear();
        }

        // July: the first unit of the measure with a target reported a figure that August replaces.
        await ReportAsync(returned.Id, returned.Responsible[0], s_july, new ReportContent(ProgressStatus.InProgress, 20, "7月进展。", new Dictionary<int, decimal> { [target] = 7 }));
        var missingUnit = single[1].Responsible[0];
        foreach (var measure in measures)
        {
            foreach (var organization in measure.Responsible)
            {
                if (measure.Id == missingMeasure)
                {
                    continue;
                }

                if (measure.Id == completedMeasure)
                {
                    await ReportAsync(measure.Id, organization, s_august, new ReportContent(ProgressStatus.Completed, 100, "已全部完成。"));
                }
                else if (measure.Id == lateMeasure)
                {
                    await ReportAsync(measure.Id, organization, s_august, new ReportContent(ProgressStatus.Late, 30, "受汛期影响，进度滞后。"));
                }
                else if (measure.Id == returned.Id && organization == returned.Responsible[0])
                {
                    await ReportAsync(measure.Id, organization, s_august, new ReportContent(ProgressStatus.InProgress, 50, "建成 3 处。", new Dictionary<int, decimal> { [target] = 3 }),
                        returnWith: "数量与清单不符", resubmit: new ReportContent(ProgressStatus.InProgress, 60, "建成 12 处。", new Dictionary<int, decimal> { [target] = 12 }));
                }
                else if (measure.Id == returned.Id)
                {
                    await ReportAsync(measure.Id, organization, s_august, new ReportContent(ProgressStatus.InProgress, 50, "按计划推进。", new Dictionary<int, decimal> { [target] = 5 }));
                }
                else
                {
                    await ReportAsync(measure.Id, organization, s_august, new ReportContent(ProgressStatus.InProgress, 50, "按计划推进。"));
                }
            }
        }

        var missingName = await db.MeasureAssignments.Where(a => a.MeasureId == missingMeasure && a.OrganizationId == missingUnit).Select(a => a.PrintedName).FirstAsync();
        return new Month(database, planId, measures.Sum(m => m.Responsible.Count), measures.Count, completedMeasure, missingMeasure, missingName, lateMeasure, returned.Id, target,
            Achieved: 12 + (5 * (returned.Responsible.Count - 1)));
    }

    [ProviderTheory]
    public async Task FullMonth_DashboardFiguresAreRight(DatabaseProvider provider)
    {
        await using var month = await FullMonthAsync(provider);
        await using var db = month.Database.NewContext();

        var view = (await Dashboard.ForPeriodAsync(db, UserAccess.System, month.PlanId, s_august, today: new DateOnly(2026, 9, 10))).Value!;

        Assert.Equal(new DateOnly(2026, 8, 31), view.AsOf);
        Assert.Equal(s_august, view.Period);
        Assert.Equal(new DateOnly(2026, 8, 25), view.PeriodDue);
        Assert.Equal(new DashboardSummary(month.Measures, month.Duties, Expected: month.Duties, Reported: month.Duties - 1, Accepted: month.Duties - 1, Returned: 0,
            Completed: 1, Late: 2, Overdue: 1).ToString(), view.Summary.ToString());

        var byId = view.Measures.ToDictionary(m => m.MeasureId);
        Assert.Equal((RiskLevel.Green, RiskReason.None, true), (byId[month.CompletedMeasure].Risk, byId[month.CompletedMeasure].Reason, byId[month.CompletedMeasure].Completed));
        Assert.Equal((RiskLevel.Red, RiskReason.ReportedLate, true), (byId[month.LateMeasure].Risk, byId[month.LateMeasure].Reason, byId[month.LateMeasure].Late));
        Assert.Equal(RiskLevel.Amber, byId[month.MissingMeasure].Risk);
        Assert.True(byId[month.MissingMeasure].Late);
        Assert.Equal([month.MissingUnit], byId[month.MissingMeasure].LateUnits);
        Assert.Equal(60, byId[month.ReturnedMeasure].Duties[0].Percent);

        var overdue = Assert.Single(view.Overdue);
        Assert.Equal((month.MissingMeasure, s_august, new DateOnly(2026, 8, 25), 6), (overdue.MeasureId, overdue.Period, overdue.DueOn, overdue.DaysOverdue));
        Assert.Equal([month.MissingUnit], overdue.Units);

        var august = view.Trend.Single(p => p.Period == s_august);
        Assert.Equal((month.Duties, month.Duties - 1, month.Duties - 1, 0), (august.Expected, august.Submitted, august.Accepted, august.Returned));
        var july = view.Trend.Single(p => p.Period == s_july);
        Assert.Equal((1, 1), (july.Submitted, july.Accepted));
        Assert.Equal(new DateOnly(2026, 1, 1), view.Trend[0].Period);

        // The latest accepted figure per unit, summed: July's 7 is replaced by August's 12, the returned 3 never counts.
        var target = view.Targets.Single(t => t.TargetId == month.TargetId);
        Assert.Equal(month.Achieved, target.Achieved);

        var unit = view.ByUnit.Single(u => u.Name == month.MissingUnit);
        Assert.Equal(1, unit.Overdue);
        Assert.Equal(month.Duties, view.ByUnit.Sum(u => u.Total));
        Assert.Equal(month.Measures, view.BySection.Sum(s => s.Total));
        Assert.Equal(2, view.BySection.Sum(s => s.Late));
    }

    [ProviderTheory]
    public async Task FullMonth_AfterTheDeadline_PassedMeasuresTurnRedAndSeptemberIsOverdue(DatabaseProvider provider)
    {
        await using var month = await FullMonthAsync(provider);
        await using var db = month.Database.NewContext();

        var view = (await Dashboard.ComputeAsync(db, UserAccess.System, month.PlanId, new DateOnly(2026, 10, 10))).Value!;

        Assert.Equal(new DateOnly(2026, 10, 1), view.Period);
        var byId = view.Measures.ToDictionary(m => m.MeasureId);
        Assert.Equal(RiskLevel.Green, byId[month.CompletedMeasure].Risk);
        Assert.Equal((RiskLevel.Red, RiskReason.DeadlinePassed), (byId[month.LateMeasure].Risk, byId[month.LateMeasure].Reason));
        // Nobody reported September: every duty not completed owes it, and the completed one does not.
        Assert.Equal(month.Duties - 1, view.Summary.Overdue);
        Assert.DoesNotContain(view.Overdue, o => o.MeasureId == month.CompletedMeasure);
        Assert.All(view.Overdue.Where(o => o.MeasureId != month.MissingMeasure), o => Assert.Equal(new DateOnly(2026, 9, 1), o.Period));
        Assert.Equal(month.Measures - 1, view.Summary.Late);
        Assert.Equal(0, view.Summary.Reported);
    }

    [ProviderTheory]
    public async Task FullMonth_LedgerAndMonthlyReportCarryTheDashboardFigures(DatabaseProvider provider)
    {
        await using var month = await FullMonthAsync(provider);
        await using var db = month.Database.NewContext();
        var view = (await Dashboard.ForPeriodAsync(db, UserAccess.System, month.PlanId, s_august, new DateOnly(2026, 9, 10))).Value!;
        var texts = await db.Measures.Where(m => m.Id == month.CompletedMeasure || m.Id == month.LateMeasure || m.Id == month.MissingMeasure).ToDictionaryAsync(m => m.Id, m => m.Text);

        using var ledger = new MemoryStream();
        Assert.True((await PlanLedgerWriter.WriteAsync(db, UserAccess.System, month.PlanId, view.AsOf, TimeZoneInfo.Utc, ledger)).Succeeded);
        ledger.Position = 0;
        using (var workbook = SpreadsheetDocument.Open(ledger, false))
        {
            Assert.Empty(new OpenXmlValidator().Validate(workbook));
            var sheets = workbook.WorkbookPart!.Workbook.Sheets!.Elements<Sheet>().ToList();
            Assert.Equal(await db.Sections.CountAsync(s => s.PlanId == month.PlanId), sheets.Count);
            Assert.Equal(sheets.Count, workbook.WorkbookPart.Workbook.DefinedNames!.Elements<DefinedName>().Count(d => d.Name == "_xlnm.Print_Titles"));
            var rows = workbook.WorkbookPart.WorksheetParts.SelectMany(p => p.Worksheet.Descendants<Row>())
                .Select(r => r.Elements<Cell>().Select(c => c.InlineString?.InnerText ?? c.CellValue?.Text ?? "").ToList()).ToList();
            Assert.Contains(rows, r => r.SequenceEqual(["序号", "重点任务", "工作措施", "完成时限", "牵头领导", "主责单位", "协办单位", .. PlanLedgerWriter.ProgressHeader]));
            var completed = rows.Single(r => r.Count == 14 && r[2] == texts[month.CompletedMeasure]);
            Assert.Equal(("已通过", "已完成", "100%", "已全部完成。", "2026-08-20", "0"), (completed[7], completed[8], completed[9], completed[11], completed[12], completed[13]));
            var late = rows.Single(r => r.Count == 14 && r[2] == texts[month.LateMeasure]);
            Assert.Equal(("滞后", "30%"), (late[8], late[9]));
            Assert.Equal(("未报送", "—"), (rows.Single(r => r.Count == 14 && r[2] == texts[month.MissingMeasure])[7], rows.Single(r => r.Count == 14 && r[2] == texts[month.MissingMeasure])[8]));
            var setup = workbook.WorkbookPart.WorksheetParts.First().Worksheet.GetFirstChild<PageSetup>()!;
            Assert.Equal((OrientationValues.Landscape, 1u, 0u), (setup.Orientation!.Value, setup.FitToWidth!.Value, setup.FitToHeight!.Value));
        }

        using var report = new MemoryStream();
        Assert.True((await MonthlyReportWriter.WriteAsync(db, UserAccess.System, month.PlanId, s_august, new DateOnly(2026, 9, 10), report)).Succeeded);
        report.Position = 0;
        using var word = WordprocessingDocument.Open(report, false);
        Assert.Empty(new OpenXmlValidator().Validate(word));
        var body = word.MainDocumentPart!.Document.Body!;
        var paragraphs = body.Elements<Word.Paragraph>().Select(p => p.InnerText).ToList();
        Assert.Equal(["一、总体进展", "二、已完成事项", "三、滞后事项及责任单位", "四、量化目标完成情况", "五、下步工作"], paragraphs.Where(p => p.Length > 2 && p[1] == '、' && "一二三四五".Contains(p[0], StringComparison.Ordinal)));
        Assert.Contains($"本计划共有工作措施{month.Measures}项，分解为主责单位任务{month.Duties}项。本期（2026年8月）应报送进展{month.Duties}份，已报送{month.Duties - 1}份，已审核通过{month.Duties - 1}份，退回修改0份。", paragraphs);
        Assert.Contains(paragraphs, p => p.StartsWith("截至2026年8月31日，已完成工作措施1项，滞后2项，逾期未报送进展的单位任务1项。", StringComparison.Ordinal));
        Assert.Equal(MonthlyReportWriter.Summary(view), paragraphs.Skip(4).Take(2));

        var tables = body.Elements<Word.Table>().Select(t => t.Elements<Word.TableRow>().Select(r => r.Elements<Word.TableCell>().Select(c => string.Join('\n', c.Elements<Word.Paragraph>().Select(p => p.InnerText))).ToList()).ToList()).ToList();
        Assert.Equal(3, tables.Count);
        Assert.Equal(texts[month.CompletedMeasure], Assert.Single(tables[0].Skip(1))[2]);
        Assert.Equal(new[] { texts[month.MissingMeasure], texts[month.LateMeasure] }.Order(StringComparer.Ordinal), tables[1].Skip(1).Select(r => r[2]).Order(StringComparer.Ordinal));
        Assert.Contains(tables[1], r => r[5] == month.MissingUnit);
        var targetRow = tables[2].Skip(1).ToList()[view.Targets.Select(t => t.TargetId).ToList().IndexOf(month.TargetId)];
        Assert.StartsWith(ProgressLabels.Number(month.Achieved), targetRow[3], StringComparison.Ordinal);
    }

    [ProviderTheory]
    public async Task Dashboard_UnknownPlan_IsNull(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateMigratedAsync(provider);
        await using var db = database.NewContext();
        Assert.IsType<UseCaseError.NotFound>((await Dashboard.ComputeAsync(db, UserAccess.System, 12345, new DateOnly(2026, 8, 1))).Error);
    }

    [Fact]
    public async Task AuditCsv_WritesOneRowPerEntryWithBom()
    {
        using var output = new MemoryStream();
        await AuditCsv.WriteAsync([new AuditView(new DateTime(2026, 8, 20, 2, 0, 0, DateTimeKind.Utc), "ylj", AuditAction.Submit, 7, "{\"version\":1}")], output);
        var bytes = output.ToArray();
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        Assert.Equal("at_utc,user,action,action_label,report_id,details\r\n2026-08-20T02:00:00Z,ylj,submit,submitted,7,\"{\"\"version\"\":1}\"\r\n", System.Text.Encoding.UTF8.GetString(bytes[3..]));
    }
}
