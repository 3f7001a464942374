using System.Net.Http.Json;
using System.Text;
using System.Text.RegularExpressions;
using EcoPlan.Core.Accounts;
using EcoPlan.Core.Demo;
using EcoPlan.Core.Import;
using EcoPlan.Core.Progress;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace EcoPlan.Web.Tests;

/// <summary>
/// Every endpoint and page of the app, taken from the app's own endpoint list, against every kind of user:
/// anonymous, the right user, another unit, a read-only user writing, a coordinator of another region.
/// An endpoint added without a row here fails <see cref="EveryEndpoint_HasRowsForAnonymousAllowedAndRefused"/>.
/// </summary>
public sealed partial class AuthorizationMatrixTests : IClassFixture<AuthorizationMatrixTests.DemoSite>
{
    private readonly DemoSite _site;

    public AuthorizationMatrixTests(DemoSite site) => _site = site;

    /// <summary>One request by one user and what must come of it; Location, where given, is where a redirect must point.</summary>
    public sealed record Case(string Route, string Method, string User, Func<DemoSite, string> Url, HttpStatusCode Expected, string? Location = null, Func<DemoSite, HttpContent>? Body = null)
    {
        public override string ToString() => $"{Method} {Route} as {User} → {(int)Expected}";
    }

    private const string Anonymous = "anonymous";
    private static readonly HttpStatusCode Found = HttpStatusCode.Redirect;

    /// <summary>The matrix. Pages answer anonymous users with a redirect to /login and forbidden users with one to /denied; the API with 401 and 403.</summary>
    public static IReadOnlyList<Case> Cases { get; } =
    [
        // Open by design.
        new("/healthz", "GET", Anonymous, _ => "/healthz", HttpStatusCode.OK),
        new("/openapi/{documentName}.json", "GET", Anonymous, _ => "/openapi/v1.json", HttpStatusCode.OK),
        // Open to loopback (TestServer's in-process client counts as such) or a bearer token; 404 to other hosts (OperationsTests).
        new("/metrics", "GET", Anonymous, _ => "/metrics", HttpStatusCode.OK),
        new("/login", "GET", Anonymous, _ => "/login", HttpStatusCode.OK),
        new("/{**path:file}", "GET", Anonymous, _ => "/app.css", HttpStatusCode.OK),
        new("/{**path:file}", "HEAD", Anonymous, _ => "/app.css", HttpStatusCode.OK),
        new("/_framework/opaque-redirect", "GET", Anonymous, _ => "/_framework/opaque-redirect", Found, "/login"),
        new("/error", "GET", Anonymous, _ => "/error", HttpStatusCode.OK),
        new("/not-found", "GET", Anonymous, _ => "/not-found", HttpStatusCode.OK),
        new("/culture", "GET", Anonymous, _ => "/culture?name=en&returnUrl=/login", Found, "/login"),
        new("/account/login", "POST", Anonymous, s => "/account/login", Found, "/login?error=failed", _ => DemoSite.LoginForm("ylj", "wrong-password")),
        new("/account/login", "POST", Anonymous, s => "/account/login", Found, "/my", _ => DemoSite.LoginForm("ylj", EcoPlanWebFactory.DemoPassword, "/my")),
        new("/api/v1/auth/login", "POST", Anonymous, _ => "/api/v1/auth/login", HttpStatusCode.Unauthorized, Body: _ => JsonContent.Create(new { userName = "ylj", password = "wrong-password" })),
        new("/api/v1/auth/login", "POST", Anonymous, _ => "/api/v1/auth/login", HttpStatusCode.OK, Body: _ => JsonContent.Create(new { userName = "swj", password = EcoPlanWebFactory.DemoPassword })),

        // Signed in: everyone reads plans, measures and the directory.
        new("/", "GET", Anonymous, _ => "/", Found, "/login"),
        new("/", "GET", "viewer", _ => "/", HttpStatusCode.OK),
        new("/denied", "GET", Anonymous, _ => "/denied", Found, "/login"),
        new("/denied", "GET", "ylj", _ => "/denied", HttpStatusCode.OK),
        new("/plans/{Id:int}", "GET", Anonymous, s => $"/plans/{s.TongzhouPlan}", Found, "/login"),
        new("/plans/{Id:int}", "GET", "lzh", s => $"/plans/{s.TongzhouPlan}", HttpStatusCode.OK),
        new("/plans/{Id:int}", "GET", "ylj", _ => "/plans/99999", HttpStatusCode.NotFound),
        new("/measures/{Id:int}", "GET", Anonymous, s => $"/measures/{s.ForestryMeasure}", Found, "/login"),
        new("/measures/{Id:int}", "GET", "swj", s => $"/measures/{s.ForestryMeasure}", HttpStatusCode.OK),
        new("/organizations", "GET", Anonymous, _ => "/organizations", Found, "/login"),
        new("/organizations", "GET", "viewer", _ => "/organizations", HttpStatusCode.OK),
        new("/calendar", "GET", Anonymous, _ => "/calendar", Found, "/login"),
        new("/calendar", "GET", "ylj", _ => "/calendar", HttpStatusCode.OK),
        new("/calendar", "GET", "ylj", s => $"/calendar?org={s.WaterBureau}", HttpStatusCode.Forbidden),

        // A unit's own work; another unit's is refused.
        new("/my", "GET", Anonymous, _ => "/my", Found, "/login"),
        new("/my", "GET", "ylj", _ => "/my", HttpStatusCode.OK),
        new("/my", "GET", "ylj", s => $"/my?org={s.WaterBureau}", HttpStatusCode.Forbidden),
        new("/my", "GET", "coordinator", s => $"/my?org={s.WaterBureau}", HttpStatusCode.OK),
        new("/my", "GET", "lzh", _ => "/my", HttpStatusCode.Forbidden),
        new("/portfolio", "GET", Anonymous, _ => "/portfolio", Found, "/login"),
        new("/portfolio", "GET", "lzh", _ => "/portfolio", HttpStatusCode.OK),
        new("/portfolio", "GET", "lzh", s => $"/portfolio?leader={s.OtherLeader}", HttpStatusCode.Forbidden),
        new("/portfolio", "GET", "ylj", _ => "/portfolio", HttpStatusCode.Forbidden),
        new("/portfolio", "GET", "viewer", s => $"/portfolio?leader={s.LinLeader}", HttpStatusCode.OK),
        new("/portfolio", "GET", "admin", _ => "/portfolio", HttpStatusCode.OK),
        new("/portfolio", "GET", "admin", s => $"/portfolio?leader={s.LinLeader}", HttpStatusCode.OK),

        // Managing plans: coordinators of the plan's region and admins only.
        new("/plans/import", "GET", Anonymous, _ => "/plans/import", Found, "/login"),
        new("/plans/import", "GET", "ylj", _ => "/plans/import", Found, "/denied"),
        new("/plans/import", "GET", "coordinator", _ => "/plans/import", HttpStatusCode.OK),
        new("/plans/import", "POST", Anonymous, _ => "/plans/import", Found, "/login", _ => DemoSite.UploadForm()),
        new("/plans/import", "POST", "viewer", _ => "/plans/import", Found, "/denied", _ => DemoSite.UploadForm()),
        new("/plans/import", "POST", "coordinator", _ => "/plans/import", Found, "/plans/import/", _ => DemoSite.UploadForm()),
        new("/plans/import/{Key}", "GET", Anonymous, s => $"/plans/import/{s.PendingUpload}", Found, "/login"),
        new("/plans/import/{Key}", "GET", "swj", s => $"/plans/import/{s.PendingUpload}", Found, "/denied"),
        new("/plans/import/{Key}", "GET", "coordinator", s => $"/plans/import/{s.PendingUpload}", HttpStatusCode.OK),
        new("/plans/import/{key}/confirm", "POST", Anonymous, s => $"/plans/import/{s.PendingUpload}/confirm", Found, "/login", _ => DemoSite.Form([])),
        new("/plans/import/{key}/confirm", "POST", "ylj", s => $"/plans/import/{s.PendingUpload}/confirm", Found, "/denied", _ => DemoSite.Form([])),
        new("/plans/import/{key}/confirm", "POST", "city", s => $"/plans/import/{s.PendingUpload}/confirm", Found, "/denied", _ => DemoSite.Form([])),
        new("/plans/{id:int}/publish", "POST", Anonymous, s => $"/plans/{s.DraftPlan}/publish", Found, "/login", _ => DemoSite.Form([])),
        new("/plans/{id:int}/publish", "POST", "viewer", s => $"/plans/{s.DraftPlan}/publish", Found, "/denied", _ => DemoSite.Form([])),
        new("/plans/{id:int}/publish", "POST", "city", s => $"/plans/{s.DraftPlan}/publish", Found, "/denied", _ => DemoSite.Form([("confirm", "true")])),
        // Without the confirm page's field nothing is published: the post is sent to the confirm page.
        new("/plans/{id:int}/publish", "POST", "coordinator", s => $"/plans/{s.DraftPlan}/publish", Found, "/plans/", _ => DemoSite.Form([])),
        new("/plans/{Id:int}/publish", "GET", Anonymous, s => $"/plans/{s.DraftPlan}/publish", Found, "/login"),
        new("/plans/{Id:int}/publish", "GET", "viewer", s => $"/plans/{s.DraftPlan}/publish", Found, "/denied"),
        new("/plans/{Id:int}/publish", "GET", "city", s => $"/plans/{s.DraftPlan}/publish", HttpStatusCode.Forbidden),
        new("/plans/{Id:int}/publish", "GET", "coordinator", s => $"/plans/{s.DraftPlan}/publish", HttpStatusCode.OK),
        new("/api/v1/plans/{id:int}/publish", "POST", Anonymous, s => $"/api/v1/plans/{s.DraftPlan}/publish", HttpStatusCode.Unauthorized),
        new("/api/v1/plans/{id:int}/publish", "POST", "ylj", s => $"/api/v1/plans/{s.DraftPlan}/publish", HttpStatusCode.Forbidden),
        new("/api/v1/plans/{id:int}/publish", "POST", "viewer", s => $"/api/v1/plans/{s.DraftPlan}/publish", HttpStatusCode.Forbidden),
        new("/api/v1/plans/{id:int}/publish", "POST", "city", s => $"/api/v1/plans/{s.DraftPlan}/publish", HttpStatusCode.Forbidden),
        new("/api/v1/plans/{id:int}/publish", "POST", "coordinator", s => $"/api/v1/plans/{s.TongzhouPlan}/publish", HttpStatusCode.Conflict),

        // Progress: the responsible unit reports, cooperating units add input, the region's coordinator reviews.
        new("/api/v1/measures/{id:int}/reports", "GET", Anonymous, s => $"/api/v1/measures/{s.ForestryOnlyMeasure}/reports", HttpStatusCode.Unauthorized),
        new("/api/v1/measures/{id:int}/reports", "GET", "swj", s => $"/api/v1/measures/{s.ForestryOnlyMeasure}/reports", HttpStatusCode.Forbidden),
        new("/api/v1/measures/{id:int}/reports", "GET", "ylj", s => $"/api/v1/measures/{s.ForestryOnlyMeasure}/reports", HttpStatusCode.OK),
        new("/api/v1/measures/{id:int}/reports", "POST", Anonymous, s => $"/api/v1/measures/{s.ForestryOnlyMeasure}/reports", HttpStatusCode.Unauthorized, Body: _ => Report("2026-08")),
        new("/api/v1/measures/{id:int}/reports", "POST", "swj", s => $"/api/v1/measures/{s.ForestryOnlyMeasure}/reports", HttpStatusCode.Forbidden, Body: _ => Report("2026-08")),
        new("/api/v1/measures/{id:int}/reports", "POST", "viewer", s => $"/api/v1/measures/{s.ForestryOnlyMeasure}/reports", HttpStatusCode.Forbidden, Body: _ => Report("2026-08")),
        new("/api/v1/measures/{id:int}/reports", "POST", "ylj", s => $"/api/v1/measures/{s.ForestryOnlyMeasure}/reports", HttpStatusCode.OK, Body: _ => Report("2026-08")),
        new("/api/v1/reports/{id:int}", "PUT", Anonymous, s => $"/api/v1/reports/{s.DraftReport}", HttpStatusCode.Unauthorized, Body: _ => Report(null)),
        new("/api/v1/reports/{id:int}", "PUT", "swj", s => $"/api/v1/reports/{s.DraftReport}", HttpStatusCode.Forbidden, Body: _ => Report(null)),
        new("/api/v1/reports/{id:int}", "PUT", "ylj", s => $"/api/v1/reports/{s.DraftReport}", HttpStatusCode.OK, Body: _ => Report(null)),
        new("/api/v1/reports/{id:int}/submit", "POST", Anonymous, s => $"/api/v1/reports/{s.SubmitMe}/submit", HttpStatusCode.Unauthorized),
        new("/api/v1/reports/{id:int}/submit", "POST", "swj", s => $"/api/v1/reports/{s.SubmitMe}/submit", HttpStatusCode.Forbidden),
        new("/api/v1/reports/{id:int}/submit", "POST", "ylj", s => $"/api/v1/reports/{s.SubmitMe}/submit", HttpStatusCode.OK),
        new("/api/v1/reports/{id:int}/accept", "POST", Anonymous, s => $"/api/v1/reports/{s.SubmittedReport}/accept", HttpStatusCode.Unauthorized, Body: s => JsonContent.Create(new { revision = s.SubmittedRevision })),
        new("/api/v1/reports/{id:int}/accept", "POST", "ylj", s => $"/api/v1/reports/{s.SubmittedReport}/accept", HttpStatusCode.Forbidden, Body: s => JsonContent.Create(new { revision = s.SubmittedRevision })),
        new("/api/v1/reports/{id:int}/accept", "POST", "viewer", s => $"/api/v1/reports/{s.SubmittedReport}/accept", HttpStatusCode.Forbidden, Body: s => JsonContent.Create(new { revision = s.SubmittedRevision })),
        new("/api/v1/reports/{id:int}/accept", "POST", "city", s => $"/api/v1/reports/{s.SubmittedReport}/accept", HttpStatusCode.Forbidden, Body: s => JsonContent.Create(new { revision = s.SubmittedRevision })),
        new("/api/v1/reports/{id:int}/accept", "POST", "coordinator", s => $"/api/v1/reports/{s.SubmittedReport}/accept", HttpStatusCode.OK, Body: s => JsonContent.Create(new { revision = s.SubmittedRevision })),
        new("/api/v1/reports/{id:int}/return", "POST", Anonymous, s => $"/api/v1/reports/{s.SubmittedReport}/return", HttpStatusCode.Unauthorized, Body: s => JsonContent.Create(new { revision = s.SubmittedRevision, reason = "补充材料" })),
        new("/api/v1/reports/{id:int}/return", "POST", "city", s => $"/api/v1/reports/{s.SubmittedReport}/return", HttpStatusCode.Forbidden, Body: s => JsonContent.Create(new { revision = s.SubmittedRevision, reason = "补充材料" })),
        new("/api/v1/reports/{id:int}/return", "POST", "coordinator", s => $"/api/v1/reports/{s.SubmittedReport}/return", HttpStatusCode.BadRequest, Body: s => JsonContent.Create(new { revision = s.SubmittedRevision, reason = " " })),
        new("/api/v1/reports/{id:int}/cooperation", "POST", Anonymous, s => $"/api/v1/reports/{s.CooperationReport}/cooperation", HttpStatusCode.Unauthorized, Body: _ => JsonContent.Create(new { text = "已完成" })),
        new("/api/v1/reports/{id:int}/cooperation", "POST", "coordinator", s => $"/api/v1/reports/{s.CooperationReport}/cooperation", HttpStatusCode.Forbidden, Body: _ => JsonContent.Create(new { text = "已完成" })),
        new("/api/v1/reports/{id:int}/cooperation", "POST", "ylj", s => $"/api/v1/reports/{s.CooperationReport}/cooperation", HttpStatusCode.OK, Body: _ => JsonContent.Create(new { text = "已完成岸坡绿化" })),
        new("/api/v1/measures/{id:int}/audit", "GET", Anonymous, s => $"/api/v1/measures/{s.ForestryOnlyMeasure}/audit", HttpStatusCode.Unauthorized),
        new("/api/v1/measures/{id:int}/audit", "GET", "swj", s => $"/api/v1/measures/{s.ForestryOnlyMeasure}/audit", HttpStatusCode.Forbidden),
        new("/api/v1/measures/{id:int}/audit", "GET", "coordinator", s => $"/api/v1/measures/{s.ForestryOnlyMeasure}/audit", HttpStatusCode.OK),
        new("/reports/{id:int}/review", "POST", Anonymous, s => $"/reports/{s.SubmittedReport}/review", Found, "/login", s => DemoSite.Form([("measureId", s.ForestryOnlyMeasure.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("revision", "0"), ("decision", "accept")])),
        new("/reports/{id:int}/review", "POST", "viewer", s => $"/reports/{s.SubmittedReport}/review", Found, "/denied", s => DemoSite.Form([("measureId", s.ForestryOnlyMeasure.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("revision", "0"), ("decision", "accept")])),
        new("/reports/{id:int}/review", "POST", "city", s => $"/reports/{s.SubmittedReport}/review", Found, "/denied", s => DemoSite.Form([("measureId", s.ForestryOnlyMeasure.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("revision", "0"), ("decision", "accept")])),
        new("/reports/{id:int}/review", "POST", "coordinator", s => $"/reports/{s.SubmittedReport}/review", Found, "/measures/", s => DemoSite.Form([("measureId", s.ForestryOnlyMeasure.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("revision", "0"), ("decision", "accept")])),
        new("/reports/{id:int}/cooperation", "POST", Anonymous, s => $"/reports/{s.CooperationReport}/cooperation", Found, "/login", s => DemoSite.Form([("measureId", "1"), ("text", "x")])),
        new("/reports/{id:int}/cooperation", "POST", "coordinator", s => $"/reports/{s.CooperationReport}/cooperation", Found, "/denied", s => DemoSite.Form([("measureId", "1"), ("text", "x")])),
        new("/reports/{id:int}/cooperation", "POST", "ylj", s => $"/reports/{s.CooperationReport}/cooperation", Found, "/measures/", s => DemoSite.Form([("measureId", "1"), ("text", "页面反馈")])),
        new("/api/v1/reports/{id:int}/attachments", "POST", Anonymous, s => $"/api/v1/reports/{s.DraftReport}/attachments", HttpStatusCode.Unauthorized, Body: _ => PdfUpload()),
        new("/api/v1/reports/{id:int}/attachments", "POST", "swj", s => $"/api/v1/reports/{s.DraftReport}/attachments", HttpStatusCode.Forbidden, Body: _ => PdfUpload()),
        new("/api/v1/reports/{id:int}/attachments", "POST", "ylj", s => $"/api/v1/reports/{s.DraftReport}/attachments", HttpStatusCode.OK, Body: _ => PdfUpload()),
        new("/api/v1/attachments/{id:int}", "GET", Anonymous, s => $"/api/v1/attachments/{s.Attachment}", HttpStatusCode.Unauthorized),
        new("/api/v1/attachments/{id:int}", "GET", "swj", s => $"/api/v1/attachments/{s.Attachment}", HttpStatusCode.NotFound),
        new("/api/v1/attachments/{id:int}", "GET", "ylj", s => $"/api/v1/attachments/{s.Attachment}", HttpStatusCode.OK),
        new("/api/v1/attachments/{id:int}", "GET", "coordinator", s => $"/api/v1/attachments/{s.Attachment}", HttpStatusCode.OK),
        new("/api/v1/reviews", "GET", Anonymous, _ => "/api/v1/reviews", HttpStatusCode.Unauthorized),
        new("/api/v1/reviews", "GET", "ylj", _ => "/api/v1/reviews", HttpStatusCode.Forbidden),
        new("/api/v1/reviews", "GET", "lzh", _ => "/api/v1/reviews", HttpStatusCode.Forbidden),
        new("/api/v1/reviews", "GET", "coordinator", _ => "/api/v1/reviews?period=2026-05", HttpStatusCode.OK),
        new("/api/v1/reviews", "GET", "coordinator", _ => "/api/v1/reviews?period=May", HttpStatusCode.BadRequest),
        new("/api/v1/reviews/accept", "POST", Anonymous, _ => "/api/v1/reviews/accept", HttpStatusCode.Unauthorized, Body: s => BulkAccept(s)),
        new("/api/v1/reviews/accept", "POST", "ylj", _ => "/api/v1/reviews/accept", HttpStatusCode.Forbidden, Body: s => BulkAccept(s)),
        new("/api/v1/reviews/accept", "POST", "lzh", _ => "/api/v1/reviews/accept", HttpStatusCode.Forbidden, Body: s => BulkAccept(s)),
        new("/api/v1/reviews/accept", "POST", "city", _ => "/api/v1/reviews/accept", HttpStatusCode.Forbidden, Body: s => BulkAccept(s)),
        new("/api/v1/reviews/accept", "POST", "coordinator", _ => "/api/v1/reviews/accept", HttpStatusCode.OK, Body: _ => JsonContent.Create(new { reports = Array.Empty<object>() })),
        new("/api/v1/reports/{id:int}/changes", "GET", Anonymous, s => $"/api/v1/reports/{s.SubmittedReport}/changes", HttpStatusCode.Unauthorized),
        new("/api/v1/reports/{id:int}/changes", "GET", "swj", s => $"/api/v1/reports/{s.SubmittedReport}/changes", HttpStatusCode.NotFound),
        new("/api/v1/reports/{id:int}/changes", "GET", "ylj", s => $"/api/v1/reports/{s.SubmittedReport}/changes", HttpStatusCode.OK),
        new("/reviews/accept", "POST", Anonymous, _ => "/reviews/accept", Found, "/login", s => BulkAcceptForm(s)),
        new("/reviews/accept", "POST", "ylj", _ => "/reviews/accept", Found, "/denied", s => BulkAcceptForm(s)),
        new("/reviews/accept", "POST", "lzh", _ => "/reviews/accept", Found, "/denied", s => BulkAcceptForm(s)),
        new("/reviews/accept", "POST", "city", _ => "/reviews/accept", Found, "/denied", s => BulkAcceptForm(s)),
        new("/reviews/accept", "POST", "coordinator", _ => "/reviews/accept", Found, "/reviews?accepted=0", _ => DemoSite.Form([("queue", "")])),
        new("/reviews", "GET", "lzh", _ => "/reviews", Found, "/denied"),
        new("/reviews", "GET", Anonymous, _ => "/reviews", Found, "/login"),
        new("/reviews", "GET", "ylj", _ => "/reviews", Found, "/denied"),
        new("/reviews", "GET", "coordinator", _ => "/reviews", HttpStatusCode.OK),

        // The directory: coordinators of the unit's region and admins edit; the rest read.
        new("/organizations/{id:int}/aliases", "POST", Anonymous, s => $"/organizations/{s.WaterBureau}/aliases", Found, "/login", _ => DemoSite.Form([("name", "通州水务")])),
        new("/organizations/{id:int}/aliases", "POST", "swj", s => $"/organizations/{s.WaterBureau}/aliases", Found, "/denied", _ => DemoSite.Form([("name", "通州水务")])),
        new("/organizations/{id:int}/aliases", "POST", "city", s => $"/organizations/{s.WaterBureau}/aliases", Found, "/denied", _ => DemoSite.Form([("name", "通州水务")])),
        new("/organizations/{id:int}/aliases", "POST", "coordinator", s => $"/organizations/{s.WaterBureau}/aliases", Found, "/organizations", _ => DemoSite.Form([("name", "通州水务")])),
        new("/organizations/{id:int}/merge", "POST", Anonymous, s => $"/organizations/{s.WaterBureau}/merge", Found, "/login", _ => DemoSite.Form([("targetId", "1")])),
        new("/organizations/{id:int}/merge", "POST", "viewer", s => $"/organizations/{s.WaterBureau}/merge", Found, "/denied", _ => DemoSite.Form([("targetId", "1")])),
        new("/organizations/{id:int}/merge", "POST", "city", s => $"/organizations/{s.WaterBureau}/merge", Found, "/denied", s => DemoSite.Form([("targetId", s.WaterBureau.ToString(System.Globalization.CultureInfo.InvariantCulture))])),
        new("/api/v1/organizations/{id:int}/aliases", "POST", Anonymous, s => $"/api/v1/organizations/{s.WaterBureau}/aliases", HttpStatusCode.Unauthorized, Body: _ => JsonContent.Create(new { name = "水务局通州" })),
        new("/api/v1/organizations/{id:int}/aliases", "POST", "ylj", s => $"/api/v1/organizations/{s.WaterBureau}/aliases", HttpStatusCode.Forbidden, Body: _ => JsonContent.Create(new { name = "水务局通州" })),
        new("/api/v1/organizations/{id:int}/aliases", "POST", "city", s => $"/api/v1/organizations/{s.WaterBureau}/aliases", HttpStatusCode.Forbidden, Body: _ => JsonContent.Create(new { name = "水务局通州" })),
        new("/api/v1/organizations/{id:int}/aliases", "POST", "coordinator", s => $"/api/v1/organizations/{s.WaterBureau}/aliases", HttpStatusCode.NoContent, Body: _ => JsonContent.Create(new { name = "水务局通州" })),
        new("/api/v1/organizations/{id:int}/merge-into/{targetId:int}", "POST", Anonymous, s => $"/api/v1/organizations/{s.WaterBureau}/merge-into/{s.ForestryBureau}", HttpStatusCode.Unauthorized),
        new("/api/v1/organizations/{id:int}/merge-into/{targetId:int}", "POST", "swj", s => $"/api/v1/organizations/{s.WaterBureau}/merge-into/{s.ForestryBureau}", HttpStatusCode.Forbidden),
        new("/api/v1/organizations/{id:int}/merge-into/{targetId:int}", "POST", "city", s => $"/api/v1/organizations/{s.WaterBureau}/merge-into/{s.ForestryBureau}", HttpStatusCode.Forbidden),
        new("/api/v1/organizations/{id:int}/merge-into/{targetId:int}", "POST", "coordinator", s => $"/api/v1/organizations/{s.WaterBureau}/merge-into/{s.WaterBureau}", HttpStatusCode.BadRequest),
        new("/api/v1/organizations/{id:int}/merge-into/{targetId:int}", "POST", "coordinator", s => $"/api/v1/organizations/{s.WaterBureau}/merge-into/{s.ForestryBureau}?fingerprint=stale", HttpStatusCode.Conflict),
        new("/api/v1/organizations/{id:int}/merge-into/{targetId:int}", "GET", Anonymous, s => $"/api/v1/organizations/{s.WaterBureau}/merge-into/{s.ForestryBureau}", HttpStatusCode.Unauthorized),
        new("/api/v1/organizations/{id:int}/merge-into/{targetId:int}", "GET", "swj", s => $"/api/v1/organizations/{s.WaterBureau}/merge-into/{s.ForestryBureau}", HttpStatusCode.Forbidden),
        new("/api/v1/organizations/{id:int}/merge-into/{targetId:int}", "GET", "city", s => $"/api/v1/organizations/{s.WaterBureau}/merge-into/{s.ForestryBureau}", HttpStatusCode.Forbidden),
        new("/api/v1/organizations/{id:int}/merge-into/{targetId:int}", "GET", "coordinator", s => $"/api/v1/organizations/{s.WaterBureau}/merge-into/{s.ForestryBureau}", HttpStatusCode.OK),
        new("/api/v1/organizations/{id:int}/merges", "GET", Anonymous, s => $"/api/v1/organizations/{s.WaterBureau}/merges", HttpStatusCode.Unauthorized),
        new("/api/v1/organizations/{id:int}/merges", "GET", "viewer", s => $"/api/v1/organizations/{s.WaterBureau}/merges", HttpStatusCode.OK),
        new("/api/v1/organizations/merges/{mergeId:int}/undo", "POST", Anonymous, _ => "/api/v1/organizations/merges/99999/undo", HttpStatusCode.Unauthorized),
        new("/api/v1/organizations/merges/{mergeId:int}/undo", "POST", "swj", _ => "/api/v1/organizations/merges/99999/undo", HttpStatusCode.Forbidden),
        new("/api/v1/organizations/merges/{mergeId:int}/undo", "POST", "coordinator", _ => "/api/v1/organizations/merges/99999/undo", HttpStatusCode.NotFound),
        new("/organizations/{Id:int}/merge", "GET", Anonymous, s => $"/organizations/{s.WaterBureau}/merge?target={s.ForestryBureau}", Found, "/login"),
        new("/organizations/{Id:int}/merge", "GET", "viewer", s => $"/organizations/{s.WaterBureau}/merge?target={s.ForestryBureau}", Found, "/denied"),
        new("/organizations/{Id:int}/merge", "GET", "city", s => $"/organizations/{s.WaterBureau}/merge?target={s.ForestryBureau}", HttpStatusCode.Forbidden),
        new("/organizations/{Id:int}/merge", "GET", "coordinator", s => $"/organizations/{s.WaterBureau}/merge?target={s.ForestryBureau}", HttpStatusCode.OK),
        new("/organizations/{id:int}/merge", "POST", "coordinator", s => $"/organizations/{s.WaterBureau}/merge", Found, "/organizations/",
            s => DemoSite.Form([("targetId", s.ForestryBureau.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("fingerprint", "stale")])),
        new("/organizations/{Id:int}/history", "GET", Anonymous, s => $"/organizations/{s.WaterBureau}/history", Found, "/login"),
        new("/organizations/{Id:int}/history", "GET", "viewer", s => $"/organizations/{s.WaterBureau}/history", HttpStatusCode.OK),
        new("/organizations/merges/{MergeId:int}", "GET", Anonymous, _ => "/organizations/merges/99999", Found, "/login"),
        new("/organizations/merges/{MergeId:int}", "GET", "viewer", _ => "/organizations/merges/99999", Found, "/denied"),
        new("/organizations/merges/{MergeId:int}", "GET", "coordinator", _ => "/organizations/merges/99999", HttpStatusCode.NotFound),
        new("/organizations/merges/{mergeId:int}/undo", "POST", Anonymous, _ => "/organizations/merges/99999/undo", Found, "/login", _ => DemoSite.Form([])),
        new("/organizations/merges/{mergeId:int}/undo", "POST", "viewer", _ => "/organizations/merges/99999/undo", Found, "/denied", _ => DemoSite.Form([])),
        new("/organizations/merges/{mergeId:int}/undo", "POST", "coordinator", _ => "/organizations/merges/99999/undo", Found, "/organizations", _ => DemoSite.Form([])),

        // Indicators: everyone signed in reads; coordinators of the region (and admins) import and enter values.
        new("/indicators/ei", "GET", Anonymous, _ => "/indicators/ei?region=110112", Found, "/login"),
        new("/indicators/ei", "GET", "viewer", _ => "/indicators/ei?region=110112&year=2026", HttpStatusCode.OK),
        new("/indicators/ei", "GET", "ylj", _ => "/indicators/ei?region=999999", HttpStatusCode.NotFound),
        new("/indicators/ei/import", "GET", Anonymous, _ => "/indicators/ei/import", Found, "/login"),
        new("/indicators/ei/import", "GET", "ylj", _ => "/indicators/ei/import", Found, "/denied"),
        new("/indicators/ei/import", "GET", "coordinator", _ => "/indicators/ei/import", HttpStatusCode.OK),
        new("/indicators/ei/import", "POST", Anonymous, _ => "/indicators/ei/import", Found, "/login", _ => IndicatorPageTests.EiUpload(IndicatorPageTests.TongzhouEi())),
        new("/indicators/ei/import", "POST", "viewer", _ => "/indicators/ei/import", Found, "/denied", _ => IndicatorPageTests.EiUpload(IndicatorPageTests.TongzhouEi())),
        new("/indicators/ei/import", "POST", "city", _ => "/indicators/ei/import", Found, "/denied", _ => IndicatorPageTests.EiUpload(IndicatorPageTests.TongzhouEi())),
        new("/indicators/ei/import", "POST", "coordinator", _ => "/indicators/ei/import", Found, "/indicators/ei?region=110112", _ => IndicatorPageTests.EiUpload(IndicatorPageTests.TongzhouEi())),
        new("/indicators/ei/template.xlsx", "GET", Anonymous, _ => "/indicators/ei/template.xlsx", Found, "/login"),
        new("/indicators/ei/template.xlsx", "GET", "ylj", _ => "/indicators/ei/template.xlsx?method=db11-1877", HttpStatusCode.OK),
        new("/indicators/ei/template.xlsx", "GET", "ylj", _ => "/indicators/ei/template.xlsx?method=unknown", HttpStatusCode.BadRequest),
        new("/indicators/ei/weights", "POST", Anonymous, _ => "/indicators/ei/weights", Found, "/login", _ => IndicatorPageTests.WeightsUpload(IndicatorPageTests.Db11Weights())),
        new("/indicators/ei/weights", "POST", "coordinator", _ => "/indicators/ei/weights", Found, "/denied", _ => IndicatorPageTests.WeightsUpload(IndicatorPageTests.Db11Weights())),
        new("/indicators/ei/weights", "POST", "viewer", _ => "/indicators/ei/weights", Found, "/denied", _ => IndicatorPageTests.WeightsUpload(IndicatorPageTests.Db11Weights())),
        new("/indicators/ei/weights", "POST", "admin", _ => "/indicators/ei/weights", Found, "/indicators/ei?method=db11-1877", _ => IndicatorPageTests.WeightsUpload(IndicatorPageTests.Db11Weights())),
        new("/indicators/targets", "GET", Anonymous, s => $"/indicators/targets?plan={s.TongzhouPlan}", Found, "/login"),
        new("/indicators/targets", "GET", "viewer", s => $"/indicators/targets?plan={s.TongzhouPlan}", HttpStatusCode.OK),
        new("/indicators/targets", "GET", "ylj", _ => "/indicators/targets?plan=99999", HttpStatusCode.NotFound),
        new("/indicators/targets/{targetId:int}/achievements", "POST", Anonymous, s => $"/indicators/targets/{s.TongzhouTarget}/achievements", Found, "/login", _ => AchievementForm()),
        new("/indicators/targets/{targetId:int}/achievements", "POST", "ylj", s => $"/indicators/targets/{s.TongzhouTarget}/achievements", Found, "/denied", _ => AchievementForm()),
        new("/indicators/targets/{targetId:int}/achievements", "POST", "city", s => $"/indicators/targets/{s.TongzhouTarget}/achievements", Found, "/denied", _ => AchievementForm()),
        new("/indicators/targets/{targetId:int}/achievements", "POST", "coordinator", s => $"/indicators/targets/{s.TongzhouTarget}/achievements", Found, "/indicators/targets?plan=", _ => AchievementForm()),
        new("/indicators/targets/{targetId:int}/edit", "POST", Anonymous, s => $"/indicators/targets/{s.MatrixTarget}/edit", Found, "/login", _ => TargetForm()),
        new("/indicators/targets/{targetId:int}/edit", "POST", "ylj", s => $"/indicators/targets/{s.MatrixTarget}/edit", Found, "/denied", _ => TargetForm()),
        new("/indicators/targets/{targetId:int}/edit", "POST", "city", s => $"/indicators/targets/{s.MatrixTarget}/edit", Found, "/denied", _ => TargetForm()),
        new("/indicators/targets/{targetId:int}/edit", "POST", "coordinator", _ => "/indicators/targets/99999/edit", Found, "/?error=", _ => TargetForm()),
        new("/indicators/targets/{targetId:int}/edit", "POST", "coordinator", s => $"/indicators/targets/{s.MatrixTarget}/edit", Found, "/indicators/targets?plan=", _ => TargetForm()),
        new("/indicators/targets/add", "POST", Anonymous, _ => "/indicators/targets/add", Found, "/login", s => TargetForm(s.ForestryMeasure)),
        new("/indicators/targets/add", "POST", "viewer", _ => "/indicators/targets/add", Found, "/denied", s => TargetForm(s.ForestryMeasure)),
        new("/indicators/targets/add", "POST", "city", _ => "/indicators/targets/add", Found, "/denied", s => TargetForm(s.ForestryMeasure)),
        new("/indicators/targets/add", "POST", "coordinator", _ => "/indicators/targets/add", Found, "/indicators/targets?plan=", s => TargetForm(s.ForestryMeasure)),
        new("/indicators/gepr", "GET", Anonymous, _ => "/indicators/gepr", Found, "/login"),
        new("/indicators/gepr", "GET", "viewer", _ => "/indicators/gepr", HttpStatusCode.OK),
        new("/indicators/gepr/import", "GET", Anonymous, _ => "/indicators/gepr/import", Found, "/login"),
        new("/indicators/gepr/import", "GET", "ylj", _ => "/indicators/gepr/import", Found, "/denied"),
        new("/indicators/gepr/import", "GET", "coordinator", _ => "/indicators/gepr/import", HttpStatusCode.OK),
        new("/indicators/gepr/import", "POST", Anonymous, _ => "/indicators/gepr/import", Found, "/login", _ => IndicatorPageTests.GepRUpload(IndicatorPageTests.GepRQuantities, IndicatorPageTests.GepRPrices)),
        new("/indicators/gepr/import", "POST", "viewer", _ => "/indicators/gepr/import", Found, "/denied", _ => IndicatorPageTests.GepRUpload(IndicatorPageTests.GepRQuantities, IndicatorPageTests.GepRPrices)),
        new("/indicators/gepr/import", "POST", "coordinator", _ => "/indicators/gepr/import", Found, "/denied", _ => IndicatorPageTests.GepRUpload(IndicatorPageTests.GepRQuantities, IndicatorPageTests.GepRPrices)),
        new("/indicators/gepr/import", "POST", "city", _ => "/indicators/gepr/import", Found, "/indicators/gepr?quantities=4", _ => IndicatorPageTests.GepRUpload(IndicatorPageTests.GepRQuantities, IndicatorPageTests.GepRPrices)),
        new("/indicators/gepr/compensation.xlsx", "GET", Anonymous, _ => "/indicators/gepr/compensation.xlsx", Found, "/login"),
        new("/indicators/gepr/compensation.xlsx", "GET", "viewer", _ => "/indicators/gepr/compensation.xlsx?year=2025", HttpStatusCode.OK),
        new("/indicators/gepr/compensation.xlsx", "GET", "viewer", _ => "/indicators/gepr/compensation.xlsx?year=1999", HttpStatusCode.NotFound),
        new("/indicators/gepr/template/{kind}.xlsx", "GET", Anonymous, _ => "/indicators/gepr/template/quantities.xlsx", Found, "/login"),
        new("/indicators/gepr/template/{kind}.xlsx", "GET", "ylj", _ => "/indicators/gepr/template/prices.xlsx", HttpStatusCode.OK),
        new("/indicators/gepr/template/{kind}.xlsx", "GET", "ylj", _ => "/indicators/gepr/template/other.xlsx", HttpStatusCode.NotFound),
        new("/notifications/{id:int}/read", "POST", Anonymous, s => $"/notifications/{s.WaterNotice}/read", Found, "/login", _ => DemoSite.Form([])),
        new("/notifications/{id:int}/read", "POST", "ylj", s => $"/notifications/{s.WaterNotice}/read", Found, "/denied", _ => DemoSite.Form([])),
        new("/notifications/{id:int}/read", "POST", "viewer", s => $"/notifications/{s.WaterNotice}/read", Found, "/denied", _ => DemoSite.Form([])),
        new("/notifications/{id:int}/read", "POST", "coordinator", s => $"/notifications/{s.WaterNotice}/read", Found, "/denied", _ => DemoSite.Form([])),
        new("/notifications/{id:int}/read", "POST", "swj", s => $"/notifications/{s.WaterNotice}/read", Found, "/notices", _ => DemoSite.Form([])),
        new("/notifications/{id:int}/read", "POST", "swj", _ => "/notifications/99999/read", Found, "/notices", _ => DemoSite.Form([])),
        // Everyone has an inbox: the notices of the user's own organization.
        new("/notices", "GET", Anonymous, _ => "/notices", Found, "/login"),
        new("/notices", "GET", "viewer", _ => "/notices?filter=all", HttpStatusCode.OK),
        new("/notices", "GET", "lzh", _ => "/notices", HttpStatusCode.OK),
        new("/notifications/read-all", "POST", Anonymous, _ => "/notifications/read-all", Found, "/login", _ => DemoSite.Form([])),
        new("/notifications/read-all", "POST", "viewer", _ => "/notifications/read-all", Found, "/denied", _ => DemoSite.Form([])),
        // Where the plan stands and its official outputs: every signed-in user sees the whole plan's status.
        new("/plans/{Id:int}/dashboard", "GET", Anonymous, s => $"/plans/{s.TongzhouPlan}/dashboard", Found, "/login"),
        new("/plans/{Id:int}/dashboard", "GET", "ylj", s => $"/plans/{s.TongzhouPlan}/dashboard", HttpStatusCode.OK),
        new("/plans/{Id:int}/dashboard", "GET", "lzh", s => $"/plans/{s.TongzhouPlan}/dashboard?date=2026-10-10", HttpStatusCode.OK),
        new("/plans/{Id:int}/dashboard", "GET", "viewer", _ => "/plans/99999/dashboard", HttpStatusCode.NotFound),
        new("/api/v1/plans/{id:int}/dashboard", "GET", Anonymous, s => $"/api/v1/plans/{s.TongzhouPlan}/dashboard", HttpStatusCode.Unauthorized),
        new("/api/v1/plans/{id:int}/dashboard", "GET", "swj", s => $"/api/v1/plans/{s.TongzhouPlan}/dashboard", HttpStatusCode.OK),
        new("/api/v1/plans/{id:int}/dashboard", "GET", "viewer", _ => "/api/v1/plans/99999/dashboard", HttpStatusCode.NotFound),
        new("/api/v1/plans/{id:int}/dashboard", "GET", "coordinator", s => $"/api/v1/plans/{s.TongzhouPlan}/dashboard?date=2026-13-01", HttpStatusCode.BadRequest),
        new("/api/v1/plans/{id:int}/ledger.xlsx", "GET", Anonymous, s => $"/api/v1/plans/{s.TongzhouPlan}/ledger.xlsx", HttpStatusCode.Unauthorized),
        new("/api/v1/plans/{id:int}/ledger.xlsx", "GET", "viewer", s => $"/api/v1/plans/{s.TongzhouPlan}/ledger.xlsx", HttpStatusCode.OK),
        new("/api/v1/plans/{id:int}/ledger.xlsx", "GET", "ylj", _ => "/api/v1/plans/99999/ledger.xlsx", HttpStatusCode.NotFound),
        new("/api/v1/plans/{id:int}/monthly-report.docx", "GET", Anonymous, s => $"/api/v1/plans/{s.TongzhouPlan}/monthly-report.docx?period=2026-08", HttpStatusCode.Unauthorized),
        new("/api/v1/plans/{id:int}/monthly-report.docx", "GET", "lzh", s => $"/api/v1/plans/{s.TongzhouPlan}/monthly-report.docx?period=2026-08", HttpStatusCode.OK),
        new("/api/v1/plans/{id:int}/monthly-report.docx", "GET", "coordinator", s => $"/api/v1/plans/{s.TongzhouPlan}/monthly-report.docx?period=2026-13", HttpStatusCode.BadRequest),
        new("/api/v1/plans/{id:int}/monthly-report.docx", "GET", "swj", _ => "/api/v1/plans/99999/monthly-report.docx", HttpStatusCode.NotFound),
        new("/api/v1/measures/{id:int}/audit.csv", "GET", Anonymous, s => $"/api/v1/measures/{s.ForestryOnlyMeasure}/audit.csv", HttpStatusCode.Unauthorized),
        new("/api/v1/measures/{id:int}/audit.csv", "GET", "swj", s => $"/api/v1/measures/{s.ForestryOnlyMeasure}/audit.csv", HttpStatusCode.Forbidden),
        new("/api/v1/measures/{id:int}/audit.csv", "GET", "ylj", s => $"/api/v1/measures/{s.ForestryOnlyMeasure}/audit.csv", HttpStatusCode.OK),
        new("/api/v1/measures/{id:int}/audit.csv", "GET", "coordinator", s => $"/api/v1/measures/{s.ForestryOnlyMeasure}/audit.csv", HttpStatusCode.OK),

        // The API: 401 for anonymous scripts, scoped reads for units and leaders.
        new("/api/v1/plans/", "GET", Anonymous, _ => "/api/v1/plans", HttpStatusCode.Unauthorized),
        new("/api/v1/plans/", "GET", "ylj", _ => "/api/v1/plans", HttpStatusCode.OK),
        new("/api/v1/plans/{id:int}", "GET", Anonymous, s => $"/api/v1/plans/{s.TongzhouPlan}", HttpStatusCode.Unauthorized),
        new("/api/v1/plans/{id:int}", "GET", "lzh", s => $"/api/v1/plans/{s.TongzhouPlan}", HttpStatusCode.OK),
        new("/api/v1/plans/{id:int}/export", "GET", Anonymous, s => $"/api/v1/plans/{s.TongzhouPlan}/export?format=xlsx", HttpStatusCode.Unauthorized),
        new("/api/v1/plans/{id:int}/export", "GET", "viewer", s => $"/api/v1/plans/{s.TongzhouPlan}/export?format=xlsx", HttpStatusCode.OK),
        new("/api/v1/measures", "GET", Anonymous, _ => "/api/v1/measures", HttpStatusCode.Unauthorized),
        new("/api/v1/measures", "GET", "ylj", _ => "/api/v1/measures", HttpStatusCode.OK),
        new("/api/v1/measures", "GET", "ylj", s => $"/api/v1/measures?org={s.WaterBureau}", HttpStatusCode.Forbidden),
        new("/api/v1/measures", "GET", "lzh", s => $"/api/v1/measures?leader={s.OtherLeader}", HttpStatusCode.Forbidden),
        new("/api/v1/measures", "GET", "coordinator", s => $"/api/v1/measures?org={s.WaterBureau}", HttpStatusCode.OK),
        new("/api/v1/measures/{id:int}", "GET", Anonymous, s => $"/api/v1/measures/{s.ForestryMeasure}", HttpStatusCode.Unauthorized),
        new("/api/v1/measures/{id:int}", "GET", "swj", s => $"/api/v1/measures/{s.ForestryMeasure}", HttpStatusCode.OK),
        new("/api/v1/me/measures", "GET", Anonymous, _ => "/api/v1/me/measures", HttpStatusCode.Unauthorized),
        new("/api/v1/me/measures", "GET", "swj", _ => "/api/v1/me/measures", HttpStatusCode.OK),
        new("/api/v1/organizations/", "GET", Anonymous, _ => "/api/v1/organizations", HttpStatusCode.Unauthorized),
        new("/api/v1/organizations/", "GET", "viewer", _ => "/api/v1/organizations", HttpStatusCode.OK),
        new("/api/v1/me", "GET", Anonymous, _ => "/api/v1/me", HttpStatusCode.Unauthorized),
        new("/api/v1/me", "GET", "lzh", _ => "/api/v1/me", HttpStatusCode.OK),
        new("/api/v1/auth/antiforgery", "GET", Anonymous, _ => "/api/v1/auth/antiforgery", HttpStatusCode.Unauthorized),
        new("/api/v1/auth/antiforgery", "GET", "ylj", _ => "/api/v1/auth/antiforgery", HttpStatusCode.OK),
        new("/api/v1/auth/logout", "POST", Anonymous, _ => "/api/v1/auth/logout", HttpStatusCode.Unauthorized),
        new("/api/v1/auth/logout", "POST", "logout-api", _ => "/api/v1/auth/logout", HttpStatusCode.NoContent),
        new("/account/logout", "POST", Anonymous, _ => "/account/logout", Found, "/login", _ => DemoSite.Form([])),
        new("/account/logout", "POST", "logout-page", _ => "/account/logout", Found, "/login", _ => DemoSite.Form([])),
        // Clues: confidential, nothing for the anonymous; a township sees and acts on its own clues only, the district reviews.
        new("/clues", "GET", Anonymous, _ => "/clues", Found, "/login"),
        new("/clues", "GET", "yongshun", _ => "/clues", HttpStatusCode.OK),
        new("/clues", "GET", "ylj", _ => "/clues", HttpStatusCode.OK),
        // Clue statistics count only what the caller sees: a unit no batch names gets the page with no counts.
        new("/clues/statistics", "GET", Anonymous, _ => "/clues/statistics", Found, "/login"),
        new("/clues/statistics", "GET", "swj", _ => "/clues/statistics", HttpStatusCode.OK),
        new("/clues/statistics", "GET", "yongshun", _ => "/clues/statistics", HttpStatusCode.OK),
        new("/clues/statistics", "GET", "coordinator", _ => "/clues/statistics", HttpStatusCode.OK),
        new("/clues/{Id:int}", "GET", Anonymous, s => $"/clues/{s.YongshunClue}", Found, "/login"),
        new("/clues/{Id:int}", "GET", "yongshun", s => $"/clues/{s.YongshunClue}", HttpStatusCode.OK),
        new("/clues/{Id:int}", "GET", "yongshun", s => $"/clues/{s.OtherTownshipClue}", HttpStatusCode.NotFound),
        new("/clues/{Id:int}", "GET", "swj", s => $"/clues/{s.YongshunClue}", HttpStatusCode.NotFound),
        new("/clues/{Id:int}", "GET", "coordinator", s => $"/clues/{s.OtherTownshipClue}", HttpStatusCode.OK),
        new("/clues/{Id:int}/field", "GET", Anonymous, s => $"/clues/{s.YongshunClue}/field", Found, "/login"),
        new("/clues/{Id:int}/field", "GET", "yongshun", s => $"/clues/{s.YongshunClue}/field", HttpStatusCode.OK),
        new("/clues/{Id:int}/field", "GET", "ylj", s => $"/clues/{s.YongshunClue}/field", HttpStatusCode.NotFound),
        new("/api/v1/clues", "GET", Anonymous, _ => "/api/v1/clues", HttpStatusCode.Unauthorized),
        new("/api/v1/clues", "GET", "yongshun", _ => "/api/v1/clues?state=Pending", HttpStatusCode.OK),
        new("/api/v1/clues", "GET", "coordinator", _ => "/api/v1/clues?bbox=1,2,3", HttpStatusCode.BadRequest),
        new("/api/v1/clues/statistics", "GET", Anonymous, _ => "/api/v1/clues/statistics", HttpStatusCode.Unauthorized),
        new("/api/v1/clues/statistics", "GET", "swj", _ => "/api/v1/clues/statistics", HttpStatusCode.OK),
        new("/api/v1/clues/statistics", "GET", "yongshun", _ => "/api/v1/clues/statistics", HttpStatusCode.OK),
        new("/api/v1/clues/statistics", "GET", "city", _ => "/api/v1/clues/statistics?measure=1", HttpStatusCode.OK),
        new("/api/v1/clues/{id:int}", "GET", Anonymous, s => $"/api/v1/clues/{s.YongshunClue}", HttpStatusCode.Unauthorized),
        new("/api/v1/clues/{id:int}", "GET", "yongshun", s => $"/api/v1/clues/{s.OtherTownshipClue}", HttpStatusCode.NotFound),
        new("/api/v1/clues/{id:int}", "GET", "city", s => $"/api/v1/clues/{s.OtherTownshipClue}", HttpStatusCode.OK),
        new("/api/v1/clues/{id:int}/steps/{step}", "POST", Anonymous, s => $"/api/v1/clues/{s.YongshunPending}/steps/Start", HttpStatusCode.Unauthorized, Body: _ => JsonContent.Create(new { note = "开始现场核查" })),
        new("/api/v1/clues/{id:int}/steps/{step}", "POST", "coordinator", s => $"/api/v1/clues/{s.YongshunPending}/steps/Start", HttpStatusCode.Forbidden, Body: _ => JsonContent.Create(new { note = "开始现场核查" })),
        new("/api/v1/clues/{id:int}/steps/{step}", "POST", "lzh", s => $"/api/v1/clues/{s.YongshunPending}/steps/Start", HttpStatusCode.Forbidden, Body: _ => JsonContent.Create(new { note = "开始现场核查" })),
        new("/api/v1/clues/{id:int}/steps/{step}", "POST", "yongshun", s => $"/api/v1/clues/{s.YongshunPending}/steps/Start", HttpStatusCode.OK, Body: _ => JsonContent.Create(new { note = "开始现场核查" })),
        new("/api/v1/clues/steps/{step}", "POST", Anonymous, _ => "/api/v1/clues/steps/AcceptVerification", HttpStatusCode.Unauthorized, Body: s => JsonContent.Create(new { ids = new[] { s.SubmittedClue } })),
        new("/api/v1/clues/steps/{step}", "POST", "yongshun", _ => "/api/v1/clues/steps/AcceptVerification", HttpStatusCode.Forbidden, Body: s => JsonContent.Create(new { ids = new[] { s.SubmittedClue } })),
        new("/api/v1/clues/steps/{step}", "POST", "coordinator", _ => "/api/v1/clues/steps/AcceptVerification", HttpStatusCode.OK, Body: s => JsonContent.Create(new { ids = new[] { s.SubmittedClue } })),
        new("/api/v1/clues/{id:int}/assign", "POST", Anonymous, s => $"/api/v1/clues/{s.OtherTownshipClue}/assign", HttpStatusCode.Unauthorized, Body: s => JsonContent.Create(new { township = s.OtherTownship })),
        new("/api/v1/clues/{id:int}/assign", "POST", "yongshun", s => $"/api/v1/clues/{s.YongshunClue}/assign", HttpStatusCode.Forbidden, Body: _ => JsonContent.Create(new { township = "110112005" })),
        new("/api/v1/clues/{id:int}/assign", "POST", "coordinator", s => $"/api/v1/clues/{s.OtherTownshipClue}/assign", HttpStatusCode.OK, Body: s => JsonContent.Create(new { township = s.OtherTownship })),
        new("/api/v1/clues/{id:int}/evidence", "POST", Anonymous, s => $"/api/v1/clues/{s.YongshunClue}/evidence", HttpStatusCode.Unauthorized, Body: _ => DemoSite.PhotoUpload()),
        new("/api/v1/clues/{id:int}/evidence", "POST", "swj", s => $"/api/v1/clues/{s.YongshunClue}/evidence", HttpStatusCode.NotFound, Body: _ => DemoSite.PhotoUpload()),
        new("/api/v1/clues/{id:int}/evidence", "POST", "lzh", s => $"/api/v1/clues/{s.YongshunClue}/evidence", HttpStatusCode.Forbidden, Body: _ => DemoSite.PhotoUpload()),
        new("/api/v1/clues/{id:int}/evidence", "POST", "yongshun", s => $"/api/v1/clues/{s.YongshunClue}/evidence", HttpStatusCode.OK, Body: _ => DemoSite.PhotoUpload()),
        new("/api/v1/clue-evidence/{id:int}", "GET", Anonymous, s => $"/api/v1/clue-evidence/{s.ClueEvidence}", HttpStatusCode.Unauthorized),
        new("/api/v1/clue-evidence/{id:int}", "GET", "swj", s => $"/api/v1/clue-evidence/{s.ClueEvidence}", HttpStatusCode.NotFound),
        new("/api/v1/clue-evidence/{id:int}", "GET", "yongshun", s => $"/api/v1/clue-evidence/{s.ClueEvidence}", HttpStatusCode.OK),
        new("/api/v1/clues/ledger.xlsx", "GET", Anonymous, _ => "/api/v1/clues/ledger.xlsx", HttpStatusCode.Unauthorized),
        new("/api/v1/clues/ledger.xlsx", "GET", "yongshun", _ => "/api/v1/clues/ledger.xlsx", HttpStatusCode.OK),
        new("/api/v1/clues/{id:int}/archive.zip", "GET", Anonymous, s => $"/api/v1/clues/{s.YongshunClosing}/archive.zip", HttpStatusCode.Unauthorized),
        new("/api/v1/clues/{id:int}/archive.zip", "GET", "yongshun", s => $"/api/v1/clues/{s.OtherTownshipClosing}/archive.zip", HttpStatusCode.NotFound),
        new("/api/v1/clues/{id:int}/archive.zip", "GET", "swj", s => $"/api/v1/clues/{s.YongshunClosing}/archive.zip", HttpStatusCode.NotFound),
        new("/api/v1/clues/{id:int}/archive.zip", "GET", "yongshun", s => $"/api/v1/clues/{s.YongshunClue}/archive.zip", HttpStatusCode.Conflict),
        new("/api/v1/clues/{id:int}/archive.zip", "GET", "yongshun", s => $"/api/v1/clues/{s.YongshunClosing}/archive.zip", HttpStatusCode.OK),
        new("/api/v1/clues/{id:int}/archive.zip", "GET", "coordinator", s => $"/api/v1/clues/{s.OtherTownshipClosing}/archive.zip", HttpStatusCode.OK),
        new("/clues/{id:int}/steps/{step}", "POST", Anonymous, s => $"/clues/{s.YongshunClue}/steps/Start", Found, "/login", _ => DemoSite.Form([])),
        new("/clues/{id:int}/steps/{step}", "POST", "coordinator", s => $"/clues/{s.YongshunSecondPending}/steps/Start", Found, "/denied", _ => DemoSite.Form([])),
        new("/clues/{id:int}/steps/{step}", "POST", "yongshun", s => $"/clues/{s.YongshunSecondPending}/steps/Start", Found, "/clues/", _ => DemoSite.Form([])),
        new("/clues/{id:int}/assign", "POST", Anonymous, s => $"/clues/{s.OtherTownshipClue}/assign", Found, "/login", s => DemoSite.Form([("township", s.OtherTownship)])),
        new("/clues/{id:int}/assign", "POST", "lzh", s => $"/clues/{s.OtherTownshipClue}/assign", Found, "/denied", s => DemoSite.Form([("township", s.OtherTownship)])),
        new("/clues/{id:int}/assign", "POST", "coordinator", s => $"/clues/{s.OtherTownshipClue}/assign", Found, "/clues/", s => DemoSite.Form([("township", s.OtherTownship)])),
        new("/clues/bulk", "POST", Anonymous, _ => "/clues/bulk", Found, "/login", s => DemoSite.Form([("id", s.SecondSubmittedClue.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("step", "AcceptVerification")])),
        new("/clues/bulk", "POST", "yongshun", _ => "/clues/bulk", Found, "/denied", s => DemoSite.Form([("id", s.SecondSubmittedClue.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("step", "AcceptVerification")])),
        new("/clues/bulk", "POST", "coordinator", _ => "/clues/bulk", Found, "/clues?done=1", s => DemoSite.Form([("id", s.SecondSubmittedClue.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("step", "AcceptVerification")])),
        new("/clues/{id:int}/evidence", "POST", Anonymous, s => $"/clues/{s.YongshunClue}/evidence", Found, "/login", _ => DemoSite.PhotoUpload()),
        new("/clues/{id:int}/evidence", "POST", "lzh", s => $"/clues/{s.YongshunClue}/evidence", Found, "/denied", _ => DemoSite.PhotoUpload()),
        new("/clues/{id:int}/evidence", "POST", "yongshun", s => $"/clues/{s.YongshunClue}/evidence", Found, "/clues/", _ => DemoSite.PhotoUpload()),
        // Clue batches: the coordinators of the file's district (or its city) bring them in; a township, another district's coordinator may not.
        new("/clues/batches/new", "GET", Anonymous, _ => "/clues/batches/new", Found, "/login"),
        new("/clues/batches/new", "GET", "yongshun", _ => "/clues/batches/new", Found, "/denied"),
        new("/clues/batches/new", "GET", "coordinator", _ => "/clues/batches/new", HttpStatusCode.OK),
        new("/clues/batches/new", "POST", Anonymous, _ => "/clues/batches/new", Found, "/login", _ => DemoSite.ClueBatchUpload()),
        new("/clues/batches/new", "POST", "yongshun", _ => "/clues/batches/new", Found, "/denied", _ => DemoSite.ClueBatchUpload()),
        new("/clues/batches/new", "POST", "chaoyang", _ => "/clues/batches/new", Found, "/denied", _ => DemoSite.ClueBatchUpload()),
        new("/clues/batches/new", "POST", "coordinator", _ => "/clues/batches/new", Found, "/clues/batches/new/", _ => DemoSite.ClueBatchUpload()),
        new("/clues/batches/new/{Key}", "GET", Anonymous, s => $"/clues/batches/new/{s.PendingClueBatch}?source=RedLine&name=x", Found, "/login"),
        new("/clues/batches/new/{Key}", "GET", "yongshun", s => $"/clues/batches/new/{s.PendingClueBatch}?source=RedLine&name=x", Found, "/denied"),
        new("/clues/batches/new/{Key}", "GET", "chaoyang", s => $"/clues/batches/new/{s.PendingClueBatch}?source=RedLine&name=x", HttpStatusCode.Forbidden),
        new("/clues/batches/new/{Key}", "GET", "coordinator", s => $"/clues/batches/new/{s.PendingClueBatch}?source=RedLine&name=x", HttpStatusCode.OK),
        new("/clues/batches/new/{key}/confirm", "POST", Anonymous, s => $"/clues/batches/new/{s.PendingClueBatch}/confirm", Found, "/login", _ => DemoSite.Form([("source", "RedLine")])),
        new("/clues/batches/new/{key}/confirm", "POST", "yongshun", s => $"/clues/batches/new/{s.PendingClueBatch}/confirm", Found, "/denied", _ => DemoSite.Form([("source", "RedLine")])),
        new("/clues/batches/new/{key}/confirm", "POST", "chaoyang", s => $"/clues/batches/new/{s.PendingClueBatch}/confirm", Found, "/denied", _ => DemoSite.Form([("source", "RedLine")])),
        // Without a batch name nothing is imported: back to the preview, which proves the coordinator was let through.
        new("/clues/batches/new/{key}/confirm", "POST", "coordinator", s => $"/clues/batches/new/{s.PendingClueBatch}/confirm", Found, "/clues/batches/new/", _ => DemoSite.Form([("source", "RedLine")])),
        new("/api/v1/clue-batches", "POST", Anonymous, _ => "/api/v1/clue-batches", HttpStatusCode.Unauthorized, Body: _ => DemoSite.ClueBatchUpload(dryRun: true)),
        new("/api/v1/clue-batches", "POST", "yongshun", _ => "/api/v1/clue-batches", HttpStatusCode.Forbidden, Body: _ => DemoSite.ClueBatchUpload(dryRun: true)),
        new("/api/v1/clue-batches", "POST", "chaoyang", _ => "/api/v1/clue-batches", HttpStatusCode.Forbidden, Body: _ => DemoSite.ClueBatchUpload(dryRun: true)),
        new("/api/v1/clue-batches", "POST", "coordinator", _ => "/api/v1/clue-batches", HttpStatusCode.OK, Body: _ => DemoSite.ClueBatchUpload(dryRun: true)),

        // Links across levels: the district's coordinators decide, the city's read, units and other regions are refused.
        new("/api/v1/plans/{id:int}/alignment", "GET", Anonymous, s => $"/api/v1/plans/{s.TongzhouPlan}/alignment", HttpStatusCode.Unauthorized),
        new("/api/v1/plans/{id:int}/alignment", "GET", "ylj", s => $"/api/v1/plans/{s.TongzhouPlan}/alignment", HttpStatusCode.Forbidden),
        new("/api/v1/plans/{id:int}/alignment", "GET", "city", s => $"/api/v1/plans/{s.TongzhouPlan}/alignment", HttpStatusCode.OK),
        new("/api/v1/plans/{id:int}/alignment", "GET", "coordinator", s => $"/api/v1/plans/{s.TongzhouPlan}/alignment?cityPlan={s.TongzhouPlan}", HttpStatusCode.BadRequest),
        new("/api/v1/plans/{id:int}/alignment/gaps", "GET", Anonymous, s => $"/api/v1/plans/{s.TongzhouPlan}/alignment/gaps", HttpStatusCode.Unauthorized),
        new("/api/v1/plans/{id:int}/alignment/gaps", "GET", "swj", s => $"/api/v1/plans/{s.TongzhouPlan}/alignment/gaps", HttpStatusCode.Forbidden),
        new("/api/v1/plans/{id:int}/alignment/gaps", "GET", "city", s => $"/api/v1/plans/{s.TongzhouPlan}/alignment/gaps", HttpStatusCode.OK),
        new("/api/v1/measures/{id:int}/links", "POST", Anonymous, s => $"/api/v1/measures/{s.LinkDistrictMeasure}/links", HttpStatusCode.Unauthorized, Body: s => LinkDecision(s, "Confirm")),
        new("/api/v1/measures/{id:int}/links", "POST", "city", s => $"/api/v1/measures/{s.LinkDistrictMeasure}/links", HttpStatusCode.Forbidden, Body: s => LinkDecision(s, "Confirm")),
        new("/api/v1/measures/{id:int}/links", "POST", "ylj", s => $"/api/v1/measures/{s.LinkDistrictMeasure}/links", HttpStatusCode.Forbidden, Body: s => LinkDecision(s, "Reject")),
        new("/api/v1/measures/{id:int}/links", "POST", "viewer", s => $"/api/v1/measures/{s.LinkDistrictMeasure}/links", HttpStatusCode.Forbidden, Body: s => LinkDecision(s, "Confirm")),
        new("/api/v1/measures/{id:int}/links", "POST", "coordinator", s => $"/api/v1/measures/{s.LinkDistrictMeasure}/links", HttpStatusCode.OK, Body: s => LinkDecision(s, "Confirm")),
        new("/api/v1/measures/{id:int}/links/change", "POST", Anonymous, s => $"/api/v1/measures/{s.ChangeDistrictMeasure}/links/change", HttpStatusCode.Unauthorized, Body: s => JsonContent.Create(new { from = s.ChangeFrom, to = s.ChangeTo })),
        new("/api/v1/measures/{id:int}/links/change", "POST", "city", s => $"/api/v1/measures/{s.ChangeDistrictMeasure}/links/change", HttpStatusCode.Forbidden, Body: s => JsonContent.Create(new { from = s.ChangeFrom, to = s.ChangeTo })),
        new("/api/v1/measures/{id:int}/links/change", "POST", "coordinator", s => $"/api/v1/measures/{s.ChangeDistrictMeasure}/links/change", HttpStatusCode.OK, Body: s => JsonContent.Create(new { from = s.ChangeFrom, to = s.ChangeTo })),
        new("/api/v1/plans/{id:int}/decomposition", "GET", Anonymous, s => $"/api/v1/plans/{s.BeijingPlan}/decomposition", HttpStatusCode.Unauthorized),
        new("/api/v1/plans/{id:int}/decomposition", "GET", "ylj", s => $"/api/v1/plans/{s.BeijingPlan}/decomposition", HttpStatusCode.Forbidden),
        new("/api/v1/plans/{id:int}/decomposition", "GET", "viewer", s => $"/api/v1/plans/{s.BeijingPlan}/decomposition", HttpStatusCode.Forbidden),
        new("/api/v1/plans/{id:int}/decomposition", "GET", "coordinator", s => $"/api/v1/plans/{s.BeijingPlan}/decomposition", HttpStatusCode.OK),
        new("/api/v1/plans/{id:int}/decomposition", "GET", "city", s => $"/api/v1/plans/{s.BeijingPlan}/decomposition", HttpStatusCode.OK),
        new("/api/v1/plans/{id:int}/decomposition.xlsx", "GET", Anonymous, s => $"/api/v1/plans/{s.BeijingPlan}/decomposition.xlsx", HttpStatusCode.Unauthorized),
        new("/api/v1/plans/{id:int}/decomposition.xlsx", "GET", "swj", s => $"/api/v1/plans/{s.BeijingPlan}/decomposition.xlsx", HttpStatusCode.Forbidden),
        new("/api/v1/plans/{id:int}/decomposition.xlsx", "GET", "city", s => $"/api/v1/plans/{s.BeijingPlan}/decomposition.xlsx", HttpStatusCode.OK),
        new("/plans/{Id:int}/alignment", "GET", Anonymous, s => $"/plans/{s.TongzhouPlan}/alignment", Found, "/login"),
        new("/plans/{Id:int}/alignment", "GET", "ylj", s => $"/plans/{s.TongzhouPlan}/alignment", HttpStatusCode.Forbidden),
        new("/plans/{Id:int}/alignment", "GET", "coordinator", s => $"/plans/{s.TongzhouPlan}/alignment", HttpStatusCode.OK),
        new("/plans/{Id:int}/alignment/gaps", "GET", Anonymous, s => $"/plans/{s.TongzhouPlan}/alignment/gaps", Found, "/login"),
        new("/plans/{Id:int}/alignment/gaps", "GET", "lzh", s => $"/plans/{s.TongzhouPlan}/alignment/gaps", HttpStatusCode.Forbidden),
        new("/plans/{Id:int}/alignment/gaps", "GET", "city", s => $"/plans/{s.TongzhouPlan}/alignment/gaps", HttpStatusCode.OK),
        new("/plans/{Id:int}/decomposition", "GET", Anonymous, s => $"/plans/{s.BeijingPlan}/decomposition", Found, "/login"),
        new("/plans/{Id:int}/decomposition", "GET", "ylj", s => $"/plans/{s.BeijingPlan}/decomposition", HttpStatusCode.Forbidden),
        new("/plans/{Id:int}/decomposition", "GET", "city", s => $"/plans/{s.BeijingPlan}/decomposition", HttpStatusCode.OK),
        new("/plans/{planId:int}/alignment/decide", "POST", Anonymous, s => $"/plans/{s.TongzhouPlan}/alignment/decide", Found, "/login", DecideForm),
        new("/plans/{planId:int}/alignment/decide", "POST", "city", s => $"/plans/{s.TongzhouPlan}/alignment/decide", Found, "/denied", DecideForm),
        new("/plans/{planId:int}/alignment/decide", "POST", "coordinator", s => $"/plans/{s.TongzhouPlan}/alignment/decide", Found, "/plans/", DecideForm),
        new("/plans/{planId:int}/alignment/change", "POST", Anonymous, s => $"/plans/{s.TongzhouPlan}/alignment/change", Found, "/login", ChangeForm),
        new("/plans/{planId:int}/alignment/change", "POST", "ylj", s => $"/plans/{s.TongzhouPlan}/alignment/change", Found, "/denied", ChangeForm),
        new("/plans/{planId:int}/alignment/change", "POST", "coordinator", s => $"/plans/{s.TongzhouPlan}/alignment/change", Found, "/plans/", ChangeForm),
    ];

    private static FormUrlEncodedContent DecideForm(DemoSite site) => DemoSite.Form([("measure", $"{site.LinkDistrictMeasure}"), ("city", $"{site.LinkCityMeasure}"), ("decision", "Confirm")]);

    private static FormUrlEncodedContent ChangeForm(DemoSite site) => DemoSite.Form([("measure", $"{site.ChangeDistrictMeasure}"), ("from", $"{site.ChangeFrom}"), ("to", $"{site.ChangeTo}")]);

    private static JsonContent LinkDecision(DemoSite site, string decision) => JsonContent.Create(new { cityMeasureId = site.LinkCityMeasure, decision });

    public static TheoryData<Case> AllCases() => [.. Cases];

    private static JsonContent Report(string? period) => JsonContent.Create(new { period, status = "InProgress", percent = 50, narrative = "按计划推进。" });

    private static JsonContent BulkAccept(DemoSite site) => JsonContent.Create(new { reports = new[] { new { reportId = site.SubmittedReport, revision = site.SubmittedRevision } } });

    private static FormUrlEncodedContent BulkAcceptForm(DemoSite site) =>
        DemoSite.Form([("queue", ""), ("report", $"{site.SubmittedReport}:{site.SubmittedRevision}")]);

    private static MultipartFormDataContent PdfUpload() =>
        new() { { new ByteArrayContent("%PDF-1.4\n%%EOF\n"u8.ToArray()), "file", "evidence.pdf" } };

    private static FormUrlEncodedContent ReportForm(string period) =>
        DemoSite.Form([("period", period), ("status", "InProgress"), ("percent", "40"), ("narrative", "页面填报。")]);

    private static FormUrlEncodedContent TargetForm(int? measure = null)
    {
        List<(string Key, string Value)> fields = [("metric", "矩阵测试指标"), ("unit", "处"), ("comparator", "AtLeast"), ("value", "10"), ("year", "2026")];
        if (measure is { } m)
        {
            fields.Add(("measure", m.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }

        return DemoSite.Form(fields);
    }

    private static FormUrlEncodedContent AchievementForm() =>
        DemoSite.Form([("region", "110112"), ("year", "2026"), ("value", "12"), ("source", "matrix")]);

    [Theory]
    [MemberData(nameof(AllCases))]
    public async Task Request_GetsTheExpectedAnswer(Case test)
    {
        ArgumentNullException.ThrowIfNull(test);
        // Anonymous requests get a fresh client each: a login row must not sign in the next row's "anonymous" user.
        using var fresh = test.User == Anonymous ? _site.Factory.CreateBrowser() : null;
        var client = fresh ?? await _site.ClientAsync(test.User);
        using var request = new HttpRequestMessage(new HttpMethod(test.Method), new Uri(test.Url(_site), UriKind.Relative));
        request.Content = test.Body?.Invoke(_site);
        if (request.Content is FormUrlEncodedContent or MultipartFormDataContent)
        {
            await DemoSite.AddAntiforgeryAsync(client, request, signedIn: test.User != Anonymous);
        }
        else if (request.Content is null && test.Method != "GET" && test.Route.StartsWith("/api/", StringComparison.Ordinal))
        {
            // A bodiless API write says it is JSON, as a script must (CsrfProtection); the rows test who may, not that.
            request.Content = EcoPlanWebFactory.EmptyJson();
        }

        using var response = await client.SendAsync(request);

        Assert.True(test.Expected == response.StatusCode, $"{test}: got {(int)response.StatusCode} {response.Headers.Location}");
        if (test.Location is { } location)
        {
            var actual = response.Headers.Location!.ToString();
            Assert.StartsWith(location, actual.StartsWith("https://localhost/", StringComparison.Ordinal) ? actual["https://localhost".Length..] : actual, StringComparison.Ordinal);
        }
    }

    /// <summary>
    /// The 销号 archive as a browser gets it: a zip named in Chinese (RFC 5987), streamed through a response that refuses
    /// synchronous writes, holding the form and the clue's files. Here rather than in a class of its own, to share the demo site.
    /// </summary>
    [Fact]
    public async Task ClueArchive_DownloadsAZipNamedInChinese_WithTheFormAndEveryFile()
    {
        var client = await _site.ClientAsync("yongshun");

        using var response = await client.GetAsync(new Uri($"/api/v1/clues/{_site.YongshunClosing}/archive.zip", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/zip", response.Content.Headers.ContentType!.MediaType);
        var disposition = response.Content.Headers.ContentDisposition!;
        Assert.StartsWith("销号档案-", disposition.FileNameStar, StringComparison.Ordinal);
        Assert.EndsWith(".zip", disposition.FileNameStar, StringComparison.Ordinal);
        using var zip = new System.IO.Compression.ZipArchive(await response.Content.ReadAsStreamAsync(), System.IO.Compression.ZipArchiveMode.Read);
        using var scope = _site.Factory.Services.CreateScope();
        var evidence = await scope.ServiceProvider.GetRequiredService<EcoPlanDbContext>().ClueEvidence.CountAsync(e => e.ClueId == _site.YongshunClosing);
        Assert.Contains(zip.Entries, e => e.FullName == Core.Clues.ClueArchive.FormEntry);
        Assert.Equal(evidence, zip.Entries.Count(e => e.FullName.StartsWith(Core.Clues.ClueArchive.PhotoFolder, StringComparison.Ordinal)
            || e.FullName.StartsWith(Core.Clues.ClueArchive.MaterialFolder, StringComparison.Ordinal)));
        Assert.True(evidence > 0);
    }

    [Fact]
    public void EveryEndpoint_HasRowsForAnonymousAllowedAndRefused()
    {
        var endpoints = Endpoints();

        var missing = new List<string>();
        foreach (var (method, route) in endpoints)
        {
            var rows = Cases.Where(c => c.Method == method && c.Route == route).ToList();
            if (rows.Count == 0)
            {
                missing.Add($"{method} {route}: no rows");
            }
            else if (rows.All(r => r.User != Anonymous))
            {
                missing.Add($"{method} {route}: no anonymous row");
            }
        }

        Assert.True(missing.Count == 0, "Endpoints missing from the authorization matrix:\n" + string.Join('\n', missing));
        Assert.True(endpoints.Count > 30, $"only {endpoints.Count} endpoints found; the enumeration is broken");
    }

    /// <summary>
    /// Every write the app maps, sent by a signed-in admin (whom no policy stops) as another site could send it: with no
    /// body, a text/plain body, or a form or multipart body without the anti-forgery token. Each is refused before its
    /// handler runs (400 naming the token; an endpoint that takes a JSON body answers 415 or 400 for the body), and the
    /// draft plan a forged publish aimed at stays a draft.
    /// </summary>
    [Fact]
    public async Task EveryWrite_WithoutItsTokenOrAJsonBody_IsRefused()
    {
        var admin = await _site.ClientAsync("admin");
        var writes = Endpoints().Where(e => e.Method is "POST" or "PUT" or "PATCH" or "DELETE").ToList();
        Func<HttpContent?>[] forgeries =
        [
            () => null,
            () => new StringContent("confirm=true", Encoding.UTF8, "text/plain"),
            () => DemoSite.Form([("confirm", "true")]),
            () => new MultipartFormDataContent { { new StringContent("true"), "confirm" } },
        ];

        var passed = new List<string>();
        foreach (var (method, route) in writes)
        {
            var url = IntParameter().Replace(route, "1");
            url = Parameter().Replace(url, "x");
            url = url.Replace("/plans/1/publish", $"/plans/{_site.DraftPlan}/publish", StringComparison.Ordinal).Replace("/steps/x", "/steps/Start", StringComparison.Ordinal) + "?confirm=true";
            foreach (var forgery in forgeries)
            {
                using var request = new HttpRequestMessage(new HttpMethod(method), new Uri(url, UriKind.Relative)) { Content = forgery() };
                var kind = request.Content?.Headers.ContentType?.MediaType ?? "no body";
                using var response = await admin.SendAsync(request);
                var body = await response.Content.ReadAsStringAsync();
                // Refused for the missing token, or, by an endpoint whose body must be JSON, for the body itself.
                var refused = response.StatusCode == HttpStatusCode.UnsupportedMediaType
                    || (response.StatusCode == HttpStatusCode.BadRequest && (body.Contains("RequestVerificationToken", StringComparison.Ordinal) || body.Contains("\"body\"", StringComparison.Ordinal)));
                if (!refused)
                {
                    passed.Add($"{method} {url} ({kind}): {(int)response.StatusCode}");
                }
            }
        }

        Assert.True(passed.Count == 0, "Writes not refused without a token or JSON body:\n" + string.Join('\n', passed));
        Assert.True(writes.Count > 15, $"only {writes.Count} writes found; the enumeration is broken");
        Assert.Equal(Core.Plans.PlanStatus.Draft, await _site.Factory.QueryAsync(db => db.Plans.Where(p => p.Id == _site.DraftPlan).Select(p => p.Status).SingleAsync()));
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync(new Uri("/api/v1/me", UriKind.Relative))).StatusCode);
    }

    [GeneratedRegex(@"\{[^}]+:int\}")]
    private static partial Regex IntParameter();

    [GeneratedRegex(@"\{[^}]+\}")]
    private static partial Regex Parameter();

    /// <summary>Every method and route the app maps, but static files and the component pages' own POST.</summary>
    private List<(string Method, string Route)> Endpoints() =>
        _site.Factory.Services.GetServices<EndpointDataSource>()
            .SelectMany(source => source.Endpoints).OfType<RouteEndpoint>()
            // Fingerprinted static files are public by design; they carry no data.
            .Where(e => !e.Metadata.Any(m => m.GetType().Name.Contains("StaticAsset", StringComparison.Ordinal)))
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"]).Select(method => (Method: method, Route: "/" + e.RoutePattern.RawText!.TrimStart('/'))))
            // Razor component pages also accept POST for forms; this app's pages post to endpoints of their own, listed separately.
            .Where(e => e.Method is not ("POST" or "HEAD") || !IsComponentPage(e.Route))
            .Distinct()
            .ToList();

    private static bool IsComponentPage(string route) =>
        typeof(Program).Assembly.GetTypes()
            .SelectMany(t => t.GetCustomAttributes(typeof(Microsoft.AspNetCore.Components.RouteAttribute), inherit: false).Cast<Microsoft.AspNetCore.Components.RouteAttribute>())
            .Any(r => r.Template == route);

    /// <summary>One demo site for the whole matrix, with a draft plan, a pending upload, and a user of each kind.</summary>
    public sealed class DemoSite : IAsyncLifetime
    {
        private readonly Dictionary<string, HttpClient> _clients = [];

        public EcoPlanWebFactory Factory { get; private set; } = default!;
        public int TongzhouPlan { get; private set; }
        public int DraftPlan { get; private set; }
        public int WaterBureau { get; private set; }
        public int ForestryBureau { get; private set; }
        public int ForestryMeasure { get; private set; }
        public int LinLeader { get; private set; }
        public int OtherLeader { get; private set; }
        public int ForestryOnlyMeasure { get; private set; }
        public int DraftReport { get; private set; }
        public int SubmitMe { get; private set; }
        public int SubmittedReport { get; private set; }
        public int SubmittedRevision { get; private set; }
        public int CooperationReport { get; private set; }
        public int Attachment { get; private set; }
        public string PendingUpload { get; private set; } = "";
        public int TongzhouTarget { get; private set; }
        public int MatrixTarget { get; private set; }
        public int WaterNotice { get; private set; }
        public int YongshunClue { get; private set; }
        public int YongshunPending { get; private set; }
        public int YongshunSecondPending { get; private set; }
        public int OtherTownshipClue { get; private set; }
        public string OtherTownship { get; private set; } = "";
        public int SubmittedClue { get; private set; }
        public int SecondSubmittedClue { get; private set; }
        public int ClueEvidence { get; private set; }
        public int YongshunClosing { get; private set; }
        public int OtherTownshipClosing { get; private set; }
        public string PendingClueBatch { get; private set; } = "";
        public int BeijingPlan { get; private set; }
        public int LinkDistrictMeasure { get; private set; }
        public int LinkCityMeasure { get; private set; }
        public int ChangeDistrictMeasure { get; private set; }
        public int ChangeFrom { get; private set; }
        public int ChangeTo { get; private set; }

        public async Task InitializeAsync()
        {
            Factory = await EcoPlanWebFactory.CreateAsync(DatabaseProvider.Sqlite, demoData: true);
            using var warmUp = Factory.CreateBrowser();
            using var scope = Factory.Services.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<EcoPlanDbContext>();
            var accounts = scope.ServiceProvider.GetRequiredService<AccountAdministration>();
            foreach (var name in (string[])["viewer", "logout-api", "logout-page"])
            {
                await accounts.AddUserAsync(name, "北京市通州区生态环境局", Roles.Viewer, password: EcoPlanWebFactory.DemoPassword);
            }

            // A coordinator of another district (朝阳区), for the clue batch rows.
            var chaoyang = await db.Organizations.Where(o => o.Region!.Code == "110105").OrderBy(o => o.Id).Select(o => o.Name).FirstAsync();
            await accounts.AddUserAsync("chaoyang", chaoyang, Roles.Coordinator, password: EcoPlanWebFactory.DemoPassword);
            PendingClueBatch = await scope.ServiceProvider.GetRequiredService<Import.IUploadStore>()
                .SaveAsync(DemoData.ReadSample(ClueSample), ClueSample, CancellationToken.None);

            TongzhouPlan = await db.Plans.Where(p => p.Region!.Code == "110112").Select(p => p.Id).SingleAsync();
            WaterBureau = await db.Organizations.Where(o => o.Name == "北京市通州区水务局").Select(o => o.Id).SingleAsync();
            ForestryBureau = await db.Organizations.Where(o => o.Name == "北京市通州区园林绿化局").Select(o => o.Id).SingleAsync();
            ForestryMeasure = await db.MeasureAssignments.Where(a => a.OrganizationId == ForestryBureau).Select(a => a.MeasureId).FirstAsync();
            LinLeader = await db.Leaders.Where(l => l.Name == "林正航").Select(l => l.Id).SingleAsync();
            OtherLeader = await db.Leaders.Where(l => l.Name == "姚伟龙").Select(l => l.Id).SingleAsync();
            TongzhouTarget = await db.Targets.Where(t => t.Measure!.Task!.Section!.PlanId == TongzhouPlan).Select(t => t.Id).FirstAsync();
            var matrixTarget = new Core.Plans.Target { MeasureId = ForestryMeasure, Metric = "矩阵测试指标", Unit = "处", Comparator = Core.Plans.TargetComparator.AtLeast, Value = 5m };
            db.Targets.Add(matrixTarget);
            await db.SaveChangesAsync();
            MatrixTarget = matrixTarget.Id;
            var notice = new Core.Notifications.Notification { OrganizationId = WaterBureau, Key = "matrix", Text = "matrix", CreatedAt = DateTime.UtcNow };
            db.Notifications.Add(notice);
            await db.SaveChangesAsync();
            WaterNotice = notice.Id;
            await IndicatorPageTests.StoreGepRAsync(db);

            // The demo's clues: 永顺镇's (the yongshun account's) and another township's, in the states the rows need.
            var clues = await db.Clues.Include(c => c.Township).Include(c => c.Evidence).OrderBy(c => c.Id).ToListAsync();
            var yongshun = clues.Where(c => c.Township!.Code == "110112005").ToList();
            YongshunClue = yongshun.First(c => c.State == Core.Clues.ClueState.Verifying).Id;
            ClueEvidence = yongshun.SelectMany(c => c.Evidence).First().Id;
            // Clues far enough along for their 销号 archive, with the most evidence (a violation carried to its end).
            YongshunClosing = yongshun.Where(c => Core.Clues.ClueArchive.IsAvailable(c.State)).MaxBy(c => c.Evidence.Count)!.Id;
            OtherTownshipClosing = clues.Where(c => c.Township!.Code != "110112005" && Core.Clues.ClueArchive.IsAvailable(c.State)).MaxBy(c => c.Evidence.Count)!.Id;
            var other = clues.First(c => c.Township!.Code != "110112005" && c.State == Core.Clues.ClueState.Rectifying);
            (OtherTownshipClue, OtherTownship) = (other.Id, other.Township!.Code);
            var submittedClues = clues.Where(c => c.State == Core.Clues.ClueState.VerificationSubmitted && c.Township!.Code != "110112005").ToList();
            (SubmittedClue, SecondSubmittedClue) = (submittedClues[0].Id, submittedClues[1].Id);
            // A second pending clue of 永顺镇, written like the demo's, so the API and the form each start one.
            var pending = yongshun.First(c => c.State == Core.Clues.ClueState.Pending);
            YongshunPending = pending.Id;
            var copy = await new Core.Clues.ClueBatchWriter(db, TimeProvider.System).WriteAsync(UserAccess.System,
                new Core.Clues.ClueBatchRequest("矩阵测试批次", Core.Clues.ClueSource.Patrol, "110112", new DateOnly(2026, 6, 1)),
                [new Core.Clues.PlacedClue("MATRIX-1", Core.Clues.ClueGeometry.Read(pending.Geometry).Buffer(0.0005), 1000, Core.Clues.ActivityType.Other, null, null,
                    pending.TownshipRegionId, [], null)]).Done();
            YongshunSecondPending = copy.ClueIds[0];

            // Reports in each state the progress rows need, made through the workflow as the units would.
            ForestryOnlyMeasure = await db.Measures.Where(m => m.Assignments.Any(a => a.OrganizationId == ForestryBureau) && m.Assignments.All(a => a.OrganizationId == null || a.OrganizationId == ForestryBureau))
                .Select(m => m.Id).FirstAsync();
            var measure12 = await db.Measures.Where(m => m.Number == 12 && m.Task!.Section!.Plan!.Id == TongzhouPlan).Select(m => m.Id).SingleAsync();
            var region = await db.Regions.Where(r => r.Code == "110112").Select(r => r.Id).SingleAsync();
            var forestry = new UserAccess(900, "ylj", Roles.Unit, ForestryBureau, "", region, "110112", null);
            var waterUnit = new UserAccess(901, "swj", Roles.Unit, WaterBureau, "", region, "110112", null);
            var workflow = new ProgressWorkflow(db, TimeProvider.System, new AttachmentStorage(scope.ServiceProvider.GetRequiredService<IAttachmentStore>(), 1024 * 1024));
            var content = new ReportContent(ProgressStatus.InProgress, 30, "准备中。");
            DraftReport = (await workflow.SaveAsync(forestry, ForestryOnlyMeasure, new DateOnly(2026, 7, 1), content).Done()).Id;
            SubmitMe = (await workflow.SaveAsync(forestry, ForestryOnlyMeasure, new DateOnly(2026, 6, 1), content).Done()).Id;
            var submitted = await workflow.SaveAsync(forestry, ForestryOnlyMeasure, new DateOnly(2026, 5, 1), content).Done();
            submitted = await workflow.SubmitAsync(forestry, submitted.Id).Done();
            (SubmittedReport, SubmittedRevision) = (submitted.Id, submitted.Revision);
            CooperationReport = (await workflow.SaveAsync(waterUnit, measure12, new DateOnly(2026, 9, 1), content).Done()).Id;
            Attachment = (await workflow.AttachAsync(forestry, DraftReport, new AttachmentUpload("现场照片.pdf", "%PDF-1.4\n%%EOF\n"u8.ToArray())).Done()).Attachments.Single().Id;

            // A draft Tongzhou plan (a revised copy of the sample) for the publish rows.
            var revised = Encoding.UTF8.GetString(DemoData.ReadSample("tongzhou-2026-ecological-protection.txt")).Replace("9 月底", "10月底", StringComparison.Ordinal);
            var document = await PlanDocumentReader.ReadAsync(Encoding.UTF8.GetBytes(revised), "revised.txt");
            DraftPlan = (await new PlanImporter(db, TimeProvider.System).ImportAsync(document, new ImportDecisions())).Id;

            // Tongzhou's rows 7 and 10 and the Beijing measures they implement (9.3; 7.1 and 7.3), for the link rows.
            var beijingPlan = BeijingPlan = await db.Plans.Where(p => p.Region!.Code == "110000").Select(p => p.Id).SingleAsync();
            Task<int> TongzhouRow(int number) => db.Measures.Where(m => m.Number == number && m.Task!.Section!.PlanId == TongzhouPlan).Select(m => m.Id).SingleAsync();
            Task<int> BeijingMeasure(int task, int ordinal) =>
                db.Measures.Where(m => m.Task!.Number == task && m.Ordinal == ordinal && m.Task.Section!.PlanId == beijingPlan).Select(m => m.Id).SingleAsync();
            (LinkDistrictMeasure, LinkCityMeasure) = (await TongzhouRow(7), await BeijingMeasure(9, 3));
            (ChangeDistrictMeasure, ChangeFrom, ChangeTo) = (await TongzhouRow(10), await BeijingMeasure(7, 1), await BeijingMeasure(7, 3));

            // A pending upload, as after the upload step, for the preview and confirm rows.
            var coordinator = await ClientAsync("coordinator");
            using var upload = new HttpRequestMessage(HttpMethod.Post, new Uri("/plans/import", UriKind.Relative)) { Content = UploadForm() };
            await AddAntiforgeryAsync(coordinator, upload);
            using var uploaded = await coordinator.SendAsync(upload);
            PendingUpload = uploaded.Headers.Location!.ToString().Split('/').Last();
        }

        public async Task<HttpClient> ClientAsync(string user)
        {
            if (!_clients.TryGetValue(user, out var client))
            {
                client = await Factory.SignInAsync(user);
                _clients[user] = client;
            }

            return client;
        }

        /// <summary>A site photo (the demo's sample PNG) with the phone's position at the clue, as the phone page sends it.</summary>
        public static MultipartFormDataContent PhotoUpload() => new()
        {
            { new ByteArrayContent(DemoData.ReadSample("sample-site-photo.png")), "file", "现场.png" },
            { new StringContent("SitePhoto"), "kind" },
            { new StringContent("无"), "noGpsReason" },
        };

        /// <summary>The sample clue batch (imported by the demo already, so a dry run finds its clues again).</summary>
        public const string ClueSample = "red-line-2026-batch1.geojson";

        /// <summary>The sample clue batch with its fields, as the upload form (or, with dryRun, a script) sends it.</summary>
        public static MultipartFormDataContent ClueBatchUpload(bool? dryRun = null)
        {
            var content = new MultipartFormDataContent
            {
                { new ByteArrayContent(DemoData.ReadSample(ClueSample)), "file", ClueSample },
                { new StringContent("RedLine"), "source" },
                { new StringContent("矩阵测试导入"), "name" },
                { new StringContent("110112"), "district" },
            };
            if (dryRun is { } dry)
            {
                content.Add(new StringContent(dry ? "true" : "false"), "dryRun");
            }

            return content;
        }

        public static FormUrlEncodedContent Form(IEnumerable<(string Key, string Value)> fields) =>
            new(fields.Select(f => new KeyValuePair<string, string>(f.Key, f.Value)));

        public static FormUrlEncodedContent LoginForm(string user, string password, string returnUrl = "/") =>
            Form([("userName", user), ("password", password), ("returnUrl", returnUrl)]);

        public static MultipartFormDataContent UploadForm()
        {
            var content = new MultipartFormDataContent();
            var revised = Encoding.UTF8.GetString(DemoData.ReadSample("tongzhou-2026-ecological-protection.txt")).Replace("9 月底", "11月底", StringComparison.Ordinal);
            content.Add(new ByteArrayContent(Encoding.UTF8.GetBytes(revised)), "file", "revised-plan.txt");
            return content;
        }

        /// <summary>Adds the anti-forgery token a browser would have from the page the form is on (the login page when signed out).</summary>
        public static async Task AddAntiforgeryAsync(HttpClient client, HttpRequestMessage request, bool signedIn = true)
        {
            var page = await client.GetStringAsync(new Uri(signedIn ? "/denied" : "/login", UriKind.Relative));
            var token = ExtractToken(page);
            switch (request.Content)
            {
                case FormUrlEncodedContent form:
                    var fields = (await form.ReadAsStringAsync()).Split('&', StringSplitOptions.RemoveEmptyEntries).Select(p => p.Split('=')).Where(p => p[0] != "__RequestVerificationToken")
                        .Select(p => new KeyValuePair<string, string>(Uri.UnescapeDataString(p[0].Replace('+', ' ')), Uri.UnescapeDataString(p[1].Replace('+', ' ')))).ToList();
                    fields.Add(new("__RequestVerificationToken", token));
                    request.Content = new FormUrlEncodedContent(fields);
                    break;
                case MultipartFormDataContent multipart:
                    multipart.Add(new StringContent(token), "__RequestVerificationToken");
                    break;
            }
        }

        internal static string ExtractToken(string html)
        {
            var start = html.IndexOf("name=\"__RequestVerificationToken\" value=\"", StringComparison.Ordinal);
            Assert.True(start >= 0, "no anti-forgery token on the page");
            start += "name=\"__RequestVerificationToken\" value=\"".Length;
            return html[start..html.IndexOf('"', start)];
        }

        public async Task DisposeAsync()
        {
            foreach (var client in _clients.Values)
            {
                client.Dispose();
            }

            await Factory.DisposeAsync();
        }
    }
}
