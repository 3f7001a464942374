using System.IO.Compression;
using System.Text;
using EcoPlan.Core.Accounts;
using EcoPlan.Core.Demo;
using EcoPlan.Core.Import;
using EcoPlan.Core.Plans;
using EcoPlan.Core.Progress;
using Microsoft.Extensions.DependencyInjection;

namespace EcoPlan.Web.Tests;

/// <summary>
/// The visibility rule (<see cref="ReportVisibility"/>) on every read path, as the authorization matrix's second half: markers are
/// planted in real reports of the demo data (narratives, a quantity, attachment names) and in a draft plan's title, then every
/// read path (API JSON, pages, the dashboard, the 台账 and 月报 unzipped, the plan exports, the calendar, the audit CSV, downloads)
/// is fetched as each kind of user. A marker must reach exactly those the rule allows: never anyone else, on any path; and, on
/// the paths that carry it, every one of those it allows.
/// </summary>
public sealed class VisibilityMatrixTests
{
    // ASCII markers, so they read the same in JSON, HTML and the XML inside .xlsx and .docx.
    private const string NarrativeA = "ZQMARK-NARR-A";
    private const string FileA = "ZQMARK-FILE-A.pdf";
    private const string QuantityA = "7341.29";
    private const string NarrativeB = "ZQMARK-NARR-B";
    private const string FileB = "ZQMARK-FILE-B.pdf";
    private const string NarrativeC = "ZQMARK-NARR-C";
    private const string DraftTitle = "ZQMARK-DRAFT";

    private static readonly string[] s_users = ["admin", "city", "coordinator", "ylj", "swj", "lzh", "viewer", "daxing"];

    /// <summary>A read path: its URL, and the markers it shows to everyone the rule allows them to (none: a path checked only for leaks).</summary>
    private sealed record ReadPath(string Url, params string[] Carries);

    [ProviderTheory]
    public async Task EveryReadPath_ShowsEachMarkerExactlyToThoseTheRuleAllows(DatabaseProvider provider)
    {
        await using var factory = await EcoPlanWebFactory.CreateAsync(provider, demoData: true);
        var site = await PlantAsync(factory);
        string[] overseers = ["admin", "city", "coordinator"];
        var allowed = new Dictionary<string, HashSet<string>>
        {
            // ylj's report on a measure only ylj answers for, led by 林正航 (lzh): the writer, its lead and those who oversee.
            [NarrativeA] = [.. overseers, "ylj", "lzh"],
            [FileA] = [.. overseers, "ylj", "lzh"],
            [QuantityA] = [.. overseers, "ylj", "lzh"],
            // Another of ylj's measures, its report awaiting review.
            [NarrativeB] = [.. overseers, "ylj", "lzh"],
            [FileB] = [.. overseers, "ylj", "lzh"],
            // swj's report on a measure ylj cooperates on and another leader leads: both units, not lzh (the leak found).
            [NarrativeC] = [.. overseers, "swj", "ylj"],
            // A draft Tongzhou plan: admins and the coordinators of its region or above.
            [DraftTitle] = [.. overseers],
        };

        var tz = site.TongzhouPlan;
        var draft = site.DraftPlan;
        var period = site.Period.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);
        ReadPath[] paths =
        [
            new("/api/v1/plans", DraftTitle),
            new($"/api/v1/plans/{tz}"),
            new($"/api/v1/plans/{draft}", DraftTitle),
            new($"/api/v1/plans/{draft}/export?format=xlsx", DraftTitle),
            new($"/api/v1/plans/{draft}/export?format=docx", DraftTitle),
            new($"/api/v1/plans/{tz}/export?format=xlsx"),
            new($"/api/v1/plans/{tz}/dashboard", NarrativeA, QuantityA, NarrativeB, NarrativeC),
            new($"/api/v1/plans/{draft}/dashboard", DraftTitle),
            new($"/api/v1/plans/{tz}/ledger.xlsx", NarrativeA, QuantityA, NarrativeB, NarrativeC),
            new($"/api/v1/plans/{draft}/ledger.xlsx", DraftTitle),
            new($"/api/v1/plans/{tz}/monthly-report.docx?period={period}", NarrativeA, QuantityA),
            new($"/api/v1/plans/{draft}/monthly-report.docx?period={period}", DraftTitle),
            new($"/api/v1/measures/{site.MeasureA}/reports", NarrativeA, FileA, QuantityA),
            new($"/api/v1/measures/{site.MeasureB}/reports", NarrativeB, FileB),
            new($"/api/v1/measures/{site.MeasureC}/reports", NarrativeC),
            new($"/api/v1/reports/{site.ReportA}/changes", NarrativeA, FileA, QuantityA),
            new($"/api/v1/reports/{site.ReportB}/changes", NarrativeB, FileB),
            new($"/api/v1/reports/{site.ReportC}/changes", NarrativeC),
            new($"/api/v1/measures/{site.MeasureA}/audit", FileA),
            new($"/api/v1/measures/{site.MeasureB}/audit.csv", FileB),
            new($"/api/v1/attachments/{site.AttachmentA}", FileA),
            new($"/api/v1/attachments/{site.AttachmentB}", FileB),
            new($"/api/v1/measures?plan={draft}", DraftTitle),
            new("/api/v1/measures"),
            new($"/api/v1/measures/{site.MeasureA}"),
            new($"/api/v1/measures/{site.DraftMeasure}"),
            new("/api/v1/me/measures"),
            new("/api/v1/reviews"),
            new("/", DraftTitle),
            new($"/plans/{tz}"),
            new($"/plans/{draft}", DraftTitle),
            new($"/plans/{tz}/dashboard", QuantityA),
            new($"/plans/{draft}/dashboard", DraftTitle),
            new($"/plans/{draft}/publish"),
            new($"/measures/{site.MeasureA}", NarrativeA, FileA),
            new($"/measures/{site.MeasureB}", NarrativeB, FileB),
            new($"/measures/{site.MeasureC}", NarrativeC),
            new($"/measures/{site.DraftMeasure}"),
            new($"/indicators/targets?plan={draft}", DraftTitle),
            new("/calendar"),
            new("/my"),
            new("/portfolio"),
            new("/reviews"),
        ];

        var failures = new List<string>();
        foreach (var user in s_users)
        {
            using var client = await factory.SignInAsync(user);
            foreach (var path in paths)
            {
                var (status, text) = await ReadAsync(client, path.Url);
                foreach (var (marker, readers) in allowed)
                {
                    var shown = text.Contains(marker, StringComparison.Ordinal);
                    if (shown && !readers.Contains(user))
                    {
                        failures.Add($"LEAK {marker} to {user} on {path.Url} ({status})");
                    }
                    else if (!shown && readers.Contains(user) && path.Carries.Contains(marker))
                    {
                        failures.Add($"MISSING {marker} for {user} on {path.Url} ({status})");
                    }
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join('\n', failures));

        // The coordinator and the viewer of 区生态环境局 read /api/v1/me/measures one after the other (the users' order): the
        // coordinator's list names the draft, so had the kept JSON (PlanViewCache) been shared across their rights, the viewer
        // would have been served it, and the loop above would have said so.
        using var coordinatorClient = await factory.SignInAsync("coordinator");
        Assert.Contains(DraftTitle, (await ReadAsync(coordinatorClient, "/api/v1/me/measures")).Text, StringComparison.Ordinal);
    }

    /// <summary>The status and what the response says: headers (a download's file name) and body, .xlsx and .docx unzipped to their XML.</summary>
    private static async Task<(int Status, string Text)> ReadAsync(HttpClient client, string url)
    {
        using var response = await client.GetAsync(new Uri(url, UriKind.Relative));
        var bytes = await response.Content.ReadAsByteArrayAsync();
        var text = new StringBuilder(response.Headers.ToString()).Append(response.Content.Headers);
        if (bytes.Length > 4 && bytes[0] == 'P' && bytes[1] == 'K')
        {
            using var zip = new ZipArchive(new MemoryStream(bytes));
            foreach (var entry in zip.Entries.Where(e => e.FullName.EndsWith(".xml", StringComparison.Ordinal)))
            {
                using var reader = new StreamReader(entry.Open());
                text.Append(await reader.ReadToEndAsync());
            }
        }
        else
        {
            text.Append(Encoding.UTF8.GetString(bytes));
        }

        return ((int)response.StatusCode, text.ToString());
    }

    private sealed record Site(int TongzhouPlan, int DraftPlan, int DraftMeasure, DateOnly Period, int MeasureA, int MeasureB, int MeasureC,
        int ReportA, int ReportB, int ReportC, int AttachmentA, int AttachmentB);

    /// <summary>
    /// The markers, written through the workflow as the units and the coordinator would: A and B on two measures only 区园林绿化局
    /// answers for, led by 林正航 — A accepted as completed with a quantity and a file, B submitted with a file; C submitted by
    /// 区水务局 on a measure 区园林绿化局 cooperates on and another leader leads. Each is the latest report of its unit on its measure. And a
    /// draft copy of the Tongzhou plan with the marker in its title, and two more users: a viewer and a coordinator of 大兴区.
    /// </summary>
    private static async Task<Site> PlantAsync(EcoPlanWebFactory factory)
    {
        using var warmUp = factory.CreateBrowser();
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<EcoPlanDbContext>();
        var accounts = scope.ServiceProvider.GetRequiredService<AccountAdministration>();
        await accounts.AddUserAsync("viewer", "北京市通州区生态环境局", Roles.Viewer, password: EcoPlanWebFactory.DemoPassword);
        await accounts.AddUserAsync("daxing", "北京市大兴区人民政府", Roles.Coordinator, password: EcoPlanWebFactory.DemoPassword);

        var plan = await db.Plans.Where(p => p.Region!.Code == "110112")
            .Select(p => new { p.Id, p.Year, p.RegionId, p.ReportingFrequency, p.ReportingDueDay }).SingleAsync();
        var user = (string name) => db.Users.Where(u => u.UserName == name).Select(u => new { u.Id, u.OrganizationId }).SingleAsync();
        var (forestry, water, coordinator) = (await user("ylj"), await user("swj"), await user("coordinator"));
        var lin = await db.Leaders.Where(l => l.Name == "林正航").Select(l => l.Id).SingleAsync();
        var measures = await db.Measures.Where(m => m.Task!.Section!.PlanId == plan.Id)
            .Select(m => new { m.Id, m.Deadline.Kind, m.Deadline.Date, Assignments = m.Assignments.Select(a => new { a.Role, a.OrganizationId, a.LeaderId }).ToList() })
            .ToListAsync();
        var current = ReportingSchedule.PeriodOf(DateOnly.FromDateTime(DateTime.Now), plan.ReportingFrequency);
        var reportable = measures
            .Select(m => (m.Id, m.Assignments, Period: ReportingSchedule.Periods(plan.Year, plan.ReportingFrequency, plan.ReportingDueDay, new DateOnly(plan.Year, 1, 1), m.Kind, m.Date)
                .LastOrDefault(p => p.Start <= current)))
            .Where(m => m.Period is not null).ToList();
        bool Only(IEnumerable<(AssignmentRole Role, int? OrganizationId, int? LeaderId)> a, int unit) =>
            a.Where(x => x.Role == AssignmentRole.Responsible).All(x => x.OrganizationId == unit) && a.Any(x => x.Role == AssignmentRole.Responsible);
        var candidates = reportable.Select(m => (m.Id, m.Period, Assignments: m.Assignments.Select(a => (a.Role, a.OrganizationId, a.LeaderId)).ToList())).ToList();
        var forestryOnly = candidates.Where(m => Only(m.Assignments, forestry.OrganizationId) && m.Assignments.All(a => a.OrganizationId != water.OrganizationId)).ToList();
        var ledByLin = forestryOnly.Where(m => m.Assignments.Any(x => x.Role == AssignmentRole.Lead && x.LeaderId == lin)).ToList();
        var (a, b) = (ledByLin[0], ledByLin[1]);
        var c = candidates.First(m => Only(m.Assignments, water.OrganizationId) && m.Assignments.All(x => x.LeaderId != lin)
            && m.Assignments.Any(x => x.Role == AssignmentRole.Cooperating && x.OrganizationId == forestry.OrganizationId));

        // Each marker report is its unit's latest on the measure: the demo's reports there give way.
        foreach (var (measure, unit) in new[] { (a.Id, forestry.OrganizationId), (b.Id, forestry.OrganizationId), (c.Id, water.OrganizationId) })
        {
            await db.ProgressReports.Where(r => r.MeasureId == measure && r.OrganizationId == unit).ExecuteDeleteAsync();
        }

        var target = new Target { MeasureId = a.Id, Metric = "生态保育小区", Unit = "处", Comparator = TargetComparator.AtLeast, Value = 10000m };
        db.Targets.Add(target);
        await db.SaveChangesAsync();

        var region = plan.RegionId;
        var ylj = new UserAccess(forestry.Id, "ylj", Roles.Unit, forestry.OrganizationId, "", region, "110112", null);
        var swj = new UserAccess(water.Id, "swj", Roles.Unit, water.OrganizationId, "", region, "110112", null);
        var reviewer = new UserAccess(coordinator.Id, "coordinator", Roles.Coordinator, coordinator.OrganizationId, "", region, "110112", null);
        var workflow = new ProgressWorkflow(db, TimeProvider.System, new AttachmentStorage(scope.ServiceProvider.GetRequiredService<IAttachmentStore>(), 1024 * 1024));
        var pdf = "%PDF-1.4\n%%EOF\n"u8.ToArray();

        var reportA = await workflow.SaveAsync(ylj, a.Id, a.Period!.Start,
            new ReportContent(ProgressStatus.Completed, 100, $"{NarrativeA}：已建成。", new Dictionary<int, decimal> { [target.Id] = decimal.Parse(QuantityA, System.Globalization.CultureInfo.InvariantCulture) })).Done();
        var attachmentA = (await workflow.AttachAsync(ylj, reportA.Id, new AttachmentUpload(FileA, pdf)).Done()).Attachments.Single(f => f.FileName == FileA);
        reportA = await workflow.SubmitAsync(ylj, reportA.Id).Done();
        await workflow.AcceptAsync(reviewer, reportA.Id, reportA.Revision).Done();

        var reportB = await workflow.SaveAsync(ylj, b.Id, b.Period!.Start, new ReportContent(ProgressStatus.InProgress, 40, $"{NarrativeB}：推进中。")).Done();
        var attachmentB = (await workflow.AttachAsync(ylj, reportB.Id, new AttachmentUpload(FileB, [.. pdf, (byte)'\n'])).Done()).Attachments.Single(f => f.FileName == FileB);
        await workflow.SubmitAsync(ylj, reportB.Id).Done();

        var reportC = await workflow.SaveAsync(swj, c.Id, c.Period!.Start, new ReportContent(ProgressStatus.InProgress, 30, $"{NarrativeC}：推进中。"), submit: true).Done();

        // A draft revision of the Tongzhou plan, its title marked.
        var text = Encoding.UTF8.GetString(DemoData.ReadSample("tongzhou-2026-ecological-protection.txt"));
        var title = text.IndexOf("加快绿色低碳转型", StringComparison.Ordinal);
        var marked = string.Concat(text.AsSpan(0, title), DraftTitle, text.AsSpan(title));
        var document = await PlanDocumentReader.ReadAsync(Encoding.UTF8.GetBytes(marked), "draft.txt");
        var draft = (await new PlanImporter(db, TimeProvider.System).ImportAsync(document, new ImportDecisions())).Id;
        Assert.Contains(DraftTitle, await db.Plans.Where(p => p.Id == draft).Select(p => p.Title).SingleAsync(), StringComparison.Ordinal);
        var draftMeasure = await db.Measures.Where(m => m.Task!.Section!.PlanId == draft).Select(m => m.Id).FirstAsync();

        return new Site(plan.Id, draft, draftMeasure, a.Period.Start, a.Id, b.Id, c.Id, reportA.Id, reportB.Id, reportC.Id, attachmentA.Id, attachmentB.Id);
    }
}
