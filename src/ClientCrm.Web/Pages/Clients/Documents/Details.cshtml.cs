using ClientCrm.Domain.Common;
using ClientCrm.Domain.Dossier;
using ClientCrm.Domain.Workflows;
using ClientCrm.Infrastructure.Access;
using ClientCrm.Infrastructure.Dossier;
using ClientCrm.Infrastructure.Persistence;
using ClientCrm.Web.Validation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace ClientCrm.Web.Pages.Clients.Documents;

/// <summary>
/// One dossier document with its files (download, and preview for images and PDFs). Reading needs the right to the dossier
/// (no right: 404) and is written to the use log. The owner, the head and leaders archive it with a reason; a leader purges an
/// archived one after confirming (the audit log keeps the deletion).
/// </summary>
public sealed class DetailsModel(CrmDbContext db, DossierAccess access, ICurrentActor actor, IStringLocalizer<SharedResource> l, BusinessClock clock)
    : PageModel, IRefusalPage
{
    private Guid _clientId;
    private Guid _id;

    public DossierClient Client { get; private set; } = null!;
    public ClientDocument Document { get; private set; } = null!;
    public bool MayArchive { get; private set; }
    public bool MayPurge { get; private set; }
    public DateOnly Today => clock.Today;

    [BindProperty] public string? ArchiveReason { get; set; }
    [BindProperty] public bool PurgeConfirmed { get; set; }
    [BindProperty] public uint Version { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid clientId, Guid id, CancellationToken ct)
    {
        if (await LoadAsync(clientId, id, ct) is not { } right)
        {
            return NotFound();
        }

        await access.RecordUseAsync(clientId, right, DossierUseKind.DocumentViewed, DocumentPages.Describe(Document, null), ct);
        return Page();
    }

    public Task<IActionResult> OnPostArchiveAsync(Guid clientId, Guid id, CancellationToken ct) => ChangeAsync(clientId, id, (document, who) =>
    {
        db.Entry(document).Property(d => d.Version).OriginalValue = Version;
        document.Archive(who, ArchiveReason, clock.UtcNow);
        return "Documents.ArchivedDone";
    }, ct);

    public Task<IActionResult> OnPostPurgeAsync(Guid clientId, Guid id, CancellationToken ct) => ChangeAsync(clientId, id, (document, who) =>
    {
        document.EnsurePurgeable(who);
        if (!PurgeConfirmed)
        {
            throw new DomainException("Documents.PurgeNotConfirmed", "Confirm that the document and its files are to be deleted for good.", nameof(PurgeConfirmed));
        }

        // The files and their chunks go with it (cascade); the audit log records the document's deletion.
        db.ClientDocuments.Remove(document);
        return "Documents.PurgedDone";
    }, ct);

    public async Task<IActionResult> RedisplayAsync(Exception refused, CancellationToken ct) =>
        await LoadAsync(_clientId, _id, ct) is not null ? Page() : NotFound();

    private async Task<IActionResult> ChangeAsync(Guid clientId, Guid id, Func<ClientDocument, WorkflowActor, string> change, CancellationToken ct)
    {
        (_clientId, _id) = (clientId, id);
        // Changes go through the normal scope: a reader by request finds nothing here.
        var document = await db.ClientDocuments.Include(d => d.Files).FirstOrDefaultAsync(d => d.Id == id && d.ClientId == clientId, ct);
        if (document is null || await DocumentPages.ChangerAsync(db, actor, User, clientId, ct) is not { } who)
        {
            return NotFound();
        }

        var done = change(document, who);
        await db.SaveChangesAsync(ct);
        TempData["Flash"] = l[done].Value;
        return done == "Documents.PurgedDone"
            ? RedirectToPage("/Clients/Documents/Index", new { clientId })
            : RedirectToPage(new { clientId, id });
    }

    /// <summary>The document and its client under the reader's right, which it returns; null when there is no right or no such document.</summary>
    private async Task<DossierRight?> LoadAsync(Guid clientId, Guid id, CancellationToken ct)
    {
        if (await access.ReadNameAsync(clientId, ct) is not { } read)
        {
            return null;
        }

        var (client, right) = read;
        var document = await DocumentPages.Of(db, clientId).Include(d => d.Files).FirstOrDefaultAsync(d => d.Id == id, ct);
        if (document is null)
        {
            return null;
        }

        (Document, Client) = (document, client);
        var who = await DocumentPages.ChangerAsync(db, actor, User, client, right, ct);
        MayArchive = who is not null && !document.IsArchived;
        MayPurge = who?.Is.HasFlag(Parties.Leader) == true && document.IsArchived;
        Version = document.Version;
        ModelState.Remove(nameof(Version));
        return right;
    }
}
