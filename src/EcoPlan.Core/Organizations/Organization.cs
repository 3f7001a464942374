using EcoPlan.Core.Regions;

namespace EcoPlan.Core.Organizations;

/// <summary>A unit that plans assign work to: a bureau, a district government, a branch office, a township.</summary>
public sealed class Organization
{
    /// <summary>The longest name or alias a unit may have (the column's length).</summary>
    public const int MaxName = 100;

    public int Id { get; set; }

    /// <summary>The canonical full name, unique across the directory (北京市通州区生态环境局).</summary>
    public required string Name { get; set; }

    public OrganizationKind Kind { get; set; }
    public int RegionId { get; set; }
    public Region? Region { get; set; }
    public int? ParentId { get; set; }
    public Organization? Parent { get; set; }
    public List<OrganizationAlias> Aliases { get; set; } = [];
}

public enum OrganizationKind
{
    /// <summary>人民政府 of a district or township.</summary>
    Government,
    /// <summary>委办局: a government department.</summary>
    Department,
    /// <summary>分局: a municipal department's office in a district.</summary>
    Branch,
    /// <summary>管委会: an administrative committee (经开区, 城市副中心).</summary>
    Committee,
    /// <summary>乡镇、街道 as a unit of work.</summary>
    Township,
    /// <summary>A collective the documents name as one unit (各区政府, 各相关部门).</summary>
    Group,
}

/// <summary>Another way the documents write an organization's name (市生态环境局 for 北京市生态环境局).</summary>
public sealed class OrganizationAlias
{
    public int Id { get; set; }
    public int OrganizationId { get; set; }
    public Organization? Organization { get; set; }
    public required string Name { get; set; }
}
