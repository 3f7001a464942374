using EcoPlan.Core.Organizations;

namespace EcoPlan.Core.Notifications;

/// <summary>
/// An in-app notice to an organization, in its 通知 inbox. <see cref="Key"/> names the fact it reports (unique per
/// recipient, in the database), so reporting the same fact again adds nothing. <see cref="Cause"/> names what keeps it
/// open (a report still due, a returned report not yet resubmitted): when that ends the notice is resolved, leaves the
/// unread list and stays in the inbox's history.
/// </summary>
public sealed class Notification
{
    public int Id { get; set; }
    public int OrganizationId { get; set; }
    public Organization? Organization { get; set; }
    public required string Key { get; set; }
    public required string Text { get; set; }
    public string? Link { get; set; }

    /// <summary>What ends the notice (<c>report:{measure}:{unit}:{period}</c>); null for a notice that only informs.</summary>
    public string? Cause { get; set; }

    public DateTime CreatedAt { get; set; }
    public DateTime? ReadAt { get; set; }

    /// <summary>When its cause ended; a resolved notice is no longer unread.</summary>
    public DateTime? ResolvedAt { get; set; }
}
