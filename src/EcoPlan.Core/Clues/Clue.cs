using EcoPlan.Core.Regions;

namespace EcoPlan.Core.Clues;

/// <summary>
/// A suspected problem at a place (线索): a 图斑 from remote sensing, a patrol's find or a citizen's report. It is only a
/// lead until a township has checked it on site; its state moves along <see cref="ClueSteps"/> and every move is an entry
/// of its hash-chained <see cref="ClueEvent"/> trail.
/// </summary>
public sealed class Clue
{
    public int Id { get; set; }
    public int BatchId { get; set; }
    public ClueBatch? Batch { get; set; }

    /// <summary>The district (县级 region) whose coordinators review the clue.</summary>
    public int DistrictRegionId { get; set; }
    public Region? District { get; set; }

    /// <summary>The township (乡级 region) that verifies and rectifies; null while it waits in the district's queue.</summary>
    public int? TownshipRegionId { get; set; }
    public Region? Township { get; set; }

    /// <summary>The geometry as WKB, longitude/latitude in CGCS2000 (≈ WGS84 at this accuracy): a point or a polygon.</summary>
    public required byte[] Geometry { get; set; }
    public bool IsPoint { get; set; }

    /// <summary>The bounding box, so a map's or a bbox filter's query needs no spatial extension in the database.</summary>
    public double MinLongitude { get; set; }
    public double MinLatitude { get; set; }
    public double MaxLongitude { get; set; }
    public double MaxLatitude { get; set; }

    /// <summary>Area on the ellipsoid in m²; 0 for a point.</summary>
    public double AreaSquareMeters { get; set; }

    public ActivityType ActivityType { get; set; }

    /// <summary>The protected zone it lies in, when the source says (生态保护红线, a nature reserve and its 功能区).</summary>
    public string? Zone { get; set; }
    public string? Description { get; set; }

    public ClueState State { get; set; }
    public ClueOutcome? Outcome { get; set; }

    /// <summary>The reason code of the outcome, from the evidence rules' list for that outcome.</summary>
    public string? OutcomeReason { get; set; }

    /// <summary>The approval a 合法合规 outcome rests on: its kind (用地批复, 采矿许可…), number and date.</summary>
    public string? ApprovalKind { get; set; }
    public string? ApprovalNumber { get; set; }
    public DateOnly? ApprovalDate { get; set; }

    /// <summary>The 整改措施 of the submitted plan.</summary>
    public string? RectificationMeasures { get; set; }

    /// <summary>The rectification deadline of the accepted 整改方案 (or the batch's, until one is accepted).</summary>
    public DateOnly? RectifyBy { get; set; }

    /// <summary>The day a 公示 after 验收 ends; the clue is closed on or after it.</summary>
    public DateOnly? PublicNoticeEndsOn { get; set; }
    public DateTime? VerifiedAt { get; set; }
    public DateTime? ClosedAt { get; set; }
    public DateTime CreatedAt { get; set; }

    /// <summary>Raised by every change; a stale form or a second reviewer is refused instead of overwriting.</summary>
    public int Version { get; set; }

    public List<ClueSourceId> SourceIds { get; set; } = [];
    public List<ClueCooperatingTownship> CooperatingTownships { get; set; } = [];
    public List<ClueEvent> Events { get; set; } = [];
    public List<ClueEvidence> Evidence { get; set; } = [];
}

/// <summary>A batch of clues as it arrives (from the city, the ministry, a patrol), with the deadlines of its notice.</summary>
public sealed class ClueBatch
{
    public int Id { get; set; }
    public required string Name { get; set; }
    public ClueSource Source { get; set; }
    public int DistrictRegionId { get; set; }
    public Region? District { get; set; }
    public DateOnly ReceivedOn { get; set; }
    public DateOnly? VerifyBy { get; set; }
    public DateOnly? RectifyBy { get; set; }

    /// <summary>The plan measure that demands the work (组织开展…线索核实处理).</summary>
    public int? MeasureId { get; set; }
    public DateTime CreatedAt { get; set; }
    public int CreatedById { get; set; }
    public string CreatedByName { get; set; } = "";

    /// <summary>Units the batch names besides the townships: they read the district's clues.</summary>
    public List<ClueBatchUnit> Units { get; set; } = [];
    public List<Clue> Clues { get; set; } = [];
}

public sealed class ClueBatchUnit
{
    public int BatchId { get; set; }
    public int OrganizationId { get; set; }
}

/// <summary>One programme's id of the clue (编号); a place found by several programmes carries several.</summary>
public sealed class ClueSourceId
{
    public int Id { get; set; }
    public int ClueId { get; set; }
    public int BatchId { get; set; }
    public ClueSource Source { get; set; }
    public required string Code { get; set; }
}

/// <summary>A township a polygon also covers: it cooperates with the one that verifies.</summary>
public sealed class ClueCooperatingTownship
{
    public int ClueId { get; set; }
    public int RegionId { get; set; }
}

/// <summary>A file that supports a step: a site photo with where and when it was taken, an approval, a report.</summary>
public sealed class ClueEvidence
{
    public int Id { get; set; }
    public int ClueId { get; set; }
    public EvidenceKind Kind { get; set; }
    public required string FileName { get; set; }
    public required string ContentType { get; set; }
    public long Length { get; set; }

    /// <summary>SHA-256 of the content, lower-case hex; also where the attachment store keeps it.</summary>
    public required string Sha256 { get; set; }
    public double? Latitude { get; set; }
    public double? Longitude { get; set; }

    /// <summary>Where the position comes from: the photo's EXIF, or the phone's location at upload (browsers may strip GPS from a picked photo).</summary>
    public PositionSource? PositionSource { get; set; }

    /// <summary>The phone's stated accuracy in metres, for a device position.</summary>
    public double? PositionAccuracyMeters { get; set; }

    /// <summary>When the photo was taken, UTC, with the camera's offset beside it (PostgreSQL keeps instants in UTC only).</summary>
    public DateTime? TakenAt { get; set; }
    public int? TakenAtOffsetMinutes { get; set; }
    public double? DirectionDegrees { get; set; }

    /// <summary>Metres from the photo's position to the clue's geometry (0 inside it).</summary>
    public double? DistanceMeters { get; set; }

    /// <summary>Why a photo has no position; a photo without GPS is taken only with one.</summary>
    public string? NoGpsReason { get; set; }
    public DateTime UploadedAt { get; set; }
    public int UploadedById { get; set; }
}

/// <summary>Where an evidence photo's position comes from.</summary>
public enum PositionSource
{
    /// <summary>The photo's own EXIF GPS tags.</summary>
    Exif,
    /// <summary>The uploading phone's location when the photo was sent (the photo carried none).</summary>
    Device,
}

/// <summary>The programme a clue comes from.</summary>
public enum ClueSource
{
    /// <summary>生态保护红线监管.</summary>
    RedLine,
    /// <summary>自然保护地监督 / 绿盾.</summary>
    NatureReserve,
    /// <summary>卫片执法.</summary>
    SatelliteEnforcement,
    /// <summary>国土变更调查.</summary>
    LandSurvey,
    /// <summary>生态用地变化 (the land-cover analysis).</summary>
    EcologicalLandChange,
    /// <summary>日常巡查.</summary>
    Patrol,
    /// <summary>群众举报.</summary>
    PublicReport,
    /// <summary>其他.</summary>
    Other,
}

/// <summary>The human activity a clue is suspected of.</summary>
public enum ActivityType
{
    Mining,
    Industry,
    Energy,
    Transport,
    Tourism,
    Aquaculture,
    Farming,
    Settlement,
    OtherFacility,
    Other,
}

/// <summary>Where a clue is in its lifecycle (待核查 → … → 已销号).</summary>
public enum ClueState
{
    /// <summary>待核查.</summary>
    Pending,
    /// <summary>核查中.</summary>
    Verifying,
    /// <summary>核查待审: the township's outcome waits for the district.</summary>
    VerificationSubmitted,
    /// <summary>待报整改方案: a violation confirmed.</summary>
    PlanDue,
    /// <summary>整改方案待审.</summary>
    PlanSubmitted,
    /// <summary>整改中.</summary>
    Rectifying,
    /// <summary>申请销号: waits for 验收.</summary>
    CloseRequested,
    /// <summary>公示中 after 验收.</summary>
    PublicNotice,
    /// <summary>已销号.</summary>
    Closed,
}

/// <summary>What the site check found.</summary>
public enum ClueOutcome
{
    /// <summary>伪变化/误判.</summary>
    PseudoChange,
    /// <summary>合法合规 (with its approval).</summary>
    Compliant,
    /// <summary>违法违规（新增）.</summary>
    ViolationNew,
    /// <summary>违法违规（历史遗留）.</summary>
    ViolationLegacy,
}

/// <summary>What a piece of evidence is.</summary>
public enum EvidenceKind
{
    /// <summary>现场照片.</summary>
    SitePhoto,
    /// <summary>审批文件 (合法合规).</summary>
    ApprovalDocument,
    /// <summary>整改方案.</summary>
    RectificationPlan,
    /// <summary>整改前照片.</summary>
    BeforePhoto,
    /// <summary>整改后照片.</summary>
    AfterPhoto,
    /// <summary>整改完成报告.</summary>
    CompletionReport,
    /// <summary>其他材料.</summary>
    Other,
}

public static class ClueOutcomes
{
    public static bool IsViolation(this ClueOutcome outcome) => outcome is ClueOutcome.ViolationNew or ClueOutcome.ViolationLegacy;
}

public static class ClueStates
{
    /// <summary>States in which a clue is still open (not 已销号): dedupe merges into these.</summary>
    public static bool IsOpen(this ClueState state) => state != ClueState.Closed;
}

/// <summary>A township's boundary as the coordinator loaded it, for assigning clues by location.</summary>
public sealed class TownshipBoundary
{
    public int RegionId { get; set; }
    public Region? Region { get; set; }

    /// <summary>WKB, longitude/latitude.</summary>
    public required byte[] Geometry { get; set; }
    public string SourceFile { get; set; } = "";
    public DateTime ImportedAt { get; set; }
}
