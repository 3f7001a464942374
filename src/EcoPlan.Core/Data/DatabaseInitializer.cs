using System.Data.Common;
using System.Net.Sockets;
using EcoPlan.Core.ReferenceData;
using Microsoft.Data.Sqlite;

namespace EcoPlan.Core.Data;

/// <summary>Prepares the database for use: the data directory, the schema, the reference data.</summary>
public static class DatabaseInitializer
{
    /// <summary>Creates the data directory and proves it can be written, before SQLite or uploads need it.</summary>
    public static void EnsureDataDirectory(DatabaseSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        try
        {
            Directory.CreateDirectory(settings.DataDirectory);
            var probe = Path.Combine(settings.DataDirectory, $".write-probe-{Environment.ProcessId}");
            File.WriteAllText(probe, "ok");
            File.Delete(probe);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new SetupException($"{DatabaseSettings.DataDirectoryKey} '{settings.DataDirectory}' cannot be written: {SetupException.OneLine(ex.Message)}", ex);
        }
    }

    /// <summary>
    /// Applies every pending migration, after carrying a database of a release with hand-written migrations over to the
    /// generated ones (<see cref="MigrationBaseline"/>), and loads the reference data. Returns the migrations applied.
    /// </summary>
    public static async Task<IReadOnlyList<string>> MigrateAsync(EcoPlanDbContext db, DatabaseSettings settings, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.Provider == DatabaseProvider.Sqlite)
        {
            EnsureDataDirectory(settings);
        }

        return await Guard(settings, async () =>
        {
            await MigrationBaseline.ApplyAsync(db, settings, cancellationToken);
            var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
            await db.Database.MigrateAsync(cancellationToken);
            await ReferenceDataSeeder.SeedAsync(db, cancellationToken);
            return pending;
        });
    }

    /// <summary>Checks that the database answers and has every migration; PostgreSQL is never migrated by the web host.</summary>
    public static async Task VerifyAsync(EcoPlanDbContext db, DatabaseSettings settings, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.Provider == DatabaseProvider.Sqlite && SqliteFile(settings) is { } file && !File.Exists(file))
        {
            // Opening would create an empty file; say what to do instead.
            throw new SetupException($"There is no database at {file} ({DatabaseSettings.DataDirectoryKey}); start the web app once or run `ecoplan db migrate`.");
        }

        var pending = await Guard(settings, async () => (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList());
        if (pending.Count > 0)
        {
            throw new SetupException($"The database ({settings.Describe()}) lacks {pending.Count} migration(s), the first '{pending[0]}'; run `ecoplan db migrate` with the same {DatabaseSettings.ConnectionStringKey}.");
        }
    }

    private static string? SqliteFile(DatabaseSettings settings)
    {
        var builder = new SqliteConnectionStringBuilder(settings.ConnectionString);
        return builder.Mode == SqliteOpenMode.Memory || builder.DataSource is "" or ":memory:" ? null : Path.GetFullPath(builder.DataSource);
    }

    /// <summary>Runs <paramref name="action"/>, a database that cannot be reached or used turned into a <see cref="SetupException"/> naming it.</summary>
    internal static async Task<T> Guard<T>(DatabaseSettings settings, Func<Task<T>> action)
    {
        try
        {
            return await action();
        }
        catch (Exception ex) when (ex is DbException or SocketException or TimeoutException
                                   || ex is InvalidOperationException { InnerException: DbException or SocketException or TimeoutException })
        {
            throw new SetupException($"Cannot use the database {settings.Describe()} ({DatabaseSettings.ConnectionStringKey}): {SetupException.OneLine(Innermost(ex).Message)}", ex);
        }
    }

    private static Exception Innermost(Exception ex)
    {
        // Npgsql wraps the socket error; the inner one says "Connection refused", which is what a user can act on.
        var message = ex;
        while (message.InnerException is not null)
        {
            message = message.InnerException;
        }

        return ReferenceEquals(message, ex) ? ex : new InvalidOperationException($"{ex.Message} ({message.Message})");
    }
}
