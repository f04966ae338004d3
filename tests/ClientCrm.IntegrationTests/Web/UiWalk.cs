using System.Net;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using ClientCrm.Domain.Clients;
using ClientCrm.Domain.Cooperation;
using ClientCrm.Domain.Grading;
using ClientCrm.IntegrationTests.Grading;
using ClientCrm.IntegrationTests.Infrastructure;
using ClientCrm.IntegrationTests.Warnings;
using Microsoft.EntityFrameworkCore;

namespace ClientCrm.IntegrationTests.Web;

/// <summary>A page the walk opened: the address it was opened at and its HTML.</summary>
public sealed record WalkedPage(string Url, IHtmlDocument Document);

/// <summary>
/// Walks the pages a signed-in user can reach, as a user clicking through the app would: from the menu and the list
/// pages it follows same-site GET links a bounded number of steps, and opens each kind of page once (a kind is the path
/// with its ids replaced and the names of its query parameters: /Clients/{id}/Projects/{id}, /Clients?q&amp;status).
/// The forms that need a record (edit a project, an incident, a principal; decide a proposal; review a warning) start
/// from records the demo company has, or that <see cref="ArrangeAsync"/> puts in place.
/// </summary>
public static partial class UiWalk
{
    public const int MaxSteps = 3;
    public const int MaxPages = 60;

    public static readonly string[] Roles = ["staff1a", "head1", "leader", "admin"];
    public static readonly string[] Cultures = ["zh-CN", "en-US"];

    /// <summary>Every role in both languages, for the theories that walk the app.</summary>
    public static TheoryData<string, string> RolesAndCultures()
    {
        var data = new TheoryData<string, string>();
        foreach (var role in Roles)
        {
            foreach (var culture in Cultures)
            {
                data.Add(role, culture);
            }
        }

        return data;
    }

    /// <summary>The records the walk starts from: an active client of staff1a with a project, an incident, a principal
    /// and a warning (its open wage-arrears incident raises one); for heads and leaders also the pending grade proposals of
    /// a company-wide run. An admin sees no client data and needs none of them.</summary>
    public sealed record Records(Guid ClientId, Guid PrincipalId, Guid ProjectId, Guid IncidentId, Guid? WarningId, Guid? RunId,
        Guid? ProposalInDepartment, Guid? AnyProposal);

    public static async Task<Records> ArrangeAsync(CrmAppFactory app, Func<Task<CrmClient>> leader, string role)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(leader);
        if (role == "admin")
        {
            return new Records(Guid.Empty, Guid.Empty, Guid.Empty, Guid.Empty, null, null, null, null);
        }

        var clientId = await app.WithDbAsync(async db =>
        {
            var owner = await db.Users.SingleAsync(u => u.UserName == "staff1a");
            return await db.Clients.Where(c => c.OwnerId == owner.Id && c.Status == ClientStatus.Active
                    && db.CooperationProjects.Any(p => p.ClientId == c.Id) && db.Principals.Any(p => p.ClientId == c.Id))
                .OrderBy(c => c.Name).Select(c => c.Id).FirstAsync();
        });
        await WarningArrange.IncidentAsync(app, clientId, IncidentType.WageArrears, daysAgo: 3, workers: 4);
        await WarningArrange.RunEngineAsync(app);
        Guid? runId = role is "head1" or "leader" ? await GradingArrange.StartRunAsync(await leader()) : null;
        return await app.WithDbAsync(async db =>
        {
            var departmentOfHead = await db.Users.Where(u => u.UserName == "head1").Select(u => u.DepartmentId).SingleAsync();
            var incident = await db.WorkerIncidents.Where(i => i.ClientId == clientId).Select(i => new { i.Id, i.ProjectId }).FirstAsync();
            var principal = await db.Principals.Where(p => p.ClientId == clientId).Select(p => p.Id).FirstAsync();
            var warning = await db.Warnings.Where(w => w.ClientId == clientId).Select(w => (Guid?)w.Id).FirstOrDefaultAsync();
            var pending = db.GradeProposals.Where(p => p.State == ProposalState.Pending);
            var inDepartment = await pending.Where(p => p.Client!.DepartmentId == departmentOfHead
                    && p.FromGrade != ClientGrade.A && p.ProposedGrade != ClientGrade.A)
                .Select(p => (Guid?)p.Id).FirstOrDefaultAsync();
            var any = await pending.OrderByDescending(p => p.ProposedGrade == ClientGrade.A).Select(p => (Guid?)p.Id).FirstOrDefaultAsync();
            return new Records(clientId, principal, incident.ProjectId, incident.Id, warning, runId, inDepartment, any);
        });
    }

    /// <summary>Where a role's walk starts: the start page, the menu's pages, the create and edit forms it may use.</summary>
    public static IReadOnlyList<string> StartPages(string role, Records r)
    {
        ArgumentNullException.ThrowIfNull(r);
        var pages = new List<string> { "/", "/Account/ChangePassword" };
        if (role == "admin")
        {
            pages.AddRange(["/Admin/Users", "/Admin/Users/Create", "/Admin/Departments", "/Admin/Departments/Create", "/Admin/Jobs"]);
            return pages;
        }

        var c = $"/Clients/{r.ClientId}";
        var project = $"{c}/Projects/{r.ProjectId}";
        pages.AddRange(["/Clients", "/Clients/Create", "/Clients/Classes", "/Warnings", "/Inbox", "/Rules", c, $"{c}/Edit", $"{c}/History",
            $"{c}/Principals/Create", $"{c}/Principals/{r.PrincipalId}/Edit", $"{c}/Projects/Create", project, $"{project}/Edit",
            $"{project}/Incidents/Create", $"{project}/Incidents/{r.IncidentId}/Edit", $"{c}/Warnings/File"]);
        if (r.WarningId is { } warning)
        {
            pages.Add($"/Warnings/{warning}");
        }

        if (role is "head1" or "leader")
        {
            pages.AddRange(["/Warnings/Review", "/Grading", $"/Grading/Runs/{r.RunId}"]);
            if ((role == "leader" ? r.AnyProposal : r.ProposalInDepartment) is { } proposal)
            {
                pages.Add($"/Grading/Proposals/{proposal}");
            }
        }

        if (role == "leader")
        {
            pages.AddRange(["/Settings/Grading", "/Settings/Warnings", "/Settings/ExchangeRates", "/Audit"]);
        }

        return pages;
    }

    /// <summary>Switches the signed-in user's language as the language button of the bar does.</summary>
    public static async Task UseCultureAsync(CrmClient client, string culture)
    {
        ArgumentNullException.ThrowIfNull(client);
        if (culture == "zh-CN")
        {
            return;
        }

        // The sign-in page has the language button for everyone, signed in or not.
        using var switched = await client.SubmitAsync("/Account/Login", "form[action='/Culture']", submitName: "culture", submitValue: culture);
        Assert.Equal(HttpStatusCode.Redirect, switched.StatusCode);
    }

    /// <summary>Opens the start pages and follows their links; any answer but a page or a redirect fails the walk.</summary>
    public static async Task<IReadOnlyList<WalkedPage>> WalkAsync(CrmClient client, IEnumerable<string> start)
    {
        ArgumentNullException.ThrowIfNull(client);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var queue = new Queue<(string Url, int Steps)>();
        var pages = new List<WalkedPage>();
        foreach (var url in start)
        {
            if (seen.Add(KindOf(url)))
            {
                queue.Enqueue((url, 0));
            }
        }

        while (queue.Count > 0 && pages.Count < MaxPages)
        {
            var (url, steps) = queue.Dequeue();
            using var response = await client.GetAsync(url);
            Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.Redirect,
                $"GET {url} answered {(int)response.StatusCode}");
            if (response.StatusCode != HttpStatusCode.OK)
            {
                continue;
            }

            var document = await CrmClient.ParseAsync(response);
            pages.Add(new WalkedPage(url, document));
            if (steps >= MaxSteps)
            {
                continue;
            }

            foreach (var link in document.QuerySelectorAll("a[href]"))
            {
                if (Followable(link.GetAttribute("href")) is { } next && seen.Add(KindOf(next)))
                {
                    queue.Enqueue((next, steps + 1));
                }
            }
        }

        return pages;
    }

    /// <summary>The kind of page an address opens: ids and numbers in the path replaced, the query reduced to its names.</summary>
    public static string KindOf(string url)
    {
        ArgumentNullException.ThrowIfNull(url);
        var query = url.IndexOf('?', StringComparison.Ordinal);
        var path = query < 0 ? url : url[..query];
        var segments = path.Split('/').Select(s => Guid.TryParse(s, out _) ? "{id}" : s.Length > 0 && s.All(char.IsAsciiDigit) ? "{n}" : s);
        IEnumerable<string> names = query < 0 ? [] : url[(query + 1)..].Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.Split('=')[0]).Distinct().Order(StringComparer.Ordinal);
        return string.Join('/', segments) + "?" + string.Join('&', names);
    }

    /// <summary>A same-site page link to follow (fragment removed), or null: other sites, the bar's actions, files.</summary>
    private static string? Followable(string? href)
    {
        if (string.IsNullOrEmpty(href))
        {
            return null;
        }

        var hash = href.IndexOf('#', StringComparison.Ordinal);
        var url = WebUtility.HtmlDecode(hash < 0 ? href : href[..hash]);
        if (url.Length == 0 || url[0] != '/' || url.StartsWith("//", StringComparison.Ordinal) || url.StartsWith("/\\", StringComparison.Ordinal))
        {
            return null;
        }

        string[] skipped = ["/Account/Logout", "/Culture", "/health", "/lib/", "/css/", "/js/", "/favicon"];
        return skipped.Any(s => url.StartsWith(s, StringComparison.OrdinalIgnoreCase)) ? null : url;
    }

    // ---- what a user must be able to read ----

    /// <summary>Any Chinese character (CJK ideographs and the full-width punctuation Chinese text uses).</summary>
    public static bool HasCjk(string text) => CjkPattern().IsMatch(text);

    [GeneratedRegex(@"[\u3000-\u303F\u3400-\u4DBF\u4E00-\u9FFF\uFF00-\uFFEF]")]
    private static partial Regex CjkPattern();

    /// <summary>A programmer's identifier such as ContactOn or OverrideGrade: two capitalised words run together.</summary>
    [GeneratedRegex(@"\b[A-Z][a-z]+[A-Z][A-Za-z]*\b")]
    public static partial Regex Identifier();

    [GeneratedRegex(@"[A-Za-z]{2,}\W+[A-Za-z]{2,}")]
    public static partial Regex TwoWords();

    [GeneratedRegex(@"\bnull\b", RegexOptions.IgnoreCase)]
    public static partial Regex NullWord();

    public static string Shorten(string text) => text.Length > 160 ? text[..160] + "…" : text;

    public static string Describe(IElement element)
    {
        ArgumentNullException.ThrowIfNull(element);
        var name = element.GetAttribute("name") ?? element.Id ?? "";
        var type = element.GetAttribute("type");
        return $"<{element.LocalName}{(type is null ? "" : $" type={type}")} name={name}>";
    }
}
