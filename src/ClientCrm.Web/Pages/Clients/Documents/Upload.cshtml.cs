using ClientCrm.Domain.Common;
using ClientCrm.Domain.Dossier;
using ClientCrm.Infrastructure.Access;
using ClientCrm.Infrastructure.Dossier;
using ClientCrm.Infrastructure.Persistence;
using ClientCrm.Web.Validation;
using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace ClientCrm.Web.Pages.Clients.Documents;

/// <summary>
/// Uploads a dossier document (客户档案资料): its type, how it was collected, received and valid-until days, notes, and one or
/// more files. Every file is checked by its content (magic bytes), its size and emptiness before anything is stored; a refused
/// file is named next to the file field and the other fields stay as typed. The files are then streamed into encrypted chunks,
/// all in one transaction. The owner, the head and leaders upload (the normal scope; out of it: 404).
/// </summary>
public sealed class UploadModel(CrmDbContext db, ICurrentActor actor, DocumentStore store, IValidator<DocumentInput> validator,
    IStringLocalizer<SharedResource> l, BusinessClock clock) : PageModel, IRefusalPage
{
    [BindProperty] public DocumentInput Input { get; set; } = new();

    /// <summary>The files; the refusals of files are said next to this field.</summary>
    [BindProperty] public List<IFormFile> Files { get; set; } = [];

    public Guid ClientId { get; private set; }
    public string ClientName { get; private set; } = "";
    public int MaxFileMegabytes { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid clientId, DocumentType? type, CancellationToken ct)
    {
        if (!await LoadAsync(clientId, ct))
        {
            return NotFound();
        }

        Input.Type = type is { } t && Enum.IsDefined(t) ? t : null;
        Input.ReceivedOn = clock.Today;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid clientId, CancellationToken ct)
    {
        var client = await db.Clients.FirstOrDefaultAsync(c => c.Id == clientId, ct);
        if (client is null || !await LoadAsync(clientId, ct))
        {
            return NotFound();
        }

        (await validator.ValidateAsync(Input, ct)).AddToModelState(ModelState, nameof(Input));
        var maxBytes = MaxFileMegabytes * 1024L * 1024L;
        var files = new List<UploadedFileFacts>();
        foreach (var form in Files)
        {
            await using var content = form.OpenReadStream();
            var facts = await DocumentStore.InspectAsync(form.FileName, content, ct);
            try
            {
                ClientDocument.CheckFiles([facts], maxBytes);
                files.Add(facts);
            }
            catch (DomainException refused)
            {
                ModelState.AddModelError(nameof(Files), l[refused.Code, ClientDocumentFile.CleanName(form.FileName), MaxFileMegabytes]);
            }
        }

        if (Files.Count == 0)
        {
            ModelState.AddModelError(nameof(Files), l["Documents.FileRequired"]);
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var who = await Evaluations.WorkflowPeople.ActorAsync(db, actor, User, client.OwnerId, client.DepartmentId, ct);
        var document = ClientDocument.Upload(client, who, Input.Type, Input.CollectionMethod, Input.ReceivedOn, Input.ValidUntil, Input.Notes, files,
            maxBytes, clock.Today, clock.UtcNow);
        // The document, its files and every chunk or nothing.
        await using (var transaction = await db.Database.BeginTransactionAsync(ct))
        {
            db.ClientDocuments.Add(document);
            await db.SaveChangesAsync(ct);
            foreach (var (file, form) in document.Files.Zip(Files))
            {
                await using var content = form.OpenReadStream();
                await store.WriteAsync(file, content, ct);
            }

            await transaction.CommitAsync(ct);
        }

        TempData["Flash"] = l["Documents.Uploaded"].Value;
        return RedirectToPage("/Clients/Documents/Details", new { clientId, id = document.Id });
    }

    private async Task<bool> LoadAsync(Guid clientId, CancellationToken ct)
    {
        if (await DocumentPages.ChangerAsync(db, actor, User, clientId, ct) is null)
        {
            return false;
        }

        ClientName = await db.Clients.Where(c => c.Id == clientId).Select(c => c.Name).SingleAsync(ct);
        ClientId = clientId;
        MaxFileMegabytes = await db.WorkflowSettings.AsNoTracking().Select(s => s.DocumentMaxFileMegabytes).SingleAsync(ct);
        return true;
    }
}
