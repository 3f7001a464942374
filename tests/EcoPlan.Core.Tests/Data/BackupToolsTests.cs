using EcoPlan.Core.Data.Backup;

namespace EcoPlan.Core.Tests.Data;

/// <summary>How the PostgreSQL backup runs pg_dump and pg_restore, and what it says when they are missing or fail.</summary>
public sealed class BackupToolsTests
{
    private static readonly DatabaseSettings s_postgres = new(DatabaseProvider.Postgres, "Host=db.example;Port=5433;Database=ecoplan;Username=eco;Password=s3cret", Path.GetTempPath());

    [Fact]
    public async Task PostgresTool_NotOnPath_NamesTheDebianPackage()
    {
        var ex = await Assert.ThrowsAsync<SetupException>(() => PostgresTools.RunAsync("pg_dump-not-installed", s_postgres, [], null, CancellationToken.None));

        Assert.Equal("pg_dump-not-installed not found: backing up and restoring PostgreSQL needs the PostgreSQL client tools on PATH (Debian/Ubuntu: apt-get install postgresql-client, no older than the server)", ex.Message);
    }

    [Fact]
    public async Task PostgresTool_GetsTheConnectionInItsEnvironment_AndAFailureSaysWhyInOneLine()
    {
        // sh stands in for pg_dump: it prints what a PostgreSQL tool would connect with, on two lines, and fails.
        var ex = await Assert.ThrowsAsync<SetupException>(() => PostgresTools.RunAsync("sh", s_postgres,
            ["-c", "echo \"$PGHOST $PGPORT $PGUSER $PGDATABASE\" >&2; echo \"password ${#PGPASSWORD} chars, ssl $PGSSLMODE\" >&2; exit 3"], null, CancellationToken.None));

        Assert.Equal("sh failed (exit code 3, PostgreSQL db.example:5433/ecoplan): db.example 5433 eco ecoplan password 6 chars, ssl prefer", ex.Message);
    }

    [Fact]
    public async Task CopyHashed_StopsPastTheLengthAllowed()
    {
        using var source = new MemoryStream(new byte[300_000]);
        using var destination = new MemoryStream();

        var (sha256, length) = await BackupManifest.CopyHashedAsync(source, destination, 100_000, CancellationToken.None);

        Assert.Equal("", sha256);
        Assert.True(length > 100_000 && destination.Length <= 100_000, $"{length} read, {destination.Length} written");
    }
}
