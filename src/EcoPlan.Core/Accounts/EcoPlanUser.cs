using EcoPlan.Core.Organizations;
using Microsoft.AspNetCore.Identity;

namespace EcoPlan.Core.Accounts;

/// <summary>A person who signs in. Every user belongs to one organization; a leader user is also linked to a Leader.</summary>
public sealed class EcoPlanUser : IdentityUser<int>
{
    public int OrganizationId { get; set; }
    public Organization? Organization { get; set; }
    public int? LeaderId { get; set; }
    public Leader? Leader { get; set; }
    public string? DisplayName { get; set; }
}

/// <summary>The roles EcoPlan knows. A user has exactly one.</summary>
public static class Roles
{
    /// <summary>Runs the installation: users, the unit directory, every plan.</summary>
    public const string Admin = "admin";

    /// <summary>Runs the plans of its organization's region: import, publish, assign, review.</summary>
    public const string Coordinator = "coordinator";

    /// <summary>A responsible or cooperating unit: its organization's measures and reports.</summary>
    public const string Unit = "unit";

    /// <summary>A leader: reads the measures he or she leads, and their units' progress.</summary>
    public const string Leader = "leader";

    /// <summary>Reads.</summary>
    public const string Viewer = "viewer";

    /// <summary>A 乡镇/街道 bound to its township unit: verifies, rectifies and closes its own clues (线索).</summary>
    public const string Township = "township";

    public static readonly IReadOnlyList<string> All = [Admin, Coordinator, Unit, Leader, Viewer, Township];
}
