using System.Globalization;
using EcoPlan.Core.Audit;
using EcoPlan.Core.Localization;

namespace EcoPlan.Core.Tests.Audit;

/// <summary>The typed audit action: stored as the words the column always held, labelled in both languages, written in one place.</summary>
public sealed class AuditTrailTests
{
    [Fact]
    public void StoredWords_AreTheWordsTheDatabaseHolds()
    {
        Assert.Equal(["other", "draft", "submit", "attach", "cooperate", "accept", "return", "remind", "target", "clue-export", "measure-link", "decomposition-export", "evaluation-rules", "evaluation-export", "township-expansion"],
            Enum.GetValues<AuditAction>().Select(AuditActions.Stored));
        Assert.All(Enum.GetValues<AuditAction>(), action => Assert.Equal(action, AuditActions.Parse(AuditActions.Stored(action))));
        Assert.Equal(AuditAction.Other, AuditActions.Parse("archived"));
    }

    [Fact]
    public void EveryAction_HasAChineseAndAnEnglishLabel()
    {
        var chinese = CoreText.All(CultureInfo.InvariantCulture);
        var english = CoreText.All(CultureInfo.GetCultureInfo("en"));
        Assert.All(Enum.GetValues<AuditAction>(), action =>
        {
            Assert.True(ResourceTexts.HasChinese(chinese["AuditAction_" + action]), action.ToString());
            Assert.False(string.IsNullOrWhiteSpace(english["AuditAction_" + action]), action.ToString());
        });
        Assert.Equal("submitted", AuditActions.Label(AuditAction.Submit));
    }

    /// <summary>Entries are built by <see cref="AuditTrail"/> only: no use case writes its own.</summary>
    [Fact]
    public void OnlyTheTrail_BuildsEntries()
    {
        var builders = Directory.EnumerateFiles(RepositoryPaths.Of("src"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Where(f => File.ReadAllText(f).Contains("new AuditEntry", StringComparison.Ordinal))
            .Select(Path.GetFileName);
        Assert.Equal(["AuditTrail.cs"], builders);
    }

    [ProviderTheory]
    public async Task Record_StoresTheWord_ReadsItBack_AndAnUnknownWordReadsAsOther(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateMigratedAsync(provider);
        var user = new UserAccess(3, "ylj", Roles.Unit, 5, "区园林绿化局", 1, "110112", null);
        var at = new DateTime(2026, 8, 20, 2, 0, 0, DateTimeKind.Utc);
        await using (var db = database.NewContext())
        {
            db.Record(AuditAction.Submit, user, at, measureId: 7, reportId: 9, new { version = 1 });
            db.Record(AuditAction.Remind, by: null, at, measureId: 7, reportId: null, new { unit = "区园林绿化局" });
            await db.SaveChangesAsync();
            Assert.Throws<ArgumentOutOfRangeException>(() => db.Record(AuditAction.Other, user, at, 7, null, new { }));
            await db.Database.ExecuteSqlInterpolatedAsync(
                $"INSERT INTO \"AuditEntries\" (\"At\", \"UserName\", \"Action\", \"MeasureId\", \"Details\") VALUES ({at}, 'EcoPlan', 'archived', 7, '{{}}')");
        }

        await using var reader = database.NewContext();
        Assert.Equal(["submit", "remind", "archived"],
            await reader.Database.SqlQuery<string>($"SELECT \"Action\" AS \"Value\" FROM \"AuditEntries\" ORDER BY \"Id\"").ToListAsync());
        var entries = await reader.AuditEntries.OrderBy(a => a.Id).ToListAsync();
        Assert.Equal([AuditAction.Submit, AuditAction.Remind, AuditAction.Other], entries.Select(e => e.Action));
        Assert.Equal((3, "ylj", 9, "{\"version\":1}"), (entries[0].UserId, entries[0].UserName, entries[0].ReportId, entries[0].Details));
        Assert.Equal((null, AuditTrail.SystemName, "{\"unit\":\"区园林绿化局\"}"), (entries[1].UserId, entries[1].UserName, entries[1].Details));
        Assert.Equal(1, await reader.AuditEntries.CountAsync(a => a.Action == AuditAction.Remind));
    }
}
