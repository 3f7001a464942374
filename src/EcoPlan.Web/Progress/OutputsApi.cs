using EcoPlan.Core.Export;
using EcoPlan.Core.Progress;
using Microsoft.AspNetCore.Http.HttpResults;

namespace EcoPlan.Web.Progress;

/// <summary>Where a plan stands and the official outputs: the dashboard, the Excel 台账, the Word 月报, a measure's audit trail as CSV.</summary>
public static class OutputsApi
{
    private const string XlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    private const string DocxType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

    public static IEndpointRouteBuilder MapOutputsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1").WithTags("Progress");
        group.MapGet("/plans/{id:int}/dashboard", GetDashboard).WithName(nameof(GetDashboard))
            .WithSummary("The plan's dashboard on a date (date=YYYY-MM-DD, today by default): completion and lateness by unit, lead and section, the red/amber/green board, the overdue list, the trend, targets against achievement.");
        group.MapGet("/plans/{id:int}/ledger.xlsx", GetLedger).WithName(nameof(GetLedger)).ProducesFile(XlsxType)
            .WithSummary("The Excel 工作台账 on a date (date=YYYY-MM-DD, today by default): the plan's table, one row per measure and responsible unit, with the review state of the unit's latest report, the status, percent and target quantities of accepted reports only, the narrative, last report date and reminders sent; one sheet per section, ready to print.");
        group.MapGet("/plans/{id:int}/monthly-report.docx", GetMonthlyReport).WithName(nameof(GetMonthlyReport)).ProducesFile(DocxType)
            .WithSummary("The Word 月报 for a period (period=YYYY-MM, this month by default), with the dashboard's figures.");
        group.MapGet("/measures/{id:int}/audit.csv", GetAuditCsv).WithName(nameof(GetAuditCsv)).ProducesFile("text/csv")
            .WithSummary("The measure's audit trail as CSV (UTF-8); visible to those who may see the audit trail.");
        return app;
    }

    public static async Task<Results<Ok<DashboardView>, UseCaseProblem, ValidationProblem>> GetDashboard(int id, string? date, EcoPlanDbContext db, CurrentUser user, TimeProvider time,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(user);
        if (!TryDate(date, time, out var asOf))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["date"] = [UiText.Get("Form_DateFormat")] });
        }

        var view = await Dashboard.ComputeAsync(db, user.Required, id, asOf, time.LocalTimeZone, cancellationToken);
        return view.Value is { } found ? TypedResults.Ok(found) : new UseCaseProblem(view.Error!);
    }

    public static async Task<Results<FileContentHttpResult, UseCaseProblem, ValidationProblem>> GetLedger(int id, string? date, EcoPlanDbContext db, CurrentUser user, TimeProvider time,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(user);
        if (!TryDate(date, time, out var asOf))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["date"] = [UiText.Get("Form_DateFormat")] });
        }

        using var buffer = new MemoryStream();
        if ((await PlanLedgerWriter.WriteAsync(db, user.Required, id, asOf, time.LocalTimeZone, buffer, cancellationToken)).Error is { } error)
        {
            return new UseCaseProblem(error);
        }

        return TypedResults.File(buffer.ToArray(), XlsxType, $"ledger-plan-{id}-{asOf:yyyyMMdd}.xlsx");
    }

    public static async Task<Results<FileContentHttpResult, UseCaseProblem, ValidationProblem>> GetMonthlyReport(int id, string? period, EcoPlanDbContext db, CurrentUser user, TimeProvider time,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(user);
        var today = Today(time);
        var month = new DateOnly(today.Year, today.Month, 1);
        if (period is not null && !ReportingPeriod.TryParseMonth(period, out month))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["period"] = [UiText.Get("Form_PeriodFormat")] });
        }

        using var buffer = new MemoryStream();
        if ((await MonthlyReportWriter.WriteAsync(db, user.Required, id, month, today, buffer, time.LocalTimeZone, cancellationToken)).Error is { } error)
        {
            return new UseCaseProblem(error);
        }

        return TypedResults.File(buffer.ToArray(), DocxType, $"monthly-report-plan-{id}-{month:yyyy-MM}.docx");
    }

    public static async Task<Results<FileContentHttpResult, UseCaseProblem>> GetAuditCsv(int id, EcoPlanDbContext db, CurrentUser user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        var audit = await ProgressQueries.AuditAsync(db, user.Required, id, cancellationToken);
        if (audit.Value is not { } entries)
        {
            return new UseCaseProblem(audit.Error!);
        }

        using var buffer = new MemoryStream();
        await AuditCsv.WriteAsync(entries, buffer, cancellationToken);
        return TypedResults.File(buffer.ToArray(), "text/csv; charset=utf-8", $"audit-measure-{id}.csv");
    }

    internal static DateOnly Today(TimeProvider time) => DateOnly.FromDateTime(time.GetLocalNow().DateTime);

    internal static bool TryDate(string? text, TimeProvider time, out DateOnly date)
    {
        if (string.IsNullOrEmpty(text))
        {
            date = Today(time);
            return true;
        }

        return DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);
    }
}
