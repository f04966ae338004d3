using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using ClientCrm.Domain.Clients;
using ClientCrm.Domain.Common;
using ClientCrm.Domain.Dossier;
using ClientCrm.Domain.Workflows;
using ClientCrm.IntegrationTests.Infrastructure;

namespace ClientCrm.IntegrationTests.Dossier;

/// <summary>Dossier documents for tests: straight into the database (rows only) or uploaded through the real form.</summary>
internal static class DossierArrange
{
    /// <summary>
    /// A business license and a credit certificate valid for <paramref name="validDays"/> more days, as rows only (their file
    /// has no stored chunks): what the business gate reads. Add them to the context that adds or holds the client.
    /// </summary>
    public static ClientDocument[] RegistrationDocuments(Client client, BusinessClock clock, int validDays = 365)
    {
        var owner = new WorkflowActor(client.OwnerId, "owner", Parties.Owner);
        var today = clock.Today;
        return [.. new[] { DocumentType.BusinessLicense, DocumentType.CreditCertificate }.Select(type => ClientDocument.Upload(client, owner, type,
            CollectionMethod.FromClient, today.AddDays(-30), today.AddDays(validDays), null,
            [new UploadedFileFacts($"{type}.pdf", 100, FileContentKind.Pdf, new byte[32])], long.MaxValue, today, clock.UtcNow))];
    }

    /// <summary>A small valid PDF whose text holds <paramref name="marker"/>, padded to <paramref name="size"/> bytes (inside a PDF comment).</summary>
    public static byte[] Pdf(string marker, int size = 2000)
    {
        var head = Encoding.ASCII.GetBytes($"%PDF-1.4\n% {marker}\n1 0 obj << /Type /Catalog >> endobj\n");
        var tail = Encoding.ASCII.GetBytes("\n%%EOF\n");
        var pad = Math.Max(0, size - head.Length - tail.Length);
        var body = new byte[pad];
        // Padding that is still the marker repeated, so every chunk of a large file holds plaintext to look for.
        var repeated = Encoding.ASCII.GetBytes($"%{marker}\n");
        for (var i = 0; i < pad; i++)
        {
            body[i] = repeated[i % repeated.Length];
        }

        return [.. head, .. body, .. tail];
    }

    /// <summary>The form's fields for a valid business license, received today and valid a year.</summary>
    public static Dictionary<string, string> License(DateOnly today, DocumentType type = DocumentType.BusinessLicense, int validDays = 365) => new()
    {
        ["Input.Type"] = type.ToString(),
        ["Input.CollectionMethod"] = nameof(CollectionMethod.FromClient),
        ["Input.ReceivedOn"] = today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        ["Input.ValidUntil"] = today.AddDays(validDays).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        ["Input.Notes"] = "测试备注 test notes",
    };

    /// <summary>Posts the upload form as a browser does (multipart, with the page's antiforgery token), with these fields and files.</summary>
    public static async Task<HttpResponseMessage> UploadAsync(CrmClient user, Guid clientId, IReadOnlyDictionary<string, string> fields,
        params (string Name, byte[] Bytes, string BrowserType)[] files)
    {
        ArgumentNullException.ThrowIfNull(user);
        var url = $"/Clients/{clientId}/Documents/Upload";
        var page = await user.GetPageAsync(url);
        var token = page.QuerySelector("#document-form input[name='__RequestVerificationToken']")!.GetAttribute("value")!;
        using var content = new MultipartFormDataContent();
        content.Add(new StringContent(token), "__RequestVerificationToken");
        foreach (var (name, value) in fields)
        {
            content.Add(new StringContent(value), name);
        }

        foreach (var (name, bytes, type) in files)
        {
            var file = new ByteArrayContent(bytes);
            file.Headers.ContentType = MediaTypeHeaderValue.Parse(type);
            content.Add(file, "Files", name);
        }

        return await user.Http.PostAsync(new Uri(url, UriKind.Relative), content);
    }

    public static string Sha(byte[] bytes) => Convert.ToHexString(SHA256.HashData(bytes));
}
