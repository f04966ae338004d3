using ClientCrm.Domain.Dossier;
using ClientCrm.Infrastructure.Dossier;
using ClientCrm.Infrastructure.Persistence;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Net.Http.Headers;

namespace ClientCrm.Web.Pages.Clients.Documents;

/// <summary>
/// A file of a dossier document, streamed chunk by chunk from its encrypted storage: downloaded as an attachment, or previewed
/// inline when it is an image or a PDF. Sent with the type its bytes showed at upload and <c>nosniff</c>, so the browser never
/// guesses another; a preview also gets a content security policy of its own that runs nothing. Each needs the right to the
/// dossier (no right: 404) and is written to the use log.
/// </summary>
public sealed class FileModel(CrmDbContext db, DossierAccess access, DocumentStore store) : PageModel
{
    public Task<IActionResult> OnGetDownloadAsync(Guid clientId, Guid id, Guid fileId, CancellationToken ct) =>
        SendAsync(clientId, id, fileId, inline: false, ct);

    public Task<IActionResult> OnGetPreviewAsync(Guid clientId, Guid id, Guid fileId, CancellationToken ct) =>
        SendAsync(clientId, id, fileId, inline: true, ct);

    private async Task<IActionResult> SendAsync(Guid clientId, Guid id, Guid fileId, bool inline, CancellationToken ct)
    {
        if (await access.RightToReadAsync(clientId, ct) is not { } right)
        {
            return NotFound();
        }

        var file = await db.ClientDocumentFiles.IgnoreQueryFilters().AsNoTracking().Include(f => f.Document)
            .FirstOrDefaultAsync(f => f.Id == fileId && f.DocumentId == id && f.Document!.ClientId == clientId, ct);
        if (file is null || (inline && !file.Previewable))
        {
            return NotFound();
        }

        await access.RecordUseAsync(clientId, right, inline ? DossierUseKind.DocumentViewed : DossierUseKind.DocumentDownloaded,
            DocumentPages.Describe(file.Document!, file), ct);

        var response = Response;
        response.ContentType = file.ContentType;
        response.ContentLength = file.Size;
        var disposition = new ContentDispositionHeaderValue(inline ? "inline" : "attachment");
        disposition.SetHttpFileName(file.FileName);
        response.Headers.ContentDisposition = disposition.ToString();
        response.Headers.XContentTypeOptions = "nosniff";
        response.Headers.CacheControl = "no-store";
        // The file is shown by the browser itself; nothing in it may run or load anything (PDF viewers need object-src).
        response.Headers.ContentSecurityPolicy = inline
            ? "default-src 'none'; img-src 'self'; object-src 'self'; style-src 'unsafe-inline'; frame-ancestors 'self'"
            : "default-src 'none'; sandbox";
        await store.CopyToAsync(file, response.Body, ct);
        return new EmptyResult();
    }
}
