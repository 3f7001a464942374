using EcoPlan.Core.Import;
using EcoPlan.Core.Indicators;
using EcoPlan.Core.Indicators.GepR;
using EcoPlan.Core.Progress;

namespace EcoPlan.Core.Demo;

/// <summary>A demo account as printed on first start.</summary>
public sealed record DemoAccount(string UserName, string Role, string Organization, string? Leader);

/// <summary>
/// What a new embedded database starts with, so a first-time user has something real to look at: the two
/// sample plans (imported through the same importer as any document, and published), one account per
/// kind of user, the reports of the latest period with a few units late (<see cref="DemoProgress"/>), and sample
/// indicator values (samples/indicators/, imported through the same EI and GEP-R imports as an upload) labelled
/// <see cref="SampleLabel"/> wherever they are shown.
/// </summary>
public static class DemoData
{
    public static readonly IReadOnlyList<string> SamplePlans =
        ["beijing-2025-ecological-protection.txt", "tongzhou-2026-ecological-protection.txt"];

    /// <summary>The source label of the sample indicator values, shown by every page that shows them.</summary>
    public const string SampleLabel = "示例数据，非官方数据";

    public const string SampleEi = "ei-db11-1877.csv";
    public const string SampleGepRQuantities = "gepr-quantities.csv";
    public const string SampleGepRPrices = "gepr-prices.csv";

    public static readonly IReadOnlyList<DemoAccount> Accounts =
    [
        new("admin", Roles.Admin, "北京市生态环境局", null),
        new("city", Roles.Coordinator, "北京市生态环境局", null),
        new("coordinator", Roles.Coordinator, "北京市通州区生态环境局", null),
        new("ylj", Roles.Unit, "北京市通州区园林绿化局", null),
        new("swj", Roles.Unit, "北京市通州区水务局", null),
        new("lzh", Roles.Leader, "北京市通州区人民政府", "林正航"),
        new("yongshun", Roles.Township, "通州区永顺镇人民政府", null),
    ];

    /// <summary>True when the database has neither plans nor users: the only state demo data is loaded into.</summary>
    public static async Task<bool> IsEmptyAsync(EcoPlanDbContext db, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        return !await db.Plans.AnyAsync(cancellationToken) && !await db.Users.AnyAsync(cancellationToken);
    }

    /// <summary>Loads the sample plans and indicators and creates the demo accounts, all with <paramref name="password"/>.</summary>
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

        await LoadIndicatorsAsync(db, time, cancellationToken);
        await accounts.EnsureRolesAsync();
        foreach (var account in Accounts)
        {
            await accounts.AddUserAsync(account.UserName, account.Organization, account.Role, account.Leader, password);
        }

        await DemoProgress.LoadAsync(db, time, cancellationToken);
    }

    /// <summary>The demo's clues after <see cref="LoadAsync"/> (whose accounts act on them), their photos into <paramref name="attachments"/>.</summary>
    public static Task LoadCluesAsync(EcoPlanDbContext db, TimeProvider time, IAttachmentStore attachments, CancellationToken cancellationToken = default) =>
        DemoClues.LoadAsync(db, time, attachments, cancellationToken);

    /// <summary>The sample EI sub-indices and GEP-R quantities and prices, through the imports a coordinator uploads with.</summary>
    public static async Task LoadIndicatorsAsync(EcoPlanDbContext db, TimeProvider time, CancellationToken cancellationToken = default)
    {
        var ei = await new EiImporter(db, time) { SourceLabel = SampleLabel }
            .ImportAsync(ReadSample(SampleEi), SampleEi, MethodologyCatalog.Load(MethodologyCatalog.Db11), importedBy: null, cancellationToken: cancellationToken);
        var gepr = await new GepRStore(db, time) { SourceLabel = SampleLabel }.ImportAsync(
            new GepRInputFile(SampleGepRQuantities, ReadSample(SampleGepRQuantities)), new GepRInputFile(SampleGepRPrices, ReadSample(SampleGepRPrices)),
            importedBy: null, cancellationToken: cancellationToken);
        if (!ei.Stored || !gepr.Stored)
        {
            throw new InvalidOperationException("The sample indicator values do not import: "
                + string.Join("; ", ei.Errors.Select(e => e.ToString(SampleEi)).Concat(gepr.Errors.Select(e => e.ToString())).Take(5)));
        }
    }

    public static byte[] ReadSample(string name)
    {
        using var stream = typeof(DemoData).Assembly.GetManifestResourceStream($"EcoPlan.Samples.{name}")
            ?? throw new InvalidOperationException($"Sample {name} is not embedded.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
