using System.Text;
using EcoPlan.Core.Clues;
using EcoPlan.Core.Clues.Rules;
using EcoPlan.Core.Progress;

namespace EcoPlan.Core.Tests.Clues;

/// <summary>Evidence under the shipped rules: photos with EXIF written by the test, distances from the clue, files in the trail.</summary>
public sealed class ClueEvidenceTests
{
    // The first clue of ClueSetup.BatchAsync is a 100 m square centred here.
    private const double Lon = 116.70, Lat = 39.90;

    private static byte[] Photo(double? lat, double? lon, double direction = 90) => ExifJpeg.Write(new ExifFields(
        Latitude: lat, Longitude: lon, DirectionDegrees: lat is null ? null : direction, DateTimeOriginal: "2026:06:01 10:15:00", OffsetTimeOriginal: "+08:00"));

    private static readonly byte[] s_pdf = Encoding.ASCII.GetBytes("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n");

    private static ClueEvidenceUpload Uploads(ClueSetup setup, EcoPlanDbContext db) =>
        new(db, setup.Clock, new AttachmentStorage(new FileSystemAttachmentStore(Path.Combine(setup.Database.Settings.DataDirectory, "attachments")), 1024 * 1024));

    [ProviderTheory]
    public async Task Verification_NeedsTwoSitePhotosNearTheClue_AndSaysWhatIsMissing(DatabaseProvider provider)
    {
        await using var setup = await ClueSetup.CreateAsync(provider);
        await using var db = setup.Database.NewContext();
        var id = (await setup.BatchAsync(db, ("EV-1", ClueSetup.YongshunCode))).ClueIds[0];
        var workflow = setup.Workflow(db, EvidenceRules.Default);
        var uploads = Uploads(setup, db);
        var submit = new ClueStepInput(Outcome: ClueOutcome.ViolationNew, Reason: "unapproved-construction");

        var none = Assert.IsType<UseCaseError.Invalid>(await workflow.TakeAsync(setup.Yongshun, id, ClueStep.SubmitVerification, submit).RefusedAsync());
        Assert.Contains("100", none.Fields["evidence"][0], StringComparison.Ordinal);

        var near = await uploads.AddAsync(setup.Yongshun, id, new EvidenceUpload(EvidenceKind.SitePhoto, "east.jpg", Photo(Lat + 0.0002, Lon + 0.0001))).Done();
        var far = await uploads.AddAsync(setup.Yongshun, id, new EvidenceUpload(EvidenceKind.SitePhoto, "far.jpg", Photo(Lat + 0.01, Lon))).Done();
        Assert.Equal(0, near.DistanceMeters); // inside the 100 m square
        Assert.InRange(far.DistanceMeters!.Value, 1_050, 1_070); // 0.01° north, less the square's 50 m
        Assert.Equal(90, near.DirectionDegrees);
        Assert.Equal(new DateTimeOffset(2026, 6, 1, 10, 15, 0, TimeSpan.FromHours(8)), near.TakenAt);
        var one = Assert.IsType<UseCaseError.Invalid>(await workflow.TakeAsync(setup.Yongshun, id, ClueStep.SubmitVerification, submit).RefusedAsync());
        Assert.Contains("1", one.Fields["evidence"][0], StringComparison.Ordinal);

        var noGps = Assert.IsType<UseCaseError.Invalid>(await uploads.AddAsync(setup.Yongshun, id, new EvidenceUpload(EvidenceKind.SitePhoto, "indoor.jpg", ExifJpeg.Plain())).RefusedAsync());
        Assert.Contains("noGpsReason", noGps.Fields.Keys);
        await uploads.AddAsync(setup.Yongshun, id, new EvidenceUpload(EvidenceKind.SitePhoto, "indoor.jpg", ExifJpeg.Plain(), "无人机航拍截图，无定位信息")).Done();

        // A phone's browser may strip GPS from a picked photo: the phone's own location is kept instead, labelled as such.
        var phone = await uploads.AddAsync(setup.Yongshun, id, new EvidenceUpload(EvidenceKind.SitePhoto, "camera.jpg", ExifJpeg.Plain(),
            Device: new DevicePosition(Lat + 0.0006, Lon, 8))).Done();
        Assert.Equal(PositionSource.Device, phone.PositionSource);
        Assert.InRange(phone.DistanceMeters!.Value, 15, 19); // 67 m north of the centre, 50 m of it inside the square
        Assert.IsType<UseCaseError.Invalid>(await uploads.AddAsync(setup.Yongshun, id, new EvidenceUpload(EvidenceKind.SitePhoto, "bad.jpg", ExifJpeg.Plain(),
            Device: new DevicePosition(123, Lon, 8))).RefusedAsync());

        var submitted = await workflow.TakeAsync(setup.Yongshun, id, ClueStep.SubmitVerification, submit).Done();
        Assert.Equal(ClueState.VerificationSubmitted, submitted.State);
        Assert.Equal(4, submitted.Events.Count(e => e.Action == ClueAction.EvidenceAdded));
    }

    [ProviderTheory]
    public async Task Uploads_AreCheckedByContent_AndOnlyByTheClueTownshipOrReviewers(DatabaseProvider provider)
    {
        await using var setup = await ClueSetup.CreateAsync(provider);
        await using var db = setup.Database.NewContext();
        var id = (await setup.BatchAsync(db, ("EV-2", ClueSetup.YongshunCode))).ClueIds[0];
        var uploads = Uploads(setup, db);

        Assert.IsType<UseCaseError.Invalid>(await uploads.AddAsync(setup.Yongshun, id, new EvidenceUpload(EvidenceKind.SitePhoto, "scan.jpg", s_pdf)).RefusedAsync());
        Assert.IsType<UseCaseError.Invalid>(await uploads.AddAsync(setup.Yongshun, id, new EvidenceUpload(EvidenceKind.Other, "x.exe", [0x4D, 0x5A, 0x90, 0])).RefusedAsync());
        Assert.IsType<UseCaseError.Invalid>(await uploads.AddAsync(setup.Yongshun, id, new EvidenceUpload(EvidenceKind.Other, "empty.pdf", [])).RefusedAsync());
        Assert.IsType<UseCaseError.NotFound>(await uploads.AddAsync(setup.Liyuan, id, new EvidenceUpload(EvidenceKind.Other, "a.pdf", s_pdf)).RefusedAsync());
        Assert.IsType<UseCaseError.Forbidden>(await uploads.AddAsync(setup.Viewer, id, new EvidenceUpload(EvidenceKind.Other, "a.pdf", s_pdf)).RefusedAsync());

        var approval = await uploads.AddAsync(setup.Coordinator, id, new EvidenceUpload(EvidenceKind.ApprovalDocument, "批复\u202Efdp.pdf", s_pdf)).Done();

        Assert.Equal("批复fdp.pdf", approval.FileName);
        var (row, content) = (await uploads.OpenAsync(setup.Yongshun, approval.Id)).Value;
        Assert.Equal(s_pdf, content);
        Assert.Equal(AttachmentTypes.Hash(s_pdf), row.Sha256);
        Assert.IsType<UseCaseError.NotFound>((await uploads.OpenAsync(setup.Liyuan, approval.Id)).Error);
    }

    [ProviderTheory]
    public async Task Compliant_NeedsTheApproval_AndClosingNeedsBeforeAfterAndAReport(DatabaseProvider provider)
    {
        await using var setup = await ClueSetup.CreateAsync(provider);
        await using var db = setup.Database.NewContext();
        var ids = (await setup.BatchAsync(db, ("EV-3", ClueSetup.YongshunCode))).ClueIds;
        var id = ids[0];
        var workflow = setup.Workflow(db, EvidenceRules.Default);
        var uploads = Uploads(setup, db);
        foreach (var name in new[] { "a.jpg", "b.jpg" })
        {
            await uploads.AddAsync(setup.Yongshun, id, new EvidenceUpload(EvidenceKind.SitePhoto, name, Photo(Lat, Lon))).Done();
        }

        var compliant = Assert.IsType<UseCaseError.Invalid>(await workflow.TakeAsync(setup.Yongshun, id, ClueStep.SubmitVerification,
            new(Outcome: ClueOutcome.Compliant, Reason: "approved")).RefusedAsync());
        Assert.Contains("approvalNumber", compliant.Fields.Keys);
        Assert.Contains("evidence", compliant.Fields.Keys);

        // A violation instead: the plan, then the closure, each with its own evidence.
        await workflow.TakeAsync(setup.Yongshun, id, ClueStep.SubmitVerification, new(Outcome: ClueOutcome.ViolationLegacy, Reason: "legacy-use")).Done();
        await workflow.TakeAsync(setup.Coordinator, id, ClueStep.AcceptVerification, new()).Done();
        var plan = new ClueStepInput(Measures: "拆除并复绿", RectifyBy: new DateOnly(2026, 10, 31));
        Assert.IsType<UseCaseError.Invalid>(await workflow.TakeAsync(setup.Yongshun, id, ClueStep.SubmitPlan, plan).RefusedAsync());
        await uploads.AddAsync(setup.Yongshun, id, new EvidenceUpload(EvidenceKind.RectificationPlan, "整改方案.pdf", s_pdf)).Done();
        await workflow.TakeAsync(setup.Yongshun, id, ClueStep.SubmitPlan, plan).Done();
        await workflow.TakeAsync(setup.Coordinator, id, ClueStep.AcceptPlan, new()).Done();

        var close = Assert.IsType<UseCaseError.Invalid>(await workflow.TakeAsync(setup.Yongshun, id, ClueStep.RequestClose, new()).RefusedAsync());
        Assert.Equal(3, close.Fields["evidence"].Length);
        await uploads.AddAsync(setup.Yongshun, id, new EvidenceUpload(EvidenceKind.BeforePhoto, "before.jpg", Photo(Lat, Lon))).Done();
        await uploads.AddAsync(setup.Yongshun, id, new EvidenceUpload(EvidenceKind.AfterPhoto, "after.jpg", Photo(Lat, Lon, 270))).Done();
        await uploads.AddAsync(setup.Yongshun, id, new EvidenceUpload(EvidenceKind.CompletionReport, "完成报告.pdf", s_pdf)).Done();
        await workflow.TakeAsync(setup.Yongshun, id, ClueStep.RequestClose, new()).Done();
        var closed = await workflow.TakeAsync(setup.Coordinator, id, ClueStep.AcceptClose, new()).Done();

        Assert.Equal(ClueState.Closed, closed.State);
        Assert.IsType<UseCaseError.Conflict>(await uploads.AddAsync(setup.Yongshun, id, new EvidenceUpload(EvidenceKind.Other, "late.pdf", s_pdf)).RefusedAsync());
        Assert.Empty((await TrailVerification.VerifyAllAsync(db)).Breaks);

        // A file's recorded hash swapped behind EcoPlan's back is found.
        await db.ClueEvidence.Where(e => e.FileName == "after.jpg").ExecuteUpdateAsync(s => s.SetProperty(e => e.Sha256, new string('0', 64)));
        Assert.Equal(id, Assert.Single((await TrailVerification.VerifyAllAsync(db)).Breaks).ClueId);
    }
}
