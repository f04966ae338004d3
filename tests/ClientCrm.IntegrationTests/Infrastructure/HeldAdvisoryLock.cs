using System.Diagnostics;
using Npgsql;

namespace ClientCrm.IntegrationTests.Infrastructure;

/// <summary>
/// Holds one of the app's advisory locks (<see cref="ClientCrm.Infrastructure.Jobs.AdvisoryLocks"/>) from a session of its
/// own. Work started meanwhile queues for the lock, so a test of "two runs at the same moment" can wait until both are
/// queued, then let them go: the overlap is certain, and <see cref="WaitForWaitersAsync"/> says it happened.
/// </summary>
public sealed class HeldAdvisoryLock : IAsyncDisposable
{
    private readonly NpgsqlConnection _connection;
    private readonly long _key;

    private HeldAdvisoryLock(NpgsqlConnection connection, long key)
    {
        _connection = connection;
        _key = key;
    }

    public static async Task<HeldAdvisoryLock> TakeAsync(string connectionString, long key)
    {
        // Unpooled: the session lock must end with this connection, not go back to a pool with it.
        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT pg_advisory_lock(@key)", connection);
        command.Parameters.AddWithValue("key", key);
        await command.ExecuteNonQueryAsync();
        return new HeldAdvisoryLock(connection, key);
    }

    /// <summary>
    /// Waits until <paramref name="count"/> sessions of this database queue for the lock (or 30 seconds pass); returns how
    /// many were queued at the end.
    /// </summary>
    public async Task<int> WaitForWaitersAsync(int count)
    {
        // A bigint key shows in pg_locks as classid (its high 32 bits) and objid (its low 32 bits), with objsubid 1.
        await using var command = new NpgsqlCommand(
            """
            SELECT count(*)::int FROM pg_locks
            WHERE locktype = 'advisory' AND NOT granted AND objsubid = 1
              AND database = (SELECT oid FROM pg_database WHERE datname = current_database())
              AND classid::bigint = (@key >> 32) AND objid::bigint = (@key & 4294967295)
            """, _connection);
        command.Parameters.AddWithValue("key", _key);
        var elapsed = Stopwatch.StartNew();
        while (true)
        {
            var waiting = (int)(await command.ExecuteScalarAsync())!;
            if (waiting >= count || elapsed.Elapsed > TimeSpan.FromSeconds(30))
            {
                return waiting;
            }

            await Task.Delay(20);
        }
    }

    /// <summary>Lets the queued work go. Safe to call twice.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_connection.State == System.Data.ConnectionState.Open)
        {
            await using var command = new NpgsqlCommand("SELECT pg_advisory_unlock(@key)", _connection);
            command.Parameters.AddWithValue("key", _key);
            await command.ExecuteNonQueryAsync();
        }

        await _connection.DisposeAsync();
    }
}
