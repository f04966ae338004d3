using ClientCrm.Domain.Common;
using ClientCrm.Domain.Dossier;
using ClientCrm.Infrastructure.Access;
using ClientCrm.Infrastructure.Dossier;
using ClientCrm.Infrastructure.Persistence;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace ClientCrm.Web.Pages.Clients.Documents;

/// <summary>
/// A client's dossier documents (客户档案资料), current and archived, with whether the registration is complete. Whoever has the
/// right to read the dossier sees it (no right: 404); the owner, the head and leaders also upload. One client's documents are
/// few (tens over its life), read newest first in one indexed range on (ClientId, UploadedAt), up to <see cref="MaxRows"/>.
/// </summary>
public sealed class IndexModel(CrmDbContext db, DossierAccess access, ICurrentActor actor, BusinessClock clock) : PageModel
{
    public const int MaxRows = 500;

    public DossierClient Client { get; private set; } = null!;
    public IReadOnlyList<DocumentRow> Current { get; private set; } = [];
    public IReadOnlyList<DocumentRow> Archived { get; private set; } = [];
    public IReadOnlyList<DocumentType> Missing { get; private set; } = [];
    public bool MayUpload { get; private set; }
    public bool Capped { get; private set; }
    public DateOnly Today => clock.Today;

    public async Task<IActionResult> OnGetAsync(Guid clientId, CancellationToken ct)
    {
        if (await access.ReadNameAsync(clientId, ct) is not { } read)
        {
            return NotFound();
        }

        var (client, right) = read;

        Client = client;
        var rows = await DocumentPages.Of(db, clientId).OrderByDescending(d => d.UploadedAt).ThenByDescending(d => d.Id).Take(MaxRows + 1)
            .Select(d => new DocumentRow(d.Id, d.Type, d.CollectionMethod, d.ReceivedOn, d.ValidUntil, d.UploadedByName, d.UploadedAt, d.ArchivedAt,
                d.ArchiveReason, d.Files.Count))
            .ToListAsync(ct);
        Capped = rows.Count > MaxRows;
        rows = rows.Take(MaxRows).ToList();
        Current = rows.Where(r => r.ArchivedAt is null).ToList();
        Archived = rows.Where(r => r.ArchivedAt is not null).ToList();
        Missing = DossierCompleteness.Missing(Current.Select(r => r.Standing), clock.Today);
        MayUpload = await DocumentPages.ChangerAsync(db, actor, User, client, right, ct) is not null;
        return Page();
    }
}

public sealed record DocumentRow(Guid Id, DocumentType Type, CollectionMethod CollectionMethod, DateOnly ReceivedOn, DateOnly? ValidUntil,
    string UploadedByName, DateTimeOffset UploadedAt, DateTimeOffset? ArchivedAt, string? ArchiveReason, int FileCount)
{
    public DocumentStanding Standing => new(Type, ValidUntil, ArchivedAt is not null);

    public bool Expired(DateOnly today) => ArchivedAt is null && ValidUntil < today;

    public bool ExpiresSoon(DateOnly today) => DossierCompleteness.ExpiresSoon(Standing, today);
}
