using ClientCrm.Domain.Access;
using ClientCrm.Domain.Clients;
using ClientCrm.Domain.Common;
using ClientCrm.Domain.Dossier;
using ClientCrm.Infrastructure.Access;
using ClientCrm.Infrastructure.Persistence;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;

namespace ClientCrm.Infrastructure.Dossier;

/// <summary>
/// The one place that decides whether the acting user may read a client's dossier (SPEC §1, §6), and that writes the use
/// log (使用登记). The owner, the head of the client's department and the leaders read by their standing (the same rule as
/// the client scope filter, <see cref="ClientVisibility"/>); anyone else only under an approved access request (调阅申请)
/// whose period has not ended. A page that shows a client's card, its principals or its documents asks here first (no right:
/// 404) and records the use with the right it was made under.
/// </summary>
public sealed class DossierAccess(CrmDbContext db, CrmDbContextFactory contexts, ICurrentActor actor, BusinessClock clock,
    IHttpContextAccessor http)
{
    /// <summary>
    /// The acting user's right to read client <paramref name="clientId"/>; null when there is none (or no such client),
    /// which the page answers with 404 as it does for a client outside the scope.
    /// </summary>
    public async Task<DossierRight?> RightToReadAsync(Guid clientId, CancellationToken ct) =>
        (await ReadNameAsync(clientId, ct))?.Right;

    /// <summary>
    /// The client's name, owner and department with the acting user's right to its dossier, for pages that name the client
    /// without showing its card (its documents); null when there is no right (or no such client).
    /// </summary>
    public async Task<(DossierClient Client, DossierRight Right)?> ReadNameAsync(Guid clientId, CancellationToken ct)
    {
        if (Reader() is not { } userId)
        {
            return null;
        }

        // This one client, past the scope filter: the filter hides it from a reader by request, and the standing below is
        // the filter's own rule. Only these four values are read, and they leave this method only under a right.
        var client = await db.Clients.IgnoreQueryFilters().AsNoTracking()
            .Where(c => c.Id == clientId)
            .Select(c => new DossierClient(c.Id, c.Name, c.OwnerId, c.DepartmentId))
            .FirstOrDefaultAsync(ct);
        return client is not null && await RightAsync(clientId, userId, client.OwnerId, client.DepartmentId, ct) is { } right
            ? (client, right)
            : null;
    }

    /// <summary>The acting user when a person reads; null for nobody in person (a job, an admin without clients), who reads no dossier.</summary>
    private string? Reader() => actor.Scope is { UserId: { } userId, Level: not ScopeLevel.None } ? userId : null;

    /// <summary>The right of <paramref name="userId"/> to a client with this owner and department: by standing, else by an approved request.</summary>
    private async Task<DossierRight?> RightAsync(Guid clientId, string userId, string ownerId, int departmentId, CancellationToken ct) =>
        Standing(actor.Scope, userId, ownerId, departmentId)
        ?? (await ActiveRequestAsync(clientId, userId, ct) is { } number ? DossierRight.ByRequest(number) : null);

    /// <summary>
    /// The right a user's standing gives (the scope filter's rule, <see cref="ClientVisibility"/>): leaders every client,
    /// a head the department's clients, staff the clients they own. A head who owns the client reads it as its owner.
    /// </summary>
    internal static DossierRight? Standing(AccessScope scope, string userId, string ownerId, int departmentId) => scope.Level switch
    {
        ScopeLevel.All => DossierRight.Leader,
        ScopeLevel.Department when departmentId == scope.DepartmentId => ownerId == userId ? DossierRight.Owner : DossierRight.Department,
        ScopeLevel.Own when ownerId == userId => DossierRight.Owner,
        _ => null,
    };

    /// <summary>The number of the user's approved request for the client whose period runs now; null when there is none.</summary>
    private async Task<long?> ActiveRequestAsync(Guid clientId, string userId, CancellationToken ct) =>
        await db.AccessRequests.AsNoTracking()
            .Where(r => r.RequesterId == userId && r.ClientId == clientId)
            .Where(AccessRequest.GrantsAt(clock.UtcNow))
            .OrderByDescending(r => r.GrantedUntil)
            .Select(r => (long?)r.Number)
            .FirstOrDefaultAsync(ct);

    /// <summary>
    /// The one client a right was granted for, with the right. It is read past the scope filter (the filter hides the client
    /// from a reader by request) and handed out only under a right; pages that show a dossier load it here, never themselves
    /// past the filter. Null when there is no right (or no such client).
    /// </summary>
    public async Task<(Client Client, DossierRight Right)?> ReadClientAsync(Guid clientId, bool withPrincipals, CancellationToken ct)
    {
        if (Reader() is not { } userId)
        {
            return null;
        }

        // One read past the scope filter, then the right (the filter's own rule, or a request) decides whether the client
        // leaves this method: the page's most frequent read is one statement, not a check and a load.
        var clients = db.Clients.IgnoreQueryFilters().AsNoTracking();
        if (withPrincipals)
        {
            clients = clients.Include(c => c.Principals);
        }

        var client = await clients.FirstOrDefaultAsync(c => c.Id == clientId, ct);
        return client is not null && await RightAsync(clientId, userId, client.OwnerId, client.DepartmentId, ct) is { } right
            ? (client, right)
            : null;
    }

    /// <summary>
    /// Appends a line to the use log: who (the acting user), when (now), from which address, which client, how, under which
    /// right, and <paramref name="what"/> (a short description without confidential values). Written at once on a context
    /// of its own, so it neither carries nor waits for the page's other changes.
    /// </summary>
    public Task RecordUseAsync(Guid clientId, DossierRight right, DossierUseKind kind, string what, CancellationToken ct) =>
        AppendAsync(clientId, right, kind, what, ct);

    /// <summary>
    /// Registers an export (<see cref="DossierUseKind.Exported"/>) that may span clients: <paramref name="clientId"/> when it
    /// holds one client's data, null when it holds several (the use log's own export, which only leaders make).
    /// </summary>
    public Task RecordExportAsync(Guid? clientId, DossierRight right, string what, CancellationToken ct) =>
        AppendAsync(clientId, right, DossierUseKind.Exported, what, ct);

    private async Task AppendAsync(Guid? clientId, DossierRight right, DossierUseKind kind, string what, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(right);
        var use = new DossierUse(clock.UtcNow, actor.UserId, actor.DisplayName ?? actor.UserName ?? "", clientId, kind, right, what,
            AddressOf(http.HttpContext));
        await using var log = contexts.CreateFor(actor);
        log.DossierUses.Add(use);
        await log.SaveChangesAsync(ct);
    }

    /// <summary>The client's address as the app sees it (after a trusted proxy's X-Forwarded-For), IPv4 written as IPv4.</summary>
    private static string? AddressOf(HttpContext? context) =>
        context?.Connection.RemoteIpAddress is not { } address ? null
        : address.IsIPv4MappedToIPv6 ? address.MapToIPv4().ToString() : address.ToString();
}

/// <summary>A client as the dossier pages name it: id, name, owner and department (nothing of its card).</summary>
public sealed record DossierClient(Guid Id, string Name, string OwnerId, int DepartmentId);
