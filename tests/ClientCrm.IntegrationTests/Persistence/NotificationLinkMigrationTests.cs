using System.Net;
using ClientCrm.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace ClientCrm.IntegrationTests.Persistence;

/// <summary>
/// Notifications no longer store a link. Messages written before they carried their item's id had only the link: the
/// migration gives them the warning's id from it, so they still open their warning.
/// </summary>
public sealed class NotificationLinkMigrationTests(PostgresFixture postgres) : AppTest(postgres)
{
    private const string Migration = "NotificationsWithoutLinks";

    [Fact]
    public async Task A_message_that_had_only_a_link_gets_its_warning_and_still_opens_it()
    {
        var warningId = Guid.CreateVersion7();
        var (aboutWarning, elsewhere) = (Guid.CreateVersion7(), Guid.CreateVersion7());
        await App.WithDbAsync(async db =>
        {
            var migrator = db.GetService<IMigrator>();
            var all = db.Database.GetMigrations().ToList();
            var before = all[all.FindIndex(m => m.EndsWith("_" + Migration, StringComparison.Ordinal)) - 1];
            await migrator.MigrateAsync(before);
            var leaderId = await db.Users.Where(u => u.UserName == "leader").Select(u => u.Id).SingleAsync();
            var now = DateTimeOffset.UtcNow;
            await db.Database.ExecuteSqlAsync($"""
                INSERT INTO "Notifications" ("Id", "RecipientId", "Kind", "Text", "Link", "CreatedAt")
                VALUES ({aboutWarning}, {leaderId}, 2, 'A warning on Old Style Co', {"/Warnings/" + warningId}, {now}),
                       ({elsewhere}, {leaderId}, 2, 'Old Style Elsewhere Co', '/Clients', {now})
                """);
            await migrator.MigrateAsync();
        });
        // The app's connections prepared statements against the table as it was.
        Npgsql.NpgsqlConnection.ClearAllPools();

        var subjects = await App.WithDbAsync(db => db.Notifications.Where(n => n.Id == aboutWarning || n.Id == elsewhere)
            .ToDictionaryAsync(n => n.Id, n => n.SubjectId));
        Assert.Equal(warningId, subjects[aboutWarning]);
        Assert.Null(subjects[elsewhere]);

        var leader = await SignedInAsync("leader");
        using var opened = await leader.SubmitAsync("/Inbox", $"tr[data-notification-id='{aboutWarning}'] form");
        Assert.Equal(HttpStatusCode.Redirect, opened.StatusCode);
        Assert.Equal($"/Warnings/{warningId}", opened.Headers.Location?.OriginalString);
        Assert.Contains("A warning on Old Style Co", (await leader.GetPageAsync("/Inbox")).Body!.TextContent, StringComparison.Ordinal);
    }
}
