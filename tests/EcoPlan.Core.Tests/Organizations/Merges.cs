using EcoPlan.Core.Organizations;

namespace EcoPlan.Core.Tests.Organizations;

/// <summary>Merging as a person does it: preview, then confirm with the preview's fingerprint.</summary>
internal static class Merges
{
    public static UserAccess Admin { get; } = new(1, "admin", Roles.Admin, 1, "", 1, "110000", null);

    public static UserAccess Coordinator(int organizationId, int regionId, string regionCode) =>
        new(2, "coordinator", Roles.Coordinator, organizationId, "", regionId, regionCode, null);

    public static async Task<UseCaseResult<int>> PreviewAndMergeAsync(EcoPlanDbContext db, int sourceId, int targetId, UserAccess? user = null)
    {
        var merging = new OrganizationMerging(db, TimeProvider.System);
        var preview = await merging.PreviewAsync(user ?? Admin, sourceId, targetId);
        return await merging.MergeAsync(user ?? Admin, sourceId, targetId, preview.Value?.Fingerprint);
    }
}
