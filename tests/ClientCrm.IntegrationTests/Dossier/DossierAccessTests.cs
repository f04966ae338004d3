using System.Net;
using ClientCrm.Domain.Dossier;
using ClientCrm.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ClientCrm.IntegrationTests.Dossier;

/// <summary>
/// Issue 13, access (§1, §6) over HTTP: a colleague of another department finds a client through the existence check,
/// requests access, reads the card while the approved period runs (read-only, without the principals' private fields), and
/// gets 404 again once it ends (pinned clock) or is revoked; every card view is in the use log with its right and address.
/// </summary>
public sealed class DossierAccessTests(PostgresFixture postgres) : AppTest(postgres)
{
    private const string Address = "203.0.113.9";
    private readonly AdjustableClock _clock = new(DateTimeOffset.UtcNow);

    protected override void ConfigureApp(IWebHostBuilder builder) => builder.ConfigureTestServices(services =>
    {
        services.AddSingleton<TimeProvider>(_clock);
        // The test server has no connection: every request comes from one known address, which the use log must keep.
        services.AddSingleton<IStartupFilter>(new FixedAddress());
    });

    [Fact]
    public async Task A_colleague_reads_the_card_only_while_an_approved_request_runs_and_never_edits_it()
    {
        var (clientId, name, country) = await OwnedByAsync("staff1a");
        var colleague = await SignedInAsync("staff2a");
        Assert.Equal(HttpStatusCode.NotFound, (await colleague.GetAsync($"/Clients/{clientId}")).StatusCode);

        var requestUrl = await RequestThroughTheExistenceCheckAsync(colleague, name, country, days: 3);
        Assert.Equal(HttpStatusCode.NotFound, (await colleague.GetAsync($"/Clients/{clientId}")).StatusCode);

        var leader = await SignedInAsync("leader");
        var id = Guid.Parse(requestUrl["/AccessRequests/".Length..]);
        await App.DrainOutboxAsync();
        Assert.NotNull((await leader.GetPageAsync("/Todo")).QuerySelector($"#todo-table tr[data-id='{id}']"));
        Assert.NotNull((await leader.GetPageAsync("/AccessRequests")).QuerySelector($"#access-request-table tr[data-request-id='{id}']"));
        using (var approved = await leader.SubmitAsync(requestUrl, "#approve-form", new Dictionary<string, string?> { ["Input.DaysGranted"] = "3" }))
        {
            Assert.Equal(HttpStatusCode.Redirect, approved.StatusCode);
        }

        var number = await App.WithDbAsync(db => db.AccessRequests.Where(r => r.Id == id).Select(r => r.Number).SingleAsync());
        var card = await colleague.GetPageAsync($"/Clients/{clientId}");
        Assert.Equal(number.ToString(System.Globalization.CultureInfo.InvariantCulture), card.QuerySelector("#read-by-request")!.GetAttribute("data-request-number"));
        Assert.Null(card.QuerySelector("#edit-client"));
        Assert.Null(card.QuerySelector("#status-form"));
        Assert.NotEmpty(card.QuerySelectorAll("#principals li"));
        Assert.Empty(card.QuerySelectorAll("#principals .principal-private, #principals .principal-birthday"));

        // Editing stays with the scope: every form handler and edit page answers 404 to a reader by request.
        var today = App.Clock.Today.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        foreach (var handler in new[] { "Contact", "Status", "Reviewed", "Grade" })
        {
            using var post = await colleague.PostDirectAsync($"/Clients/{clientId}?handler={handler}",
                new Dictionary<string, string?> { ["ContactOn"] = today, ["to"] = "Paused", ["reason"] = "x", ["GradeTo"] = "C", ["GradeReason"] = "x" });
            Assert.True(post.StatusCode == HttpStatusCode.NotFound, $"{handler}: {post.StatusCode}");
        }

        Assert.Equal(HttpStatusCode.NotFound, (await colleague.GetAsync($"/Clients/{clientId}/Edit")).StatusCode);
        var principalId = await App.WithDbAsync(db => db.Principals.Where(p => EF.Property<Guid>(p, "ClientId") == clientId).Select(p => p.Id).FirstAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await colleague.GetAsync($"/Clients/{clientId}/Principals/{principalId}/Edit")).StatusCode);

        var uses = await UsesAsync(clientId);
        Assert.Contains(uses, u => u.UserName.Contains("赵磊", StringComparison.Ordinal) && u.Basis == DossierRightBasis.Request && u.RequestNumber == number
                                   && u.Kind == DossierUseKind.CardViewed && u.RemoteAddress == Address);

        // A minute before the end it still reads; a minute after, 404 (signed in afresh: the session's own lifetime is shorter).
        _clock.Advance(TimeSpan.FromDays(3).Subtract(TimeSpan.FromMinutes(1)));
        colleague = await SignedInAsync("staff2a");
        Assert.NotNull((await colleague.GetPageAsync($"/Clients/{clientId}")).QuerySelector("#read-by-request"));
        _clock.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(HttpStatusCode.NotFound, (await colleague.GetAsync($"/Clients/{clientId}")).StatusCode);
        Assert.Null((await colleague.GetPageAsync(requestUrl)).QuerySelector("#access-request-client-link"));
    }

    [Fact]
    public async Task A_colleague_reads_and_downloads_the_dossier_documents_only_while_an_approved_request_runs()
    {
        var (clientId, name, country) = await OwnedByAsync("staff1a");
        var pdf = DossierArrange.Pdf("REQUEST-MARKER", 3000);
        string documentUrl;
        using (var uploaded = await DossierArrange.UploadAsync(await SignedInAsync("staff1a"), clientId, DossierArrange.License(App.Clock.Today),
                   ("license.pdf", pdf, "application/pdf")))
        {
            Assert.Equal(HttpStatusCode.Redirect, uploaded.StatusCode);
            documentUrl = uploaded.Headers.Location!.OriginalString;
        }

        var documentId = Guid.Parse(documentUrl.AsSpan(documentUrl.LastIndexOf('/') + 1));
        var fileId = await App.WithDbAsync(db => db.ClientDocumentFiles.Where(f => f.DocumentId == documentId).Select(f => f.Id).SingleAsync());
        var downloadUrl = $"{documentUrl}/Files/{fileId}/Download";
        var colleague = await SignedInAsync("staff2a");
        foreach (var path in new[] { $"/Clients/{clientId}/Documents", documentUrl, downloadUrl })
        {
            Assert.True((await colleague.GetAsync(path)).StatusCode == HttpStatusCode.NotFound, $"before the request: {path}");
        }

        var requestUrl = await RequestThroughTheExistenceCheckAsync(colleague, name, country, days: 2);
        using (var approved = await (await SignedInAsync("leader")).SubmitAsync(requestUrl, "#approve-form", new Dictionary<string, string?> { ["Input.DaysGranted"] = "2" }))
        {
            Assert.Equal(HttpStatusCode.Redirect, approved.StatusCode);
        }

        Assert.NotNull((await colleague.GetPageAsync($"/Clients/{clientId}/Documents")).QuerySelector("#documents-current"));
        Assert.NotNull((await colleague.GetPageAsync(documentUrl)).QuerySelector("#document-files"));
        using (var download = await colleague.GetAsync(downloadUrl))
        {
            Assert.Equal(HttpStatusCode.OK, download.StatusCode);
            Assert.Equal(pdf, await download.Content.ReadAsByteArrayAsync());
        }

        // Reading only: the upload form and archiving stay with the client's own people.
        Assert.Equal(HttpStatusCode.NotFound, (await colleague.GetAsync($"/Clients/{clientId}/Documents/Upload")).StatusCode);
        using (var archive = await colleague.PostDirectAsync($"{documentUrl}?handler=Archive", new Dictionary<string, string?> { ["ArchiveReason"] = "x" }))
        {
            Assert.Equal(HttpStatusCode.NotFound, archive.StatusCode);
        }

        var requestId = Guid.Parse(requestUrl.AsSpan("/AccessRequests/".Length));
        var number = await App.WithDbAsync(db => db.AccessRequests.Where(r => r.Id == requestId).Select(r => r.Number).SingleAsync());
        var uses = await UsesAsync(clientId);
        Assert.Contains(uses, u => u.Kind == DossierUseKind.DocumentViewed && u.Basis == DossierRightBasis.Request && u.RequestNumber == number);
        Assert.Contains(uses, u => u.Kind == DossierUseKind.DocumentDownloaded && u.Basis == DossierRightBasis.Request && u.RequestNumber == number
                                   && u.RemoteAddress == Address);

        // Once the period is over: 404 again.
        _clock.Advance(TimeSpan.FromDays(2).Add(TimeSpan.FromMinutes(1)));
        colleague = await SignedInAsync("staff2a");
        foreach (var path in new[] { $"/Clients/{clientId}/Documents", documentUrl, downloadUrl })
        {
            Assert.True((await colleague.GetAsync(path)).StatusCode == HttpStatusCode.NotFound, $"after the period: {path}");
        }
    }

    [Fact]
    public async Task A_revoked_grant_ends_at_once_and_the_requester_is_told()
    {
        var (clientId, name, country) = await OwnedByAsync("staff1a");
        var colleague = await SignedInAsync("staff2a");
        var requestUrl = await RequestThroughTheExistenceCheckAsync(colleague, name, country, days: 7);
        var leader = await SignedInAsync("leader");
        using (var approved = await leader.SubmitAsync(requestUrl, "#approve-form"))
        {
            Assert.Equal(HttpStatusCode.Redirect, approved.StatusCode);
        }

        Assert.NotNull((await colleague.GetPageAsync($"/Clients/{clientId}")).QuerySelector("#read-by-request"));
        using (var noReason = await leader.SubmitAsync(requestUrl, "#revoke-form", new Dictionary<string, string?> { ["Input.RevokeReason"] = "" }))
        {
            Assert.Equal(HttpStatusCode.OK, noReason.StatusCode);
            Assert.NotEmpty(HtmlAssert.FieldError(await CrmClient.ParseAsync(noReason), "Input.RevokeReason"));
        }

        using (var revoked = await leader.SubmitAsync(requestUrl, "#revoke-form", new Dictionary<string, string?> { ["Input.RevokeReason"] = "目的已达到 Purpose met" }))
        {
            Assert.Equal(HttpStatusCode.Redirect, revoked.StatusCode);
        }

        Assert.Equal(HttpStatusCode.NotFound, (await colleague.GetAsync($"/Clients/{clientId}")).StatusCode);
        await App.DrainOutboxAsync();
        var id = Guid.Parse(requestUrl["/AccessRequests/".Length..]);
        var told = await App.WithDbAsync(db => db.Notifications.Where(n => n.SubjectId == id && n.RecipientId == db.Users.First(u => u.UserName == "staff2a").Id)
            .Select(n => n.Kind).ToListAsync());
        Assert.Equal([Domain.Notifications.NotificationKind.AccessRequestApproved, Domain.Notifications.NotificationKind.AccessRequestRevoked], told.Order());
    }

    [Fact]
    public async Task Every_card_view_is_registered_under_the_owners_the_heads_or_a_leaders_right_with_the_address()
    {
        var (clientId, _, _) = await OwnedByAsync("staff1a");
        foreach (var user in new[] { "staff1a", "head1", "leader" })
        {
            await (await SignedInAsync(user)).GetPageAsync($"/Clients/{clientId}");
        }

        var uses = await UsesAsync(clientId);
        Assert.Equal([DossierRightBasis.Owner, DossierRightBasis.Department, DossierRightBasis.Leader],
            uses.Where(u => u.Kind == DossierUseKind.CardViewed).OrderBy(u => u.Id).Select(u => u.Basis));
        Assert.All(uses, u => Assert.Equal(Address, u.RemoteAddress));

        // The leaders read the log, per client and per user, and export it; the export is registered too.
        var leader = await SignedInAsync("leader");
        var log = await leader.GetPageAsync($"/DossierUse?clientId={clientId}");
        Assert.Equal(3, log.QuerySelectorAll("#use-table tbody tr[data-kind='CardViewed']").Length);
        // The heading names the client whose log it is.
        var clientName = await App.WithDbAsync(db => db.Clients.Where(c => c.Id == clientId).Select(c => c.Name).SingleAsync());
        Assert.Contains(clientName, log.QuerySelector("h1")!.TextContent, StringComparison.Ordinal);
        var staffId = await App.WithDbAsync(db => db.Users.Where(u => u.UserName == "staff1a").Select(u => u.Id).SingleAsync());
        // Each row links to the client's page and to its user's log.
        var staffRow = log.QuerySelectorAll("#use-table tbody tr").First(tr => tr.GetAttribute("data-user-id") == staffId);
        Assert.Equal($"/Clients/{clientId}", staffRow.QuerySelector("a[href^='/Clients/']")!.GetAttribute("href"));
        Assert.Equal($"/DossierUse?userId={staffId}", staffRow.QuerySelector("a.use-user-link")!.GetAttribute("href"));
        Assert.All((await leader.GetPageAsync($"/DossierUse?userId={staffId}")).QuerySelectorAll("#use-table tbody tr"),
            tr => Assert.Equal(staffId, tr.GetAttribute("data-user-id")));
        using var export = await leader.GetAsync($"/DossierUse?clientId={clientId}&handler=Export");
        Assert.Equal("text/csv", export.Content.Headers.ContentType!.MediaType);
        Assert.Equal(4, (await export.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.Contains(await UsesAsync(clientId), u => u.Kind == DossierUseKind.Exported && u.Basis == DossierRightBasis.Leader);

        var staff = await SignedInAsync("staff1a");
        Assert.NotEqual(HttpStatusCode.OK, (await staff.GetAsync("/DossierUse")).StatusCode);
    }

    [Fact]
    public async Task A_request_is_seen_by_its_requester_and_the_leaders_and_by_nobody_else()
    {
        var (_, name, country) = await OwnedByAsync("staff1a");
        var requester = await SignedInAsync("staff2a");
        var requestUrl = await RequestThroughTheExistenceCheckAsync(requester, name, country, days: 2);
        var id = Guid.Parse(requestUrl["/AccessRequests/".Length..]);

        Assert.NotNull((await requester.GetPageAsync("/AccessRequests")).QuerySelector($"tr[data-request-id='{id}']"));
        Assert.NotNull((await (await SignedInAsync("leader")).GetPageAsync("/AccessRequests?tab=all")).QuerySelector($"tr[data-request-id='{id}']"));
        foreach (var other in new[] { "staff1a", "head2", "head1" })
        {
            var user = await SignedInAsync(other);
            Assert.Equal(HttpStatusCode.NotFound, (await user.GetAsync(requestUrl)).StatusCode);
            // Asking for a leader's tab still lists only one's own.
            Assert.Null((await user.GetPageAsync("/AccessRequests?tab=all")).QuerySelector($"tr[data-request-id='{id}']"));
            using var approve = await user.PostDirectAsync($"{requestUrl}?handler=Approve", new Dictionary<string, string?> { ["Input.DaysGranted"] = "1" });
            Assert.Equal(HttpStatusCode.NotFound, approve.StatusCode);
        }

        // The requester sees their request, not the client: the name they gave, no link to the card.
        var details = await requester.GetPageAsync(requestUrl);
        Assert.Null(details.QuerySelector("#approve-form"));
        Assert.Null(details.QuerySelector("#access-request-client-link"));
    }

    [Theory]
    [InlineData("staff1a")]
    [InlineData("head1")]
    [InlineData("leader")]
    public async Task The_clients_list_shows_phones_and_e_mails_masked_for_every_role(string user)
    {
        var contacts = await App.WithDbAsync(db => db.Clients.Where(c => c.Phone != null && c.Email != null).Select(c => new { c.Phone, c.Email }).ToListAsync());
        var page = await (await SignedInAsync(user)).GetPageAsync("/Clients");
        var phones = page.QuerySelectorAll("#client-table .masked-phone, table .masked-phone").Select(e => e.TextContent.Trim()).Where(t => t.Length > 0).ToList();
        var emails = page.QuerySelectorAll("table .masked-email").Select(e => e.TextContent.Trim()).Where(t => t.Length > 0).ToList();

        Assert.NotEmpty(phones);
        Assert.All(phones, p => Assert.Contains("****", p, StringComparison.Ordinal));
        Assert.All(emails, e => Assert.Contains("***@", e, StringComparison.Ordinal));
        var html = page.DocumentElement.OuterHtml;
        Assert.All(contacts, c =>
        {
            Assert.DoesNotContain(c.Phone!, html, StringComparison.Ordinal);
            Assert.DoesNotContain(c.Email!, html, StringComparison.Ordinal);
        });
    }

    /// <summary>A client of <paramref name="owner"/> with principals, a phone and an e-mail.</summary>
    private Task<(Guid Id, string Name, string Country)> OwnedByAsync(string owner) => App.WithDbAsync(async db =>
    {
        var client = await db.Clients.Where(c => c.OwnerId == db.Users.First(u => u.UserName == owner).Id && c.Principals.Any())
            .OrderBy(c => c.Name).Select(c => new { c.Id, c.Name, c.CountryCode }).FirstAsync();
        return (client.Id, client.Name, client.CountryCode);
    });

    /// <summary>The existence check (the registration form) names the department and offers "request access"; the request is filed.</summary>
    private static async Task<string> RequestThroughTheExistenceCheckAsync(CrmClient user, string name, string country, int days)
    {
        using var check = await user.SubmitAsync("/Clients/Create", "#client-form", new Dictionary<string, string?>
        {
            ["Input.Name"] = name, ["Input.CountryCode"] = country,
        });
        var warning = (await CrmClient.ParseAsync(check)).QuerySelector("#duplicate-warning");
        Assert.NotNull(warning);
        Assert.DoesNotContain(name, warning.TextContent, StringComparison.Ordinal);
        var link = warning.QuerySelector("a.request-access")!.GetAttribute("href")!;
        using var filed = await user.SubmitAsync(link, "#access-request-form", new Dictionary<string, string?>
        {
            ["Input.Purpose"] = "投标需要了解该客户资信 Tender", ["Input.DaysWanted"] = days.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        Assert.Equal(HttpStatusCode.Redirect, filed.StatusCode);
        return filed.Headers.Location!.OriginalString;
    }

    private Task<List<Domain.Dossier.DossierUse>> UsesAsync(Guid clientId) =>
        App.WithDbAsync(db => db.DossierUses.Where(u => u.ClientId == clientId).OrderBy(u => u.Id).ToListAsync());

    private sealed class FixedAddress : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, following) =>
            {
                context.Connection.RemoteIpAddress = IPAddress.Parse(Address);
                return following(context);
            });
            next(app);
        };
    }
}
