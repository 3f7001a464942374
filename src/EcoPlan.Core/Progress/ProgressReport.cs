namespace EcoPlan.Core.Progress;

/// <summary>
/// One unit's report on one measure for one period. Its content lives in versions: the open draft is the
/// version not yet submitted; a submitted version is never changed, and an edit after a return is a new version.
/// </summary>
public sealed class ProgressReport
{
    public int Id { get; set; }
    public int MeasureId { get; set; }
    public Plans.Measure? Measure { get; set; }

    /// <summary>The responsible unit reporting.</summary>
    public int OrganizationId { get; set; }
    public Organizations.Organization? Organization { get; set; }

    /// <summary>The first day of the reporting period (a month for monthly cycles).</summary>
    public DateOnly Period { get; set; }

    public ReportState State { get; set; }

    /// <summary>Bumped by every state change; two reviewers acting on the same version cannot both win.</summary>
    public int Revision { get; set; }

    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public List<ReportVersion> Versions { get; set; } = [];
    public List<CooperationInput> Cooperation { get; set; } = [];
}

public enum ReportState
{
    Draft,
    Submitted,
    Accepted,
    Returned,
}

/// <summary>What the unit reports: 未启动 / 推进中 / 已完成 / 滞后 / 无法完成.</summary>
public enum ProgressStatus
{
    NotStarted,
    InProgress,
    Completed,
    Late,
    CannotComplete,
}

/// <summary>One version of a report's content, frozen once submitted.</summary>
public sealed class ReportVersion
{
    public int Id { get; set; }
    public int ReportId { get; set; }
    public ProgressReport? Report { get; set; }
    public int Number { get; set; }
    public ProgressStatus Status { get; set; }
    public int Percent { get; set; }
    public string Narrative { get; set; } = "";
    public DateTime CreatedAt { get; set; }
    public int CreatedById { get; set; }
    public DateTime? SubmittedAt { get; set; }
    public int? SubmittedById { get; set; }
    public DateTime? ReviewedAt { get; set; }
    public int? ReviewedById { get; set; }

    /// <summary>Why the coordinator returned this version; required on return.</summary>
    public string? ReturnReason { get; set; }

    public List<ReportQuantity> Quantities { get; set; } = [];
}

/// <summary>An achieved quantity against one of the measure's targets (生态保育小区 建成 12 处).</summary>
public sealed class ReportQuantity
{
    public int VersionId { get; set; }
    public ReportVersion? Version { get; set; }
    public int TargetId { get; set; }
    public Plans.Target? Target { get; set; }
    public decimal Value { get; set; }
}

/// <summary>A cooperating unit's input (协办反馈) to the responsible unit's report.</summary>
public sealed class CooperationInput
{
    public int Id { get; set; }
    public int ReportId { get; set; }
    public ProgressReport? Report { get; set; }
    public int OrganizationId { get; set; }
    public Organizations.Organization? Organization { get; set; }
    public string Text { get; set; } = "";
    public DateTime CreatedAt { get; set; }
    public int CreatedById { get; set; }
}
