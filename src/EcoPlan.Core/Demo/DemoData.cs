using EcoPlan.Core.Accounts;
using EcoPlan.Core.Data;
using EcoPlan.Core.Import;
using Microsoft.EntityFrameworkCore;

namespace EcoPlan.Core.Demo;

/// <summary>A demo account as printed on first start.</summary>
public sealed record DemoAccount(string UserName, string Role, string Organization, string? Leader);

/// <summary>
/// What a new embedded database starts with, so a first-time user has something real to look at: the two
/// sample plans (imported through the same importer as any document, and published), one account per
/// kind of user, and the reports of the latest period with a few units late (<see cref="DemoProgress"/>).
/// </summary>
public static class DemoData
{
    public static readonly IReadOnlyList<string> SamplePlans =
        ["beijing-2025-ecological-protection.txt", "tongzhou-2026-ecological-protection.txt"];

    public static readonly IReadOnlyList<DemoAccount> Accounts =
    [
        new("admin", Roles.Admin, "北京市生态环境局", null),
        new("city", Roles.Coordinator, "北京市生态环境局", null),
        new("coordinator", Roles.Coordinator, "北京市通州区生态环境局", null),
        new("ylj", Roles.Unit, "北京市通州区园林绿化局", null),
        new("swj", Roles.Unit, "北京市通州区水务局", null),
        new("lzh", Roles.Leader, "北京市通州区人民政府", "林正航"),
    ];

    /// <summary>True when the database has neither plans nor users: the only state demo data is loaded into.</summary>
    public static async Task<bool> IsEmptyAsync(EcoPlanDbContext db, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        return !await db.Plans.AnyAsync(cancellationToken) && !await db.Users.AnyAsync(cancellationToken);
    }

    /// <summary>Loads the sample plans and creates the demo accounts, all with <paramref name="password"/>.</summary>
    public static async Task LoadAsync(EcoPlanDbContext db, AccountAdministration accounts, TimeProvider time, string password, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(accounts);
        var importer = new PlanImporter(db, time);
        foreach (var sample in SamplePlans)
        {
            var document = await PlanDocumentReader.ReadAsync(ReadSample(sample), sample, cancellationToken: cancellationToken);
            await importer.ImportAsync(document, new ImportDecisions { Publish = true }, cancellationToken: cancellationToken);
        }

        await accounts.EnsureRolesAsync();
        foreach (var account in Accounts)
        {
            await accounts.AddUserAsync(account.UserName, account.Organization, account.Role, account.Leader, password);
        }

        await DemoProgress.LoadAsync(db, time, cancellationToken);
    }

    public static byte[] ReadSample(string name)
    {
        using var stream = typeof(DemoData).Assembly.GetManifestResourceStream($"EcoPlan.Samples.{name}")
            ?? throw new InvalidOperationException($"Sample plan {name} is not embedded.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
