namespace EcoPlan.Core.Plans;

/// <summary>A numbered heading of the plan's table: （一）生态环境质量状况目标.</summary>
public sealed class Section
{
    public int Id { get; set; }
    public int PlanId { get; set; }
    public Plan? Plan { get; set; }

    /// <summary>Position in the plan, from 1.</summary>
    public int Ordinal { get; set; }

    /// <summary>The heading's numeral without brackets: 一.</summary>
    public required string Code { get; set; }

    public required string Title { get; set; }
    public List<PlanTask> Tasks { get; set; } = [];
}

/// <summary>A key task (重点任务): one or more measures under a name.</summary>
public sealed class PlanTask
{
    public int Id { get; set; }
    public int SectionId { get; set; }
    public Section? Section { get; set; }
    public int Ordinal { get; set; }

    /// <summary>The 序号 printed on the task's first row, where the document numbers tasks.</summary>
    public int? Number { get; set; }

    public required string Name { get; set; }
    public List<Measure> Measures { get; set; } = [];
}
