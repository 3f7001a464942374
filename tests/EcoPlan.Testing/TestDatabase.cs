using EcoPlan.Core.Data;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace EcoPlan.Testing;

/// <summary>
/// A fresh, empty database for one test: a SQLite file in a temporary directory, or a new PostgreSQL
/// database on the ECOPLAN_TEST_POSTGRES server, dropped again on dispose.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    public const string PostgresVariable = "ECOPLAN_TEST_POSTGRES";

    public static string? PostgresConnectionString =>
        Environment.GetEnvironmentVariable(PostgresVariable) is { Length: > 0 } value ? value : null;

    public static string PostgresSkipReason =>
        $"PostgreSQL tests skipped: set {PostgresVariable} to a connection string whose user may create databases, e.g. " +
        $"{PostgresVariable}='Host=localhost;Username=ecoplan;Password=ecoplan;Database=postgres' (.ci/run does).";

    private readonly string? _postgresDatabase;

    private TestDatabase(DatabaseSettings settings, string? postgresDatabase)
    {
        Settings = settings;
        _postgresDatabase = postgresDatabase;
    }

    public DatabaseSettings Settings { get; }
    public DatabaseProvider Provider => Settings.Provider;

    public static Task<TestDatabase> CreateAsync(DatabaseProvider provider) => CreateAsync(provider, template: null);

    private static async Task<TestDatabase> CreateAsync(DatabaseProvider provider, string? template)
    {
        switch (provider)
        {
            case DatabaseProvider.Sqlite:
                var directory = Path.Combine(Path.GetTempPath(), "ecoplan-tests", Guid.NewGuid().ToString("N"));
                Directory.CreateDirectory(directory);
                var sqlite = new SqliteConnectionStringBuilder { DataSource = Path.Combine(directory, DatabaseSettings.SqliteFileName), Pooling = false };
                return new TestDatabase(new DatabaseSettings(provider, sqlite.ToString(), directory), null);
            case DatabaseProvider.Postgres:
                var server = PostgresConnectionString ?? throw new InvalidOperationException(PostgresSkipReason);
                var name = $"ecoplan_test_{Guid.NewGuid():N}";
                await using (var admin = new NpgsqlConnection(server))
                {
                    await admin.OpenAsync();
                    await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"" + (template is null ? "" : $" TEMPLATE \"{template}\""), admin);
                    // PostgreSQL refuses a template somebody is connected to: autovacuum leaves it in moments.
                    await WhileAutovacuumAsync(create, PostgresErrorCodes.ObjectInUse);
                }

                var connection = new NpgsqlConnectionStringBuilder(server) { Database = name, Pooling = false }.ToString();
                var dataDirectory = Path.Combine(Path.GetTempPath(), "ecoplan-tests", name);
                return new TestDatabase(new DatabaseSettings(provider, connection, dataDirectory), name);
            default:
                throw new ArgumentOutOfRangeException(nameof(provider), provider, null);
        }
    }

    /// <summary>A database built by the real migrations, with the reference data loaded.</summary>
    public static async Task<TestDatabase> CreateMigratedAsync(DatabaseProvider provider)
    {
        var database = await CreateAsync(provider);
        await using var db = database.NewContext();
        await DatabaseInitializer.MigrateAsync(db, database.Settings);
        return database;
    }

    /// <summary>
    /// A new database holding what <paramref name="source"/> holds, data directory (attachments) included: the SQLite
    /// files copied, a PostgreSQL database created with the source as its template. Nothing may be connected to the
    /// source meanwhile.
    /// </summary>
    public static async Task<TestDatabase> CopyOfAsync(TestDatabase source)
    {
        ArgumentNullException.ThrowIfNull(source);
        var copy = await CreateAsync(source.Provider, source._postgresDatabase);
        CopyDirectory(source.Settings.DataDirectory, copy.Settings.DataDirectory);
        return copy;
    }

    /// <summary>Runs <paramref name="command"/>, again every 100 ms for up to 5 s while it fails with <paramref name="sqlState"/>.</summary>
    private static async Task WhileAutovacuumAsync(NpgsqlCommand command, string sqlState)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await command.ExecuteNonQueryAsync();
                return;
            }
            catch (PostgresException ex) when (ex.SqlState == sqlState && attempt < 50)
            {
                await Task.Delay(100);
            }
        }
    }

    private static void CopyDirectory(string from, string to)
    {
        if (!Directory.Exists(from))
        {
            return;
        }

        Directory.CreateDirectory(to);
        foreach (var file in Directory.EnumerateFiles(from))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)), overwrite: true);
        }

        foreach (var directory in Directory.EnumerateDirectories(from))
        {
            CopyDirectory(directory, Path.Combine(to, Path.GetFileName(directory)));
        }
    }

    public EcoPlanDbContext NewContext() => DatabaseRegistration.CreateContext(Settings);

    public async ValueTask DisposeAsync()
    {
        if (_postgresDatabase is not null)
        {
            await using var admin = new NpgsqlConnection(PostgresConnectionString);
            await admin.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_postgresDatabase}\" WITH (FORCE)", admin);
            // An autovacuum worker on the database: FORCE may not end another role's process, and the worker is done in moments.
            await WhileAutovacuumAsync(drop, PostgresErrorCodes.InsufficientPrivilege);
        }

        try
        {
            Directory.Delete(Settings.DataDirectory, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
    }
}
