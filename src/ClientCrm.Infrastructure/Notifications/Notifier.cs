using ClientCrm.Domain.Access;
using ClientCrm.Domain.Notifications;
using ClientCrm.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;

namespace ClientCrm.Infrastructure.Notifications;

/// <summary>
/// The one way anything in the app tells a person something: it finds the recipients by role (leaders, a department's
/// heads) and puts notifications in their inboxes. Pages send a few inside their own save; the warning engine sends
/// many at once by <see cref="SendManyAsync"/>. Disabled users get nothing, and nobody is told about their own action.
/// </summary>
public sealed class Notifier(CrmDbContext db)
{
    public async Task<IReadOnlyList<string>> LeaderIdsAsync(CancellationToken ct = default) =>
        await UsersInRole(Roles.Leader).Select(u => u.Id).ToListAsync(ct);

    /// <summary>The heads of every department, by department.</summary>
    public async Task<ILookup<int, string>> DepartmentHeadIdsAsync(CancellationToken ct = default)
    {
        var heads = await UsersInRole(Roles.DepartmentHead).Where(u => u.DepartmentId != null)
            .Select(u => new { DepartmentId = u.DepartmentId!.Value, u.Id }).ToListAsync(ct);
        return heads.ToLookup(h => h.DepartmentId, h => h.Id);
    }

    public async Task<IReadOnlyList<string>> DepartmentHeadIdsAsync(int departmentId, CancellationToken ct = default) =>
        await UsersInRole(Roles.DepartmentHead).Where(u => u.DepartmentId == departmentId).Select(u => u.Id).ToListAsync(ct);

    public async Task<bool> IsActiveUserAsync(string userId, CancellationToken ct = default) =>
        await db.Users.AnyAsync(u => u.Id == userId && !u.IsDisabled, ct);

    /// <summary>Adds notifications to the context; they are saved with the caller's other changes, in the same transaction.</summary>
    public void Send(IEnumerable<string> recipients, NotificationKind kind, string text, string link, DateTimeOffset now, string? exceptUserId = null)
    {
        ArgumentNullException.ThrowIfNull(recipients);
        foreach (var id in recipients.Distinct().Where(r => r != exceptUserId))
        {
            db.Notifications.Add(new Notification(id, kind, text, link, now));
        }
    }

    /// <summary>Writes many notifications in one round trip (binary COPY), inside the caller's transaction.</summary>
    public async Task SendManyAsync(IReadOnlyCollection<Notification> notifications, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(notifications);
        if (notifications.Count == 0)
        {
            return;
        }

        // Recipients come from data (a client's owner) as well as from roles: drop anyone disabled since.
        var disabled = (await db.Users.Where(u => u.IsDisabled).Select(u => u.Id).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await using var writer = await connection.BeginBinaryImportAsync(
            """COPY "Notifications" ("Id", "RecipientId", "Kind", "Text", "Link", "CreatedAt") FROM STDIN (FORMAT BINARY)""", ct);
        foreach (var n in notifications.Where(n => !disabled.Contains(n.RecipientId)))
        {
            await writer.StartRowAsync(ct);
            await writer.WriteAsync(n.Id, NpgsqlDbType.Uuid, ct);
            await writer.WriteAsync(n.RecipientId, NpgsqlDbType.Varchar, ct);
            await writer.WriteAsync((int)n.Kind, NpgsqlDbType.Integer, ct);
            await writer.WriteAsync(n.Text, NpgsqlDbType.Varchar, ct);
            await writer.WriteAsync(n.Link, NpgsqlDbType.Varchar, ct);
            await writer.WriteAsync(n.CreatedAt, NpgsqlDbType.TimestampTz, ct);
        }

        await writer.CompleteAsync(ct);
    }

    private IQueryable<Identity.CrmUser> UsersInRole(string role) =>
        db.Users.Where(u => !u.IsDisabled && db.UserRoles.Any(ur => ur.UserId == u.Id && db.Roles.Any(r => r.Id == ur.RoleId && r.Name == role)));
}
