using System.Security.Cryptography;
using System.Text;
using Npgsql;

namespace EcoPlan.Core.Operations;

/// <summary>
/// Which app instance runs a background job when several serve one PostgreSQL database: the one holding the job's
/// session-level advisory lock, on a connection of its own kept open. The others skip their ticks. The lock goes with
/// its connection, so an instance that stops, or loses its database, hands the job to the next instance that ticks.
/// SQLite is embedded in one instance, which always holds the lease.
/// </summary>
public sealed class JobLease(DatabaseSettings settings, string job) : IAsyncDisposable
{
    private readonly long _key = BitConverter.ToInt64(SHA256.HashData(Encoding.UTF8.GetBytes("ecoplan:job:" + job)), 0);
    private NpgsqlConnection? _connection;

    /// <summary>Whether this instance holds the lease now: keeps it while its connection lives, else tries to take it.</summary>
    public async Task<bool> HoldAsync(CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.Provider != DatabaseProvider.Postgres)
        {
            return true;
        }

        if (_connection is not null)
        {
            try
            {
                await using var ping = new NpgsqlCommand("SELECT 1", _connection);
                await ping.ExecuteScalarAsync(cancellationToken);
                return true;
            }
            catch (Exception ex) when (ex is NpgsqlException or InvalidOperationException)
            {
                // The connection died and the lock with it: another instance may hold it by now.
                await ReleaseAsync();
            }
        }

        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(settings.ConnectionString) { Pooling = false }.ToString());
        try
        {
            await connection.OpenAsync(cancellationToken);
            await using var take = new NpgsqlCommand("SELECT pg_try_advisory_lock(@key)", connection);
            take.Parameters.AddWithValue("key", _key);
            if (await take.ExecuteScalarAsync(cancellationToken) is true)
            {
                _connection = connection;
                return true;
            }
        }
        catch (NpgsqlException)
        {
            // The database is away: nobody runs the job this tick, which is what the job's failure would do too.
        }

        await connection.DisposeAsync();
        return false;
    }

    public async ValueTask DisposeAsync() => await ReleaseAsync();

    private async Task ReleaseAsync()
    {
        if (_connection is not null)
        {
            await _connection.DisposeAsync();
            _connection = null;
        }
    }
}
