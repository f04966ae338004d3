using ClientCrm.Domain.Dossier;
using ClientCrm.Domain.Workflows;
using ClientCrm.Infrastructure.Access;
using ClientCrm.Infrastructure.Dossier;
using ClientCrm.Infrastructure.Persistence;
using ClientCrm.Web.Pages.Evaluations;
using Microsoft.EntityFrameworkCore;
using System.Security.Claims;

namespace ClientCrm.Web.Pages.Clients.Documents;

/// <summary>
/// The reads the document pages share. Reading a dossier is decided by the dossier right (<c>DossierAccess.ReadNameAsync</c>:
/// owner, department, leader, or a granted request) and not by the client scope alone, so once a page holds the right it reads
/// the client's documents with the scope filter off, always narrowed to that one client. Changing documents (upload, archive,
/// purge) needs the client in the normal scope: a granted request only reads.
/// </summary>
public static class DocumentPages
{
    /// <summary>The client's documents, past the scope filter: call only after the right to read its dossier was found.</summary>
    public static IQueryable<ClientDocument> Of(CrmDbContext db, Guid clientId) =>
        db.ClientDocuments.IgnoreQueryFilters().AsNoTracking().Where(d => d.ClientId == clientId);

    /// <summary>
    /// The person as a party to the client's documents when the client is in their normal scope (owner, head, leader); null when
    /// it is not (a reader by request, or nobody), so they change nothing.
    /// </summary>
    public static async Task<WorkflowActor?> ChangerAsync(CrmDbContext db, ICurrentActor actor, ClaimsPrincipal user, Guid clientId, CancellationToken ct)
    {
        var client = await db.Clients.AsNoTracking().Where(c => c.Id == clientId).Select(c => new { c.OwnerId, c.DepartmentId }).FirstOrDefaultAsync(ct);
        if (client is null)
        {
            return null;
        }

        return await ChangerAsync(db, actor, user, client.OwnerId, client.DepartmentId, ct);
    }

    /// <summary>
    /// The same for a client the page read with the right to its dossier (<c>DossierAccess.ReadNameAsync</c>): a right by
    /// standing is the scope filter's own rule, so the client is in the normal scope and its owner and department are the
    /// ones just read; a reader by request changes nothing.
    /// </summary>
    public static Task<WorkflowActor?> ChangerAsync(CrmDbContext db, ICurrentActor actor, ClaimsPrincipal user, DossierClient client, DossierRight right,
        CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(right);
        return right.IsByRequest ? Task.FromResult<WorkflowActor?>(null) : ChangerAsync(db, actor, user, client.OwnerId, client.DepartmentId, ct);
    }

    private static async Task<WorkflowActor?> ChangerAsync(CrmDbContext db, ICurrentActor actor, ClaimsPrincipal user, string ownerId, int departmentId,
        CancellationToken ct)
    {
        var who = await WorkflowPeople.ActorAsync(db, actor, user, ownerId, departmentId, ct);
        return (who.Is & ClientDocument.ChangedBy) != 0 ? who : null;
    }

    /// <summary>What the use log says was read: the document's type and the file, never its notes.</summary>
    public static string Describe(ClientDocument document, ClientDocumentFile? file) =>
        file is null ? $"{document.Type} {document.Id}" : $"{document.Type} {document.Id}: {file.FileName}";
}
