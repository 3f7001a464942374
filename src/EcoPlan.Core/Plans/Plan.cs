using EcoPlan.Core.Regions;

namespace EcoPlan.Core.Plans;

/// <summary>An issued action plan (行动计划): its sections hold tasks, its tasks hold measures.</summary>
public sealed class Plan
{
    public int Id { get; set; }
    public required string Title { get; set; }

    /// <summary>The 附件 label the plan was issued under (附件5), if any.</summary>
    public string? AttachmentLabel { get; set; }

    /// <summary>An enclosing heading above the sections (三、加强生态保护), if any.</summary>
    public string? Part { get; set; }

    public int Year { get; set; }
    public PlanLevel Level { get; set; }
    public int RegionId { get; set; }
    public Region? Region { get; set; }
    public LeadKind LeadKind { get; set; }
    public PlanStatus Status { get; set; }
    public SourceDocument? Source { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }

    /// <summary>How often units report on the plan's measures.</summary>
    public ReportingFrequency ReportingFrequency { get; set; } = ReportingFrequency.Monthly;

    /// <summary>The day of the period's last month by which a report is due (25 = the 25th).</summary>
    public int ReportingDueDay { get; set; } = 25;

    /// <summary>
    /// A new random value whenever the plan's content changes (see <see cref="PlanRevisions"/>): a cache keyed by it
    /// is never stale, whichever app instance made the change.
    /// </summary>
    public long ContentRevision { get; set; }

    public List<Section> Sections { get; set; } = [];
}

public enum ReportingFrequency
{
    Monthly,
    Quarterly,
}

/// <summary>The document a plan was imported from.</summary>
public sealed class SourceDocument
{
    public required string FileName { get; set; }
    public required string Format { get; set; }

    /// <summary>SHA-256 of the file's bytes, lower-case hex: recognises a document imported twice.</summary>
    public required string Sha256 { get; set; }

    public long Length { get; set; }
}

public enum PlanLevel
{
    Municipal,
    District,
    Township,
}

/// <summary>Whether the plan names a lead department (牵头部门) or a lead leader (牵头领导) for each measure.</summary>
public enum LeadKind
{
    Department,
    Leader,
}

public enum PlanStatus
{
    Draft,
    Published,
    Archived,
}
