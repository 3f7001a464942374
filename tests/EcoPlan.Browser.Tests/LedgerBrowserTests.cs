using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

using static EcoPlan.Browser.Tests.BrowserSteps;

namespace EcoPlan.Browser.Tests;

/// <summary>The coordinator downloads the 工作台账 from the dashboard as a browser does and finds each unit's review state in it.</summary>
public sealed class LedgerBrowserTests(BrowserSite site) : IClassFixture<BrowserSite>
{
    private static readonly string[] s_states = ["草稿", "待审核", "已通过", "已退回", "未报送"];

    [ChromiumFact]
    public async Task Coordinator_DownloadsTheLedgerFromTheDashboard_WithTheReviewStateOfEveryRow()
    {
        var plan = await site.QueryAsync(db => db.Plans.Where(p => p.Region!.Code == "110112").Select(p => p.Id).SingleAsync());
        await using var context = await site.NewContextAsync();
        var page = await SignInAsync(context, "coordinator", $"/plans/{plan}/dashboard");

        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "工作台账（Excel）" }).ClickAsync());
        Assert.EndsWith(".xlsx", download.SuggestedFilename, StringComparison.Ordinal);
        var path = Path.Combine(BrowserSite.ScreenshotDirectory, $"{nameof(Coordinator_DownloadsTheLedgerFromTheDashboard_WithTheReviewStateOfEveryRow)}-ledger.xlsx");
        await download.SaveAsAsync(path);

        var states = ReviewStates(path);
        Assert.NotEmpty(states);
        Assert.All(states, s => Assert.Contains(s_states, known => s.StartsWith(known, StringComparison.Ordinal)));
        // The demo has the latest period accepted for most units and a few measures left late.
        Assert.Contains(states, s => s.StartsWith("已通过", StringComparison.Ordinal));
        Assert.Contains(states, s => s.StartsWith("未报送", StringComparison.Ordinal));
    }

    /// <summary>The texts under the 审核状态 header of the workbook's first sheet.</summary>
    private static List<string> ReviewStates(string path)
    {
        using var document = SpreadsheetDocument.Open(path, false);
        var workbook = document.WorkbookPart!;
        var strings = workbook.SharedStringTablePart?.SharedStringTable.Elements<SharedStringItem>().Select(i => i.InnerText).ToList() ?? [];
        var sheet = (WorksheetPart)workbook.GetPartById(workbook.Workbook.Sheets!.Elements<Sheet>().First().Id!);
        string Text(Cell cell) => cell.DataType?.Value == CellValues.SharedString ? strings[int.Parse(cell.CellValue!.Text, System.Globalization.CultureInfo.InvariantCulture)] : cell.InnerText;
        string Column(Cell cell) => new(cell.CellReference!.Value!.TakeWhile(char.IsAsciiLetter).ToArray());

        string? column = null;
        var states = new List<string>();
        foreach (var row in sheet.Worksheet.Descendants<Row>())
        {
            foreach (var cell in row.Elements<Cell>())
            {
                if (column is null && Text(cell) == "审核状态")
                {
                    column = Column(cell);
                }
                else if (column is not null && Column(cell) == column && Text(cell) is { Length: > 0 } text)
                {
                    states.Add(text);
                }
            }
        }

        Assert.NotNull(column);
        return states;
    }
}
