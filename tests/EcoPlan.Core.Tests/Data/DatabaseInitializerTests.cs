namespace EcoPlan.Core.Tests.Data;

public sealed class DatabaseInitializerTests
{
    [Fact]
    public async Task UnreachablePostgres_GivesOneLineNamingTheSetting()
    {
        // Port 1 on loopback: nothing listens, the connection is refused at once.
        var settings = new DatabaseSettings(DatabaseProvider.Postgres, "Host=127.0.0.1;Port=1;Database=ecoplan;Username=u;Password=p;Timeout=3", Path.GetTempPath());
        await using var db = DatabaseRegistration.CreateContext(settings);

        var ex = await Assert.ThrowsAsync<SetupException>(() => DatabaseInitializer.MigrateAsync(db, settings));

        Assert.Contains("ConnectionStrings:EcoPlan", ex.Message, StringComparison.Ordinal);
        Assert.Contains("127.0.0.1:1", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', ex.Message);
        Assert.DoesNotContain("Password", ex.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void UnwritableDataDirectory_NamesTheSetting()
    {
        // A path below a regular file can never be created, even by root (CI runs tests as root, so chmod would not do).
        var file = Path.GetTempFileName();
        var settings = new DatabaseSettings(DatabaseProvider.Sqlite, $"Data Source={file}/sub/ecoplan.db", Path.Combine(file, "sub"));

        var ex = Assert.Throws<SetupException>(() => DatabaseInitializer.EnsureDataDirectory(settings));

        Assert.StartsWith("EcoPlan:DataDirectory", ex.Message, StringComparison.Ordinal);
        File.Delete(file);
    }

    [ProviderTheory]
    public async Task Verify_RefusesADatabaseThatWasNeverMigrated(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var db = database.NewContext();
        if (provider == DatabaseProvider.Sqlite)
        {
            Directory.CreateDirectory(database.Settings.DataDirectory);
            await File.WriteAllBytesAsync(Path.Combine(database.Settings.DataDirectory, DatabaseSettings.SqliteFileName), []);
        }

        var ex = await Assert.ThrowsAsync<SetupException>(() => DatabaseInitializer.VerifyAsync(db, database.Settings));

        Assert.Contains("ecoplan db migrate", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_MissingSqliteFile_SaysHowToCreateItAndCreatesNothing()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var db = database.NewContext();
        var file = Path.Combine(database.Settings.DataDirectory, DatabaseSettings.SqliteFileName);

        var ex = await Assert.ThrowsAsync<SetupException>(() => DatabaseInitializer.VerifyAsync(db, database.Settings));

        Assert.Contains("There is no database", ex.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(file));
    }
}
