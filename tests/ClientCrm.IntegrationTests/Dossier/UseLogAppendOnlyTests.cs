using ClientCrm.Domain.Dossier;
using ClientCrm.Infrastructure.Dossier;
using ClientCrm.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace ClientCrm.IntegrationTests.Dossier;

/// <summary>
/// Issue 13: the use log (使用登记) is append-only. The app writes lines through <see cref="DossierAccess"/>; its own database
/// connection (the connection string it runs with) can neither change nor remove one.
/// </summary>
public sealed class UseLogAppendOnlyTests(PostgresFixture postgres) : AppTest(postgres)
{
    [Fact]
    public async Task The_apps_own_connection_cannot_update_delete_or_truncate_the_use_log()
    {
        var clientId = await App.WithDbAsync(db => db.Clients.OrderBy(c => c.Id).Select(c => c.Id).FirstAsync());
        await using (var scope = App.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<DossierAccess>()
                .RecordUseAsync(clientId, DossierRight.Leader, DossierUseKind.CardViewed, "append-only test", CancellationToken.None);
        }

        await using var connection = new NpgsqlConnection(App.ConnectionString);
        await connection.OpenAsync();
        var id = await ScalarAsync<long>(connection, """SELECT "Id" FROM "DossierUses" WHERE "What" = 'append-only test'""");
        foreach (var sql in new[]
                 {
                     $"""UPDATE "DossierUses" SET "What" = 'changed' WHERE "Id" = {id}""",
                     $"""UPDATE "DossierUses" SET "UserName" = 'someone else'""",
                     $"""DELETE FROM "DossierUses" WHERE "Id" = {id}""",
                     """DELETE FROM "DossierUses" """,
                     """TRUNCATE "DossierUses" """,
                 })
        {
            await using var command = new NpgsqlCommand(sql, connection);
            var refused = await Assert.ThrowsAsync<PostgresException>(() => command.ExecuteNonQueryAsync());
            Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, refused.SqlState);
        }

        Assert.Equal("append-only test", await ScalarAsync<string>(connection, $"""SELECT "What" FROM "DossierUses" WHERE "Id" = {id}"""));
        // Appending still works: the log takes every use.
        await using var insert = new NpgsqlCommand(
            """INSERT INTO "DossierUses" ("At", "UserName", "ClientId", "Kind", "Basis", "What") VALUES (now(), 'x', gen_random_uuid(), 1, 3, 'more')""",
            connection);
        Assert.Equal(1, await insert.ExecuteNonQueryAsync());
    }

    private static async Task<T> ScalarAsync<T>(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync())!;
    }
}
