namespace EcoPlan.Core.Plans;

/// <summary>A work measure (工作措施): what is to be done, by when, and by whom.</summary>
public sealed class Measure
{
    public int Id { get; set; }
    public int TaskId { get; set; }
    public PlanTask? Task { get; set; }
    public int Ordinal { get; set; }

    /// <summary>The row's own 序号 where the document numbers rows rather than tasks.</summary>
    public int? Number { get; set; }

    public required string Text { get; set; }
    public required Deadline Deadline { get; set; }

    /// <summary>False where the source did not show which column a unit stood in, so a person should confirm the split.</summary>
    public bool ColumnsCertain { get; set; } = true;

    public List<MeasureAssignment> Assignments { get; set; } = [];
    public List<Target> Targets { get; set; } = [];
}

/// <summary>When a measure is due: a date, continuous (持续推进), recurring (每季度), or a phrase not understood.</summary>
public sealed class Deadline
{
    /// <summary>The deadline exactly as printed (9 月底).</summary>
    public required string Raw { get; set; }

    public DeadlineKind Kind { get; set; }
    public DateOnly? Date { get; set; }
    public Recurrence? Recurrence { get; set; }
}

public enum DeadlineKind
{
    Date,
    Continuous,
    Recurring,
    Unparsed,
}

public enum Recurrence
{
    Monthly,
    Quarterly,
    HalfYearly,
    Yearly,
}

/// <summary>A unit or leader named on a measure, in one role.</summary>
public sealed class MeasureAssignment
{
    public int Id { get; set; }
    public int MeasureId { get; set; }
    public Measure? Measure { get; set; }
    public AssignmentRole Role { get; set; }

    /// <summary>Position within the role's cell, from 1, so the document's order survives.</summary>
    public int Ordinal { get; set; }

    public int? OrganizationId { get; set; }
    public Organizations.Organization? Organization { get; set; }
    public int? LeaderId { get; set; }
    public Organizations.Leader? Leader { get; set; }

    /// <summary>The name as the document printed it, whitespace removed.</summary>
    public required string PrintedName { get; set; }

    /// <summary>This assignee's own clause where the measure splits duties among units (区住房城乡建设委推进花园住宅建设).</summary>
    public string? Duty { get; set; }
}

public enum AssignmentRole
{
    /// <summary>牵头领导 or 牵头部门.</summary>
    Lead,
    /// <summary>主责单位.</summary>
    Responsible,
    /// <summary>协办单位.</summary>
    Cooperating,
}
