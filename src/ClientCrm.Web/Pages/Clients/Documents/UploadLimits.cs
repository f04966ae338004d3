using System.Text.RegularExpressions;
using ClientCrm.Domain.Dossier;
using ClientCrm.Infrastructure.Access;
using ClientCrm.Infrastructure.Persistence;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.EntityFrameworkCore;

namespace ClientCrm.Web.Pages.Clients.Documents;

/// <summary>
/// The request limits of the document upload, from the leaders' size setting: the whole request may carry
/// <see cref="ClientDocument.MaxFiles"/> files of the largest size plus a margin, and any one part as much, so a file over the
/// limit is still read (ASP.NET buffers it to disk above 64 KB) and refused by the page with a message next to the file field
/// rather than cut off with a bare 413. Set before <see cref="Validation.InputCleaning"/> reads the form, which is before
/// routing: hence a middleware that knows the upload's path, not a filter on the page.
/// </summary>
internal sealed partial class UploadLimits(RequestDelegate next)
{
    /// <summary>Room for the form's other fields and the multipart framing.</summary>
    public const long Margin = 1024 * 1024;

    public async Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if (HttpMethods.IsPost(request.Method) && request.HasFormContentType && UploadPath().IsMatch(request.Path.Value ?? ""))
        {
            // A context of the company's own, not the request's: this runs before sign-in is known, and the request's scoped
            // context would bind to the anonymous caller for the rest of the request.
            await using var db = context.RequestServices.GetRequiredService<CrmDbContextFactory>().CreateFor(SystemActor.Instance);
            var settings = await db.WorkflowSettings.AsNoTracking().SingleAsync(context.RequestAborted);
            var limit = For(settings.DocumentMaxFileBytes());
            if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } body)
            {
                body.MaxRequestBodySize = limit;
            }

            context.Features.Set<IFormFeature>(new FormFeature(request, new FormOptions { MultipartBodyLengthLimit = limit }));
        }

        await next(context);
    }

    /// <summary>The request limit for files of at most <paramref name="maxFileBytes"/>.</summary>
    public static long For(long maxFileBytes) => maxFileBytes * ClientDocument.MaxFiles + Margin;

    [GeneratedRegex("^/Clients/[0-9a-fA-F-]{36}/Documents/Upload/?$", RegexOptions.CultureInvariant)]
    private static partial Regex UploadPath();
}
