using ClientCrm.Domain.Access;
using ClientCrm.Domain.Notifications;
using ClientCrm.Infrastructure.Identity;
using ClientCrm.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;

namespace ClientCrm.Infrastructure.Notifications;

/// <summary>
/// The one way anything in the app tells a person something: it finds the recipients by role (leaders, a department's
/// heads) and puts notifications in their inboxes. Pages send a few inside their own save (<see cref="SendAsync"/>); the
/// warning engine sends many at once (<see cref="SendManyAsync"/>). Either way disabled users get nothing. Who hears of
/// what is decided beside the workflow (for warnings: <c>WarningNotices</c>), and leaves out whoever acted.
/// </summary>
public sealed class Notifier(CrmDbContext db, InboxVersion inbox)
{
    public async Task<IReadOnlyList<string>> LeaderIdsAsync(CancellationToken ct = default) =>
        await db.Leaders().Select(u => u.Id).ToListAsync(ct);

    /// <summary>The heads of every department, by department.</summary>
    public async Task<ILookup<int, string>> DepartmentHeadIdsAsync(CancellationToken ct = default)
    {
        var heads = await db.InRole(Roles.DepartmentHead).Where(u => u.DepartmentId != null)
            .Select(u => new { DepartmentId = u.DepartmentId!.Value, u.Id }).ToListAsync(ct);
        return heads.ToLookup(h => h.DepartmentId, h => h.Id);
    }

    public async Task<IReadOnlyList<string>> DepartmentHeadIdsAsync(int departmentId, CancellationToken ct = default) =>
        await db.InRole(Roles.DepartmentHead).Where(u => u.DepartmentId == departmentId).Select(u => u.Id).ToListAsync(ct);

    /// <summary>
    /// Tells the parties a workflow step names (<see cref="Domain.Workflows.WorkflowTable{TState,TAction}.Tell"/>) about the
    /// item: the client's owner, its department's heads (the leaders when it has none) and the leaders, each once, never
    /// whoever took the step. Added to the context like <see cref="SendAsync"/>.
    /// </summary>
    public async Task TellAsync(Domain.Workflows.Parties tell, string ownerId, int departmentId, string actorId, NotificationKind kind,
        NotificationSubject subject, DateTimeOffset at, CancellationToken ct = default)
    {
        if (tell == Domain.Workflows.Parties.None)
        {
            return;
        }

        var heads = tell.HasFlag(Domain.Workflows.Parties.DepartmentHead) ? await DepartmentHeadIdsAsync(departmentId, ct) : [];
        // Recipients decides who stands in for a department without a head.
        var leaders = (tell & (Domain.Workflows.Parties.Leader | Domain.Workflows.Parties.DepartmentHead)) != 0 ? await LeaderIdsAsync(ct) : [];
        await SendAsync(Domain.Workflows.WorkflowParties.Recipients(tell, ownerId, heads, leaders)
            .Where(id => id != actorId)
            .Select(id => Notification.About(id, kind, subject, at)), ct);
    }

    /// <summary>
    /// Adds notifications to the context, without those to disabled users; they are saved with the caller's other changes,
    /// in the same transaction.
    /// </summary>
    public async Task SendAsync(IEnumerable<Notification> notifications, CancellationToken ct = default)
    {
        var list = notifications.ToList();
        var recipients = list.Select(n => n.RecipientId).Distinct().ToList();
        var active = (await db.Users.Where(u => recipients.Contains(u.Id) && !u.IsDisabled).Select(u => u.Id).ToListAsync(ct))
            .ToHashSet(StringComparer.Ordinal);
        db.Notifications.AddRange(list.Where(n => active.Contains(n.RecipientId)));
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
            """
            COPY "Notifications" ("Id", "RecipientId", "Kind", "Text", "CreatedAt", "SubjectId", "ClientName", "ClientChineseName", "Rule")
            FROM STDIN (FORMAT BINARY)
            """, ct);
        foreach (var n in notifications.Where(n => !disabled.Contains(n.RecipientId)))
        {
            await writer.StartRowAsync(ct);
            await writer.WriteAsync(n.Id, NpgsqlDbType.Uuid, ct);
            await writer.WriteAsync(n.RecipientId, NpgsqlDbType.Varchar, ct);
            await writer.WriteAsync((int)n.Kind, NpgsqlDbType.Integer, ct);
            await writer.WriteAsync(n.Text, NpgsqlDbType.Varchar, ct);
            await writer.WriteAsync(n.CreatedAt, NpgsqlDbType.TimestampTz, ct);
            await WriteOrNullAsync(writer, n.SubjectId, NpgsqlDbType.Uuid, ct);
            await WriteOrNullAsync(writer, n.ClientName, NpgsqlDbType.Varchar, ct);
            await WriteOrNullAsync(writer, n.ClientChineseName, NpgsqlDbType.Varchar, ct);
            await WriteOrNullAsync(writer, n.Rule is { } rule ? (int)rule : (int?)null, NpgsqlDbType.Integer, ct);
        }

        await writer.CompleteAsync(ct);
        // Written past the change tracker: the unread counts must look again.
        inbox.Bump();
    }

    private static Task WriteOrNullAsync<T>(NpgsqlBinaryImporter writer, T? value, NpgsqlDbType type, CancellationToken ct) where T : struct =>
        value is { } v ? writer.WriteAsync(v, type, ct) : writer.WriteNullAsync(ct);

    private static Task WriteOrNullAsync(NpgsqlBinaryImporter writer, string? value, NpgsqlDbType type, CancellationToken ct) =>
        value is not null ? writer.WriteAsync(value, type, ct) : writer.WriteNullAsync(ct);
}
