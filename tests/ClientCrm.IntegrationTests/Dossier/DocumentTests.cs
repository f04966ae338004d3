using System.Net;
using System.Text;
using ClientCrm.Domain.Auditing;
using ClientCrm.Domain.Clients;
using ClientCrm.Domain.Dossier;
using ClientCrm.IntegrationTests.Infrastructure;
using ClientCrm.IntegrationTests.Projects;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace ClientCrm.IntegrationTests.Dossier;

/// <summary>
/// Issue 13, dossier documents (SPEC §6) on the pages: uploaded, stored as encrypted chunks, downloaded and previewed with the
/// right headers, refused when empty, oversized or disguised, 404 outside the dossier right, every view and download in the use
/// log, archived (still listed), purged only by a leader; and the business gate reading them.
/// </summary>
public sealed class DocumentTests(PostgresFixture postgres) : AppTest(postgres)
{
    private const string Marker = "PLAINTEXT-MARKER-7f3a";

    private Task<Guid> ClientOfAsync(string userName) => App.WithDbAsync(db => db.Clients
        .Where(c => c.Status == ClientStatus.Active && c.OwnerId == db.Users.First(u => u.UserName == userName).Id)
        .OrderBy(c => c.Name).Select(c => c.Id).FirstAsync());

    /// <summary>Uploads a business license of two files (a PDF over two chunks and a PNG) and returns the document's page.</summary>
    private async Task<(Guid Id, string Url, byte[] Pdf, byte[] Png)> UploadLicenseAsync(CrmClient staff, Guid clientId)
    {
        var pdf = DossierArrange.Pdf(Marker, ClientDocumentFile.ChunkSize * 2 + 12345);
        var png = Development.Seeding.DemoDocuments.Png(7);
        using var uploaded = await DossierArrange.UploadAsync(staff, clientId, DossierArrange.License(App.Clock.Today),
            ("营业执照 第1页.pdf", pdf, "application/pdf"), ("page2.png", png, "image/png"));
        Assert.True(uploaded.StatusCode == HttpStatusCode.Redirect, CrmClient.Shorten(await uploaded.Content.ReadAsStringAsync()));
        var url = uploaded.Headers.Location!.OriginalString;
        return (Guid.Parse(url[(url.LastIndexOf('/') + 1)..]), url, pdf, png);
    }

    [Fact]
    public async Task An_upload_is_stored_as_encrypted_chunks_and_downloads_byte_for_byte_with_safe_headers_and_every_read_in_the_use_log()
    {
        var clientId = await ClientOfAsync("staff1a");
        var staff = await SignedInAsync("staff1a");
        var (id, url, pdf, png) = await UploadLicenseAsync(staff, clientId);
        Assert.Equal($"/Clients/{clientId}/Documents/{id}", url);

        var page = await staff.GetPageAsync(url);
        var rows = page.QuerySelectorAll("#document-files tbody tr");
        Assert.Equal(["营业执照 第1页.pdf", "page2.png"], rows.Select(r => r.QuerySelector(".file-name")!.TextContent));
        Assert.Contains("测试备注", page.QuerySelector("#document-notes")!.TextContent, StringComparison.Ordinal);

        // Download: the same bytes, as an attachment of the type the content showed, never sniffed.
        var download = rows[0].QuerySelector("a.file-download")!.GetAttribute("href")!;
        using (var response = await staff.GetAsync(download))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(pdf, await response.Content.ReadAsByteArrayAsync());
            Assert.Equal("application/pdf", response.Content.Headers.ContentType!.MediaType);
            Assert.Equal("attachment", response.Content.Headers.ContentDisposition!.DispositionType);
            Assert.Equal("营业执照 第1页.pdf", response.Content.Headers.ContentDisposition.FileNameStar);
            Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        }

        // Preview: images and PDFs inline; an image is the same bytes too.
        var preview = rows[1].QuerySelector("a.file-preview")!.GetAttribute("href")!;
        using (var response = await staff.GetAsync(preview))
        {
            Assert.Equal(png, await response.Content.ReadAsByteArrayAsync());
            Assert.Equal("image/png", response.Content.Headers.ContentType!.MediaType);
            Assert.Equal("inline", response.Content.Headers.ContentDisposition!.DispositionType);
            Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        }

        // The raw rows: three chunks for the PDF, one for the PNG, sealed under the active key; no plaintext anywhere.
        await using (var connection = new NpgsqlConnection(App.ConnectionString))
        {
            await connection.OpenAsync();
            await using var chunks = new NpgsqlCommand("""
                SELECT c."Index", c."Ciphertext" FROM "ClientDocumentChunks" c JOIN "ClientDocumentFiles" f ON f."Id" = c."FileId"
                WHERE f."DocumentId" = @id ORDER BY f."FileName", c."Index"
                """, connection);
            chunks.Parameters.AddWithValue("id", id);
            var sealedChunks = new List<byte[]>();
            await using (var reader = await chunks.ExecuteReaderAsync())
            {
                while (await reader.ReadAsync())
                {
                    sealedChunks.Add((byte[])reader[1]);
                }
            }

            Assert.Equal(4, sealedChunks.Count);
            var marker = Encoding.ASCII.GetBytes(Marker);
            Assert.All(sealedChunks, c => Assert.True(c.AsSpan().IndexOf(marker) < 0 && c.AsSpan().IndexOf("%PDF-"u8) < 0, "plaintext in a chunk"));
            await using var notes = new NpgsqlCommand("""SELECT "Notes" FROM "ClientDocuments" WHERE "Id" = @id""", connection);
            notes.Parameters.AddWithValue("id", id);
            var storedNotes = (byte[])(await notes.ExecuteScalarAsync())!;
            Assert.True(storedNotes.AsSpan().IndexOf("test notes"u8) < 0, "the notes are stored in plaintext");
        }

        // Every view and download is in the use log with the right it was made under.
        var uses = await App.WithDbAsync(db => db.DossierUses.Where(u => u.ClientId == clientId).OrderBy(u => u.Id)
            .Select(u => new { u.Kind, u.Basis, u.What }).ToListAsync());
        Assert.Equal([DossierUseKind.DocumentViewed, DossierUseKind.DocumentDownloaded, DossierUseKind.DocumentViewed], uses.Select(u => u.Kind));
        Assert.All(uses, u => Assert.Equal(DossierRightBasis.Owner, u.Basis));
        Assert.Contains("营业执照 第1页.pdf", uses[1].What, StringComparison.Ordinal);
        Assert.DoesNotContain("test notes", string.Concat(uses.Select(u => u.What)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Empty_oversized_and_disguised_files_are_refused_next_to_the_file_field_keeping_the_form_and_storing_nothing()
    {
        var clientId = await ClientOfAsync("staff1a");
        var staff = await SignedInAsync("staff1a");
        // The leaders' limit, lowered to 1 MB for the test.
        await App.WithDbAsync(async db =>
        {
            (await db.WorkflowSettings.SingleAsync()).ChangeDocuments(1, App.Clock.UtcNow);
            await db.SaveChangesAsync();
        });
        var before = await App.WithDbAsync(db => Task.FromResult((db.ClientDocuments.Count(), db.ClientDocumentChunks.Count())));
        var exe = new byte[4096];
        "MZ"u8.CopyTo(exe);

        using var refused = await DossierArrange.UploadAsync(staff, clientId, DossierArrange.License(App.Clock.Today),
            ("empty.pdf", [], "application/pdf"),
            ("big.pdf", DossierArrange.Pdf(Marker, 1024 * 1024 + 1), "application/pdf"),
            ("invoice.pdf", exe, "application/pdf"),
            ("fine.pdf", DossierArrange.Pdf(Marker), "application/pdf"));

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var page = await CrmClient.ParseAsync(refused);
        var errors = page.QuerySelectorAll("#files-errors .file-error").Select(e => e.TextContent).ToList();
        Assert.Equal(3, errors.Count);
        Assert.Contains("empty.pdf", errors[0], StringComparison.Ordinal);
        Assert.Contains("空", errors[0], StringComparison.Ordinal);
        Assert.Contains("big.pdf", errors[1], StringComparison.Ordinal);
        Assert.Contains("1 MB", errors[1], StringComparison.Ordinal);
        Assert.Contains("invoice.pdf", errors[2], StringComparison.Ordinal);
        Assert.Contains("按文件内容判断", errors[2], StringComparison.Ordinal);
        Assert.Equal("测试备注 test notes", page.QuerySelector("textarea[name='Input.Notes']")!.TextContent.Trim());
        Assert.Equal("BusinessLicense", page.QuerySelector("select[name='Input.Type'] option[selected]")!.GetAttribute("value"));
        Assert.Equal(before, await App.WithDbAsync(db => Task.FromResult((db.ClientDocuments.Count(), db.ClientDocumentChunks.Count()))));

        // In English too.
        using (await staff.PostDirectAsync("/Culture", new Dictionary<string, string?> { ["culture"] = "en-US", ["returnUrl"] = "/" }))
        {
        }

        using var english = await DossierArrange.UploadAsync(staff, clientId, DossierArrange.License(App.Clock.Today), ("setup.pdf", exe, "application/pdf"));
        Assert.Contains("not a PDF, JPEG, PNG or Office document",
            (await CrmClient.ParseAsync(english)).QuerySelector("#files-errors")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Staff_and_heads_of_another_department_get_404_for_the_list_the_document_its_files_and_the_upload()
    {
        var clientId = await ClientOfAsync("staff1a");
        var (id, url, _, _) = await UploadLicenseAsync(await SignedInAsync("staff1a"), clientId);
        var fileId = await App.WithDbAsync(db => db.ClientDocumentFiles.Where(f => f.DocumentId == id).Select(f => f.Id).FirstAsync());
        var usesBefore = await App.WithDbAsync(db => db.DossierUses.CountAsync(u => u.ClientId == clientId));
        foreach (var outsider in new[] { "staff2a", "head2", "staff1b" })
        {
            var user = await SignedInAsync(outsider);
            foreach (var path in new[]
                     {
                         $"/Clients/{clientId}/Documents", url, $"{url}/Files/{fileId}/Download", $"{url}/Files/{fileId}/Preview",
                         $"/Clients/{clientId}/Documents/Upload",
                     })
            {
                using var response = await user.GetAsync(path);
                Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{outsider} {path}: {(int)response.StatusCode}");
            }

            using var archive = await user.PostDirectAsync($"{url}?handler=Archive", new Dictionary<string, string?> { ["ArchiveReason"] = "x" });
            Assert.Equal(HttpStatusCode.NotFound, archive.StatusCode);
        }

        // The head of the department and a leader read it.
        Assert.NotNull((await (await SignedInAsync("head1")).GetPageAsync(url)).QuerySelector("#document-files"));
        Assert.NotNull((await (await SignedInAsync("leader")).GetPageAsync($"/Clients/{clientId}/Documents")).QuerySelector("#documents-current"));
        Assert.Equal(usesBefore + 1, await App.WithDbAsync(db => db.DossierUses.CountAsync(u => u.ClientId == clientId)));
    }

    [Fact]
    public async Task An_archived_document_stays_listed_as_archived_and_only_a_leader_purges_it_after_confirming()
    {
        var clientId = await ClientOfAsync("staff1a");
        var staff = await SignedInAsync("staff1a");
        var (id, url, _, _) = await UploadLicenseAsync(staff, clientId);

        using (var noReason = await staff.SubmitAsync(url, "#archive-form"))
        {
            Assert.Contains("归档原因", HtmlAssert.FieldError(await CrmClient.ParseAsync(noReason), "ArchiveReason"), StringComparison.Ordinal);
        }

        using (var archived = await staff.SubmitAsync(url, "#archive-form", new Dictionary<string, string?> { ["ArchiveReason"] = "已换发新执照" }))
        {
            Assert.Equal(HttpStatusCode.Redirect, archived.StatusCode);
        }

        var list = await staff.GetPageAsync($"/Clients/{clientId}/Documents");
        Assert.NotNull(list.QuerySelector($"#documents-archived tr[data-id='{id}']"));
        Assert.Null(list.QuerySelector($"#documents-current tr[data-id='{id}']"));
        Assert.Contains("已换发新执照", list.QuerySelector($"#documents-archived tr[data-id='{id}']")!.TextContent, StringComparison.Ordinal);

        // The owner is offered no purge, and a purge posted anyway is refused; the document stays.
        var staffPage = await staff.GetPageAsync(url);
        Assert.Null(staffPage.QuerySelector("#purge-form"));
        using (var byOwner = await staff.PostDirectAsync($"{url}?handler=Purge", new Dictionary<string, string?> { ["PurgeConfirmed"] = "true" }))
        {
            Assert.Contains("只有公司领导", await byOwner.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        Assert.True(await App.WithDbAsync(db => db.ClientDocuments.AnyAsync(d => d.Id == id)));

        var leader = await SignedInAsync("leader");
        using (var unconfirmed = await leader.SubmitAsync(url, "#purge-form"))
        {
            Assert.Contains("确认", HtmlAssert.FieldError(await CrmClient.ParseAsync(unconfirmed), "PurgeConfirmed"), StringComparison.Ordinal);
        }

        using (var purged = await leader.SubmitAsync(url, "#purge-form", new Dictionary<string, string?> { ["PurgeConfirmed"] = "true" }))
        {
            Assert.Equal(HttpStatusCode.Redirect, purged.StatusCode);
        }

        Assert.False(await App.WithDbAsync(db => db.ClientDocuments.AnyAsync(d => d.Id == id)));
        Assert.False(await App.WithDbAsync(db => db.ClientDocumentFiles.AnyAsync(f => f.DocumentId == id)));
        Assert.True(await App.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.EntityType == nameof(ClientDocument) && a.EntityId == id.ToString()
            && a.Action == AuditAction.Deleted)));
        using var gone = await staff.GetAsync(url);
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
    }

    [Fact]
    public async Task The_business_gate_refuses_a_project_without_a_valid_license_and_credit_certificate_and_allows_it_with_them()
    {
        // An active, approved client with no documents at all.
        var clientId = await ProjectTestData.FreshActiveClientAsync(App, "staff1a");
        await App.WithDbAsync(async db =>
        {
            db.ClientDocuments.RemoveRange(db.ClientDocuments.Where(d => d.ClientId == clientId));
            await db.SaveChangesAsync();
        });
        var staff = await SignedInAsync("staff1a");
        string[] Missing(AngleSharp.Html.Dom.IHtmlDocument page) =>
            [.. page.QuerySelectorAll("#gate-missing li").Select(li => li.GetAttribute("data-condition")!)];

        var refused = await staff.GetPageAsync($"/Clients/{clientId}/Projects/Create");
        Assert.Equal(["BusinessLicense", "CreditCertificate"], Missing(refused));
        Assert.Equal($"/Clients/{clientId}/Documents/Upload?type=CreditCertificate",
            refused.QuerySelector("#gate-missing li[data-condition='CreditCertificate'] a")!.GetAttribute("href"));
        var panel = await staff.GetPageAsync($"/Clients/{clientId}");
        Assert.NotNull(panel.QuerySelector("#client-dossier-incomplete"));

        // A license that expired yesterday does not count.
        using (var expired = await DossierArrange.UploadAsync(staff, clientId, new Dictionary<string, string>(DossierArrange.License(App.Clock.Today))
               {
                   ["Input.ReceivedOn"] = App.Clock.Today.AddDays(-400).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                   ["Input.ValidUntil"] = App.Clock.Today.AddDays(-1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
               }, ("old.pdf", DossierArrange.Pdf("old"), "application/pdf")))
        {
            Assert.Equal(HttpStatusCode.Redirect, expired.StatusCode);
        }

        Assert.Equal(["BusinessLicense", "CreditCertificate"], Missing(await staff.GetPageAsync($"/Clients/{clientId}/Projects/Create")));

        foreach (var type in new[] { DocumentType.BusinessLicense, DocumentType.CreditCertificate })
        {
            using var uploaded = await DossierArrange.UploadAsync(staff, clientId, DossierArrange.License(App.Clock.Today, type),
                ("scan.pdf", DossierArrange.Pdf(type.ToString()), "application/pdf"));
            Assert.Equal(HttpStatusCode.Redirect, uploaded.StatusCode);
        }

        var open = await staff.GetPageAsync($"/Clients/{clientId}/Projects/Create");
        Assert.Null(open.QuerySelector("#gate-missing"));
        Assert.NotNull(open.QuerySelector("#project-form"));
        Assert.NotNull((await staff.GetPageAsync($"/Clients/{clientId}")).QuerySelector("#client-dossier-complete"));
    }
}
