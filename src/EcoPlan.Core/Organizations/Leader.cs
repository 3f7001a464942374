namespace EcoPlan.Core.Organizations;

/// <summary>A named person who leads measures (牵头领导), as district plans name them.</summary>
public sealed class Leader
{
    public int Id { get; set; }
    public required string Name { get; set; }
    public string? Title { get; set; }
    public int OrganizationId { get; set; }
    public Organization? Organization { get; set; }
}
