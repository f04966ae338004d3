using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using ClientCrm.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace ClientCrm.IntegrationTests.Clients;

/// <summary>
/// SPEC §1 scope matrix: every client page × every role × a client inside and outside the role's scope.
/// Outside scope is 404 for reads and for writes (the client's existence is not revealed); Admin is refused
/// every client page. Writes that are refused must change nothing.
/// </summary>
[LongRunning(55)]
public sealed class ClientScopeMatrixTests(PostgresFixture postgres) : AppTest(postgres)
{
    // The D1 client is owned by staff1a; the D2 client by staff2a.
    public static TheoryData<string, bool, bool> Roles => new()
    {
        // user, sees the D1 client (owned by staff1a), sees the D2 client (owned by staff2a)
        { "staff1a", true, false },
        { "staff1b", false, false },
        { "staff2a", false, true },
        { "head1", true, false },
        { "head2", false, true },
        { "leader", true, true },
    };

    [Theory]
    [MemberData(nameof(Roles))]
    public async Task Every_client_page_answers_by_scope(string user, bool seesD1, bool seesD2)
    {
        var d1 = await ClientOf("staff1a");
        var d2 = await ClientOf("staff2a");
        var client = await SignedInAsync(user);

        foreach (var (clientId, inScope) in new[] { (d1, seesD1), (d2, seesD2) })
        {
            var expected = inScope ? HttpStatusCode.OK : HttpStatusCode.NotFound;
            var principalId = await App.WithDbAsync(db => db.Principals.IgnoreQueryFilters().Where(p => p.ClientId == clientId).Select(p => p.Id).FirstAsync());
            var projectId = await ProjectOf(clientId);
            var incidentId = await IncidentOf(projectId);
            var warningId = await WarningOf(clientId);
            foreach (var url in new[]
                     {
                         $"/Clients/{clientId}",
                         $"/Clients/{clientId}/Edit",
                         $"/Clients/{clientId}/History",
                         $"/Clients/{clientId}/Principals/Create",
                         $"/Clients/{clientId}/Principals/{principalId}/Edit",
                         $"/Clients/{clientId}/Projects/Create",
                         $"/Clients/{clientId}/Projects/{projectId}",
                         $"/Clients/{clientId}/Projects/{projectId}/Edit",
                         $"/Clients/{clientId}/Projects/{projectId}/Incidents/Create",
                         $"/Clients/{clientId}/Projects/{projectId}/Incidents/{incidentId}/Edit",
                         $"/Clients/{clientId}/Warnings/File",
                         $"/Warnings/{warningId}",
                     })
            {
                using var response = await client.GetAsync(url);
                Assert.True(expected == response.StatusCode, $"{user} GET {url}: expected {(int)expected}, got {(int)response.StatusCode}");
            }

            var listed = await AllListedIds(client);
            Assert.Equal(inScope, listed.Contains(clientId));
            var warnings = await client.GetPageAsync($"/Warnings?clientId={clientId}&state=all");
            Assert.Equal(inScope, warnings.QuerySelector($"#warning-table tr[data-warning-id='{warningId}']") is not null);

            if (!inScope)
            {
                await AssertWritesRefused(client, user, clientId, principalId, projectId, incidentId);
                await AssertWarningWritesRefused(client, user, clientId, warningId);
            }
        }
    }

    [Fact]
    public async Task Admin_is_refused_every_client_page()
    {
        var d1 = await ClientOf("staff1a");
        var admin = await SignedInAsync("admin");
        foreach (var url in new[] { "/Clients", "/Clients/Create", $"/Clients/{d1}", $"/Clients/{d1}/Edit", $"/Clients/{d1}/Principals/Create", "/Audit",
                     $"/Clients/{d1}/Warnings/File", "/Warnings", "/Warnings/Review" })
        {
            using var response = await admin.GetAsync(url);
            Assert.True(response.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.Redirect, $"admin GET {url}: {(int)response.StatusCode}");
            if (response.StatusCode == HttpStatusCode.Redirect)
            {
                Assert.StartsWith("/Account/AccessDenied", response.Headers.Location!.PathAndQuery(), StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public async Task Signed_out_visitors_are_sent_to_sign_in_for_every_page()
    {
        var d1 = await ClientOf("staff1a");
        var anonymous = Anonymous();
        foreach (var url in new[] { "/", "/Clients", $"/Clients/{d1}", "/Audit", "/Admin/Users" })
        {
            using var response = await anonymous.GetAsync(url);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.StartsWith("/Account/Login", response.Headers.Location!.PathAndQuery(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Only_leaders_read_the_audit_log()
    {
        foreach (var (user, allowed) in new[] { ("leader", true), ("head1", false), ("staff1a", false) })
        {
            var client = await SignedInAsync(user);
            using var response = await client.GetAsync("/Audit");
            Assert.Equal(allowed, response.StatusCode == HttpStatusCode.OK);
        }
    }

    private async Task AssertWritesRefused(CrmClient client, string user, Guid clientId, Guid principalId, Guid projectId, Guid incidentId)
    {
        var before = await App.WithDbAsync(db => db.Clients.IgnoreQueryFilters().Where(c => c.Id == clientId)
            .Select(c => new
            {
                c.Version, c.Status, Principals = c.Principals.Count,
                Projects = db.CooperationProjects.IgnoreQueryFilters().Where(p => p.ClientId == clientId).Select(p => p.Version).ToList(),
                Incidents = db.WorkerIncidents.IgnoreQueryFilters().Count(i => i.ClientId == clientId),
            }).SingleAsync());

        // A real antiforgery token for this user, taken from a page they may open.
        var own = await client.GetPageAsync("/Clients/Create");
        var posts = new (string Url, Dictionary<string, string?> Values)[]
        {
            ($"/Clients/{clientId}/Edit", ClientForms.ValidRegistration("Hijacked Name")),
            ($"/Clients/{clientId}?handler=Status", new() { ["to"] = "Terminated" }),
            ($"/Clients/{clientId}?handler=Reviewed", new()),
            ($"/Clients/{clientId}/Principals/Create", new() { ["Principal.Name"] = "Intruder" }),
            ($"/Clients/{clientId}/Principals/{principalId}/Edit", new() { ["Principal.Name"] = "Intruder" }),
            ($"/Clients/{clientId}/Principals/{principalId}/Edit?handler=Retire", new()),
            ($"/Clients/{clientId}?handler=Contact", new() { ["ContactOn"] = "2026-01-05" }),
            ($"/Clients/{clientId}?handler=Grade", new() { ["GradeTo"] = "B", ["GradeReason"] = "intruder" }),
            ($"/Clients/{clientId}/Projects/Create", new() { ["Input.Name"] = "Intruder batch", ["Input.WorkCountryCode"] = "AE" }),
            ($"/Clients/{clientId}/Projects/{projectId}/Edit", new() { ["Input.Name"] = "Intruder batch", ["Input.WorkCountryCode"] = "AE" }),
            ($"/Clients/{clientId}/Projects/{projectId}/Incidents/Create", new() { ["Input.Description"] = "Intruder", ["Input.Type"] = "Other" }),
            ($"/Clients/{clientId}/Projects/{projectId}/Incidents/{incidentId}/Edit", new() { ["Input.Description"] = "Intruder", ["Input.Type"] = "Other" }),
        };
        foreach (var (url, values) in posts)
        {
            var fields = new Dictionary<string, string?>(values)
            {
                ["__RequestVerificationToken"] = own.QuerySelector("#client-form input[name='__RequestVerificationToken']")!.GetAttribute("value"),
            };
            using var content = new FormUrlEncodedContent(fields.Where(f => f.Value is not null).Select(f => new KeyValuePair<string, string>(f.Key, f.Value!)));
            using var response = await client.Http.PostAsync(new Uri(url, UriKind.Relative), content);
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{user} POST {url}: expected 404, got {(int)response.StatusCode}");
        }

        var after = await App.WithDbAsync(db => db.Clients.IgnoreQueryFilters().Where(c => c.Id == clientId)
            .Select(c => new
            {
                c.Version, c.Status, Principals = c.Principals.Count,
                Projects = db.CooperationProjects.IgnoreQueryFilters().Where(p => p.ClientId == clientId).Select(p => p.Version).ToList(),
                Incidents = db.WorkerIncidents.IgnoreQueryFilters().Count(i => i.ClientId == clientId),
            }).SingleAsync());
        Assert.Equal((before.Version, before.Status, before.Principals, before.Incidents), (after.Version, after.Status, after.Principals, after.Incidents));
        Assert.Equal(before.Projects, after.Projects);
    }

    /// <summary>Filing a warning on the client and every step on its warning answer 404 out of scope and change nothing.</summary>
    private async Task AssertWarningWritesRefused(CrmClient client, string user, Guid clientId, Guid warningId)
    {
        var before = await WarningStateOf(clientId, warningId);
        var version = before.Version.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var posts = new (string Url, Dictionary<string, string?> Values)[]
        {
            ($"/Clients/{clientId}/Warnings/File", new() { ["Input.Family"] = "Churn", ["Input.Summary"] = "Intruder warning" }),
            ($"/Warnings/{warningId}?handler=Acknowledge", new() { ["Step.Actions"] = "intruder", ["Step.Version"] = version }),
            ($"/Warnings/{warningId}?handler=Investigate", new() { ["Step.InvestigationNote"] = "intruder", ["Step.Version"] = version }),
            ($"/Warnings/{warningId}?handler=Resolve", new() { ["Step.Cause"] = "intruder", ["Step.Measures"] = "intruder", ["Step.Version"] = version }),
            ($"/Warnings/{warningId}?handler=Dismiss", new() { ["Step.DismissReason"] = "intruder", ["Step.Version"] = version }),
            ($"/Warnings/{warningId}?handler=Report", new() { ["Step.Report"] = "intruder", ["Step.Version"] = version }),
            ($"/Warnings/{warningId}?handler=Note", new() { ["Step.Note"] = "intruder" }),
        };
        foreach (var (url, values) in posts)
        {
            using var response = await client.PostDirectAsync(url, values);
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{user} POST {url}: expected 404, got {(int)response.StatusCode}");
        }

        Assert.Equal(before, await WarningStateOf(clientId, warningId));
    }

    private Task<(int Warnings, uint Version, int Events)> WarningStateOf(Guid clientId, Guid warningId) => App.WithDbAsync(async db =>
    {
        var count = await db.Warnings.IgnoreQueryFilters().CountAsync(w => w.ClientId == clientId);
        var version = await db.Warnings.IgnoreQueryFilters().Where(w => w.Id == warningId).Select(w => w.Version).SingleAsync();
        var events = await db.WarningEvents.CountAsync(e => e.WarningId == warningId);
        return (count, version, events);
    });

    /// <summary>An open warning on the client, filed by hand by its owner for the test.</summary>
    private Task<Guid> WarningOf(Guid clientId) => App.WithDbAsync(async db =>
    {
        var client = await db.Clients.SingleAsync(c => c.Id == clientId);
        var warning = Domain.Warnings.Warning.File(client, Domain.Warnings.WarningFamily.Churn, "Matrix warning", null,
            new Domain.Warnings.WarningActor(client.OwnerId, "owner", IsLeader: false, IsDepartmentHead: false), DateTimeOffset.UtcNow);
        db.Warnings.Add(warning);
        await db.SaveChangesAsync();
        return warning.Id;
    });

    /// <summary>
    /// Every client on the user's list, page after page through the next-page links (their cursor; a page number alone
    /// gives the first page again), checked against the count the list shows, so a client missing from it is missing.
    /// </summary>
    private static async Task<HashSet<Guid>> AllListedIds(CrmClient client)
    {
        var ids = new HashSet<Guid>();
        var first = await client.GetPageAsync("/Clients?sort=name&desc=false");
        var shown = int.Parse(Regex.Match(first.QuerySelector("#client-count")!.TextContent, @"\d[\d,]*").Value.Replace(",", "", StringComparison.Ordinal),
            CultureInfo.InvariantCulture);
        var page = first;
        for (var pages = 1; ; pages++)
        {
            foreach (var row in page.QuerySelectorAll("#client-table tbody tr[data-client-id]"))
            {
                ids.Add(Guid.Parse(row.GetAttribute("data-client-id")!));
            }

            var next = page.QuerySelector("#next-page")?.GetAttribute("href");
            if (next is null)
            {
                break;
            }

            Assert.True(pages < 10, "the client list goes on past 10 pages");
            page = await client.GetPageAsync(next);
        }

        Assert.Equal(shown, ids.Count);
        return ids;
    }

    // An active client, so it can have projects (the demo company's active clients have some).
    private Task<Guid> ClientOf(string userName) => App.WithDbAsync(db =>
        db.Clients.Where(c => c.Status == Domain.Clients.ClientStatus.Active && c.OwnerId == db.Users.Where(u => u.UserName == userName).Select(u => u.Id).First())
            .OrderBy(c => c.Name).Select(c => c.Id).FirstAsync());

    /// <summary>A project of the client, opened for the test when the demo data gave it none.</summary>
    private Task<Guid> ProjectOf(Guid clientId) => App.WithDbAsync(async db =>
    {
        var existing = await db.CooperationProjects.Where(p => p.ClientId == clientId).Select(p => (Guid?)p.Id).FirstOrDefaultAsync();
        if (existing is { } id)
        {
            return id;
        }

        var client = await db.Clients.SingleAsync(c => c.Id == clientId);
        var project = Domain.Cooperation.CooperationProject.Open(client,
            new Domain.Cooperation.ProjectTerms { Name = "Matrix batch", WorkCountryCode = client.CountryCode, WorkersRequested = 5 }, null,
            DateOnly.FromDateTime(DateTime.UtcNow), DateTimeOffset.UtcNow);
        db.CooperationProjects.Add(project);
        await db.SaveChangesAsync();
        return project.Id;
    });

    private Task<Guid> IncidentOf(Guid projectId) => App.WithDbAsync(async db =>
    {
        var project = await db.CooperationProjects.Include(p => p.Incidents).SingleAsync(p => p.Id == projectId);
        var incident = project.Incidents.FirstOrDefault() ?? project.RecordIncident(new Domain.Cooperation.IncidentDetails
        {
            Type = Domain.Cooperation.IncidentType.Other, OccurredOn = App.Clock.Today, Description = "Matrix incident",
        }, App.Clock);
        await db.SaveChangesAsync();
        return incident.Id;
    });
}

internal static class UriExtensions
{
    public static string PathAndQuery(this Uri uri) => uri.IsAbsoluteUri ? uri.PathAndQuery : uri.OriginalString;
}
