using EcoPlan.Core.Organizations;

namespace EcoPlan.Core.Notifications;

/// <summary>
/// An in-app notice to a unit, shown on its 我的任务 page until read. <see cref="Key"/> names the event it reports,
/// so reporting the same event again (re-importing the same values) adds nothing.
/// </summary>
public sealed class Notification
{
    public int Id { get; set; }
    public int OrganizationId { get; set; }
    public Organization? Organization { get; set; }
    public required string Key { get; set; }
    public required string Text { get; set; }
    public string? Link { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? ReadAt { get; set; }
}
