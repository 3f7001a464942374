namespace EcoPlan.Core.Organizations;

/// <summary>
/// A merge of a duplicate unit into another, kept so it can be undone: the removed unit as it was (id, name, kind,
/// region, parent, aliases) and exactly the rows the merge moved or dropped (<see cref="MergeMoves"/>, as JSON).
/// </summary>
public sealed class OrganizationMerge
{
    public int Id { get; set; }

    /// <summary>The removed unit's id; undo gives it back, so references kept elsewhere (links, exports) stay valid.</summary>
    public int SourceId { get; set; }
    public required string SourceName { get; set; }
    public OrganizationKind SourceKind { get; set; }
    public int SourceRegionId { get; set; }
    public int? SourceParentId { get; set; }

    /// <summary>The unit that received everything; no foreign key, since it may itself be merged away later.</summary>
    public int TargetId { get; set; }
    public required string TargetName { get; set; }

    /// <summary>The <see cref="MergeMoves"/> as JSON.</summary>
    public required string Moves { get; set; }

    public DateTime MergedAt { get; set; }
    public required string MergedBy { get; set; }
    public DateTime? UndoneAt { get; set; }
    public string? UndoneBy { get; set; }
}

/// <summary>The rows a merge moved from the source to the target (by id), and those it dropped as duplicates (by content).</summary>
public sealed record MergeMoves
{
    public List<MergedAlias> SourceAliases { get; init; } = [];

    /// <summary>The source's names that became the target's aliases (its own name and aliases the target lacked).</summary>
    public List<string> AliasesAdded { get; init; } = [];
    public List<int> Assignments { get; init; } = [];

    /// <summary>Targets (indicator targets of measures) whose owner row moved to the target unit.</summary>
    public List<int> TargetOwners { get; init; } = [];

    /// <summary>Targets both units owned: the source's owner row was dropped.</summary>
    public List<int> TargetOwnersDropped { get; init; } = [];
    public List<int> Leaders { get; init; } = [];
    public List<int> Users { get; init; } = [];
    public List<int> ChildUnits { get; init; } = [];
    public List<int> Reports { get; init; } = [];
    public List<int> CooperationInputs { get; init; } = [];
    public List<int> Notifications { get; init; } = [];

    /// <summary>Notices the target had already for the same event: dropped on merge, given back on undo.</summary>
    public List<MergedNotification> NotificationsDropped { get; init; } = [];
}

public sealed record MergedAlias(int Id, string Name);

public sealed record MergedNotification(int Id, string Key, string Text, string? Link, DateTime CreatedAt, DateTime? ReadAt);
