using EcoPlan.Core.Clues;
using EcoPlan.Core.Clues.Rules;
using EcoPlan.Core.Progress;
using EcoPlan.Core.Spatial;

namespace EcoPlan.Core.Demo;

/// <summary>
/// The demo's clues: illustrative township boundaries of 通州区 (not official), and a batch of 30 red-line clues taken in
/// through the same intake a coordinator uses, then walked by the townships and the district through every state with
/// the shipped evidence rules (a sample photo sent with the phone's position at the clue), all marked 示例数据.
/// </summary>
internal static class DemoClues
{
    public const string Boundaries = "tongzhou-townships.geojson";
    public const string Batch = "red-line-2026-batch1.geojson";
    public const string Photo = "sample-site-photo.png";
    public const string BatchName = "2026年生态保护红线人类活动问题线索（第一批，示例数据）";

    /// <summary>How far along each of the 30 clues is walked, in the order of the file.</summary>
    private static readonly ClueState[] s_walk =
    [
        ClueState.Pending, ClueState.Pending, ClueState.Pending, ClueState.Pending, ClueState.Verifying, ClueState.Verifying, ClueState.Verifying,
        ClueState.VerificationSubmitted, ClueState.VerificationSubmitted, ClueState.VerificationSubmitted, ClueState.Closed, ClueState.Closed,
        ClueState.Closed, ClueState.Closed, ClueState.Closed, ClueState.PlanDue, ClueState.PlanDue, ClueState.PlanSubmitted, ClueState.PlanSubmitted,
        ClueState.Rectifying, ClueState.Rectifying, ClueState.Rectifying, ClueState.CloseRequested, ClueState.CloseRequested, ClueState.PublicNotice,
        ClueState.PublicNotice, ClueState.Closed, ClueState.Closed, ClueState.Closed, ClueState.Pending,
    ];

    public static async Task LoadAsync(EcoPlanDbContext db, TimeProvider time, IAttachmentStore attachments, CancellationToken cancellationToken)
    {
        var today = DateOnly.FromDateTime(time.GetLocalNow().DateTime);
        // The batch's history is written as it would have happened: received 45 days ago, the clues taken up one after
        // another, each step a day after the one before, never later than now (so most verifications came in time).
        var history = new HistoryClock(time, time.GetUtcNow().AddDays(-44));
        var coordinator = await AccessOfAsync(db, "coordinator", cancellationToken);
        var boundaries = await BoundaryFile.ReadAsync(new MemoryStream(DemoData.ReadSample(Boundaries)), Boundaries, cancellationToken);
        Check((await new TownshipBoundaries(db, history).ImportAsync(coordinator, boundaries.Boundaries, Boundaries, cancellationToken)).Error);
        var measure = await db.Measures.Where(m => m.Number == 10 && m.Task!.Section!.Plan!.Region!.Code == "110112").Select(m => (int?)m.Id)
            .FirstOrDefaultAsync(cancellationToken);
        var request = new ClueBatchRequest(BatchName, ClueSource.RedLine, "110112", today.AddDays(-45), today.AddDays(-5), today.AddDays(75), measure);
        var intake = await new ClueIntake(db, history).RunAsync(coordinator, new MemoryStream(DemoData.ReadSample(Batch)), Batch, request, import: true, cancellationToken);
        Check(intake.Error);

        var workflow = new ClueWorkflow(db, history, EvidenceRules.Default);
        var uploads = new ClueEvidenceUpload(db, history, new AttachmentStorage(attachments, long.MaxValue));
        var photo = DemoData.ReadSample(Photo);
        var clues = await db.Clues.Where(c => intake.Value!.Written!.ClueIds.Contains(c.Id)).OrderBy(c => c.Id).ToListAsync(cancellationToken);
        for (var i = 0; i < clues.Count && i < s_walk.Length; i++)
        {
            var clue = clues[i];
            history.Start(TimeSpan.FromDays(2 + (i * 1.3)));
            var township = await TownshipAccessAsync(db, clue.TownshipRegionId!.Value, cancellationToken);
            var centre = ClueGeometry.Read(clue.Geometry).InteriorPoint;
            async Task Send(EvidenceKind kind, string name) => Check((await uploads.AddAsync(township, clue.Id,
                new EvidenceUpload(kind, name, photo, Device: new DevicePosition(centre.Y, centre.X, 10)), cancellationToken)).Error);
            async Task Step(UserAccess who, ClueStep step, ClueStepInput? input = null)
            {
                Check((await workflow.TakeAsync(who, clue.Id, step, input ?? new ClueStepInput(), cancellationToken)).Error);
                history.Advance();
            }

            var target = s_walk[i];
            if (target == ClueState.Pending)
            {
                continue;
            }

            await Step(township, ClueStep.Start);
            if (target == ClueState.Verifying)
            {
                continue;
            }

            await Send(EvidenceKind.SitePhoto, "现场照片-1（示例）.png");
            await Send(EvidenceKind.SitePhoto, "现场照片-2（示例）.png");
            // Three of the closed ones were no problem at all; the rest are violations carried through rectification.
            var violation = !(target == ClueState.Closed && i < 15);
            var outcome = !violation ? (i % 2 == 0 ? ClueOutcome.PseudoChange : ClueOutcome.Compliant) : i % 3 == 0 ? ClueOutcome.ViolationLegacy : ClueOutcome.ViolationNew;
            if (outcome == ClueOutcome.Compliant)
            {
                await Send(EvidenceKind.ApprovalDocument, "用地批复（示例）.png");
            }

            await Step(township, ClueStep.SubmitVerification, new ClueStepInput(Outcome: outcome, Reason: EvidenceRules.Default.Reasons[outcome][0].Code,
                ApprovalKind: outcome == ClueOutcome.Compliant ? "建设用地批复" : null, ApprovalNumber: outcome == ClueOutcome.Compliant ? "京规自（通）示例〔2025〕1号" : null,
                ApprovalDate: outcome == ClueOutcome.Compliant ? today.AddDays(-200) : null, Note: "示例数据：现场核查记录"));
            if (target == ClueState.VerificationSubmitted)
            {
                continue;
            }

            await Step(coordinator, ClueStep.AcceptVerification);
            if (!violation || target == ClueState.PlanDue)
            {
                continue;
            }

            await Send(EvidenceKind.RectificationPlan, "整改方案（示例）.png");
            await Step(township, ClueStep.SubmitPlan, new ClueStepInput(Measures: "示例数据：拆除违规设施，清运渣土，恢复植被。", RectifyBy: today.AddDays(60)));
            if (target == ClueState.PlanSubmitted)
            {
                continue;
            }

            await Step(coordinator, ClueStep.AcceptPlan);
            if (target == ClueState.Rectifying)
            {
                continue;
            }

            await Send(EvidenceKind.BeforePhoto, "整改前（示例）.png");
            await Send(EvidenceKind.AfterPhoto, "整改后（示例）.png");
            await Send(EvidenceKind.CompletionReport, "整改完成报告（示例）.png");
            await Step(township, ClueStep.RequestClose);
            if (target == ClueState.CloseRequested)
            {
                continue;
            }

            await Step(coordinator, ClueStep.AcceptClose, new ClueStepInput(PublicNoticeDays: target == ClueState.PublicNotice ? 7 : 0));
        }
    }

    /// <summary>The demo history's clock: from the batch's receipt, a day per step, never past the real now.</summary>
    private sealed class HistoryClock(TimeProvider real, DateTimeOffset received) : TimeProvider
    {
        private readonly DateTimeOffset _received = received;
        private DateTimeOffset _at = received;

        public override TimeZoneInfo LocalTimeZone => real.LocalTimeZone;

        public override DateTimeOffset GetUtcNow() => _at;

        /// <summary>A clue's history starts this long after the receipt (or just before now, when that is later).</summary>
        public void Start(TimeSpan afterReceipt) => _at = Capped(_received + afterReceipt);

        public void Advance() => _at = Capped(_at.AddDays(1));

        // A minute apart at least, so the trail keeps its order when steps bunch up just before now.
        private DateTimeOffset Capped(DateTimeOffset wanted)
        {
            var latest = real.GetUtcNow().AddHours(-1);
            return wanted <= latest ? wanted : (_at > latest ? _at : latest).AddMinutes(1);
        }
    }

    private static void Check(UseCaseError? error)
    {
        if (error is not null)
        {
            throw new InvalidOperationException($"The demo clues do not load: {error.Message}");
        }
    }

    private static async Task<UserAccess> AccessOfAsync(EcoPlanDbContext db, string userName, CancellationToken cancellationToken)
    {
        var user = await db.Users.AsNoTracking().Include(u => u.Organization!).ThenInclude(o => o.Region).SingleAsync(u => u.UserName == userName, cancellationToken);
        return new UserAccess(user.Id, user.UserName!, Roles.Coordinator, user.OrganizationId, user.Organization!.Name, user.Organization.RegionId, user.Organization.Region!.Code, null);
    }

    /// <summary>The township's government acting (the demo's own 'yongshun' account for 永顺镇, the unit itself for the others).</summary>
    private static async Task<UserAccess> TownshipAccessAsync(EcoPlanDbContext db, int regionId, CancellationToken cancellationToken)
    {
        var organization = await db.Organizations.AsNoTracking().Include(o => o.Region)
            .SingleAsync(o => o.RegionId == regionId && o.Kind == Organizations.OrganizationKind.Township, cancellationToken);
        var user = await db.Users.AsNoTracking().Where(u => u.OrganizationId == organization.Id).Select(u => new { u.Id, u.UserName }).FirstOrDefaultAsync(cancellationToken);
        return new UserAccess(user?.Id ?? 0, user?.UserName ?? organization.Name, Roles.Township, organization.Id, organization.Name, regionId, organization.Region!.Code, null);
    }
}
