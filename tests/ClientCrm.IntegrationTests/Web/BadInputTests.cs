using System.Net;
using System.Text;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using ClientCrm.IntegrationTests.Admin;
using ClientCrm.IntegrationTests.Infrastructure;
using ClientCrm.IntegrationTests.Projects;
using Microsoft.EntityFrameworkCore;

namespace ClientCrm.IntegrationTests.Web;

/// <summary>
/// Bad input never answers an error (ASVS V1/V2): control characters, absurd lengths, numbers, dates and choices that
/// do not exist, in every query parameter of every page that reads one and in every field of the main forms. Values
/// are cleaned at the edge (InputCleaning) and refused at binding (not a number, an unknown choice, a date outside
/// 1900–2099); the page answers with its normal view.
/// </summary>
[LongRunning(80)]
public sealed class BadInputTests(PostgresFixture postgres) : AppTest(postgres)
{
    /// <summary>Every query parameter a page of the app reads, besides the ones its own forms show.</summary>
    private static readonly string[] KnownParameters =
    [
        "q", "status", "country", "region", "owner", "department", "grade", "pareto", "lifecycle", "industry", "overdue", "sort",
        "desc", "p", "after", "before", "unread", "clientId", "client", "user", "entity", "type", "from", "to", "family", "severity",
        "state", "escalated", "mine", "returnUrl", "handler", "id", "code",
    ];

    private static readonly string[] Malformed =
    [
        "\0", "a\0b\u0001\u001f\u007f\u0085c", new string('x', 5_000), "-1", "0", "999999999", "99999999999999999999", "abc",
        "0001-01-01", "9999-12-31", "2024-02-30", "Unknown", "999", "%_\\'\"<>", " ",
    ];

    /// <summary>Sent one parameter at a time, the others left out.</summary>
    private static readonly string[] Worst = ["\0", new string('名', 12_000), "9999-12-31", "999999999"];

    private static readonly string[] MalformedFields =
    [
        "a\0b\u0007c", new string('y', 12_000), "-1", "99999999999999999999", "79228162514264337593543950335", "abc",
        "0001-01-01", "9999-12-31", "Unknown", "",
    ];

    [Fact]
    public async Task Malformed_query_values_on_every_page_that_reads_the_query_answer_the_normal_page()
    {
        var pages = await GetPagesAsync();
        var problems = new List<string>();
        // Each role's pages on its own signed-in client, the roles side by side: some thousand requests, which one after
        // another kept one core busy for two minutes at the end of the suite.
        var roles = pages.GroupBy(p => p.User).ToList();
        foreach (var role in roles)
        {
            await ClientForAsync(role.Key);
        }

        var found = await Task.WhenAll(roles.Select(role => Task.Run(async () =>
        {
            var client = _clients[role.Key];
            var mine = new List<string>();
            foreach (var (_, path) in role)
            {
                await CheckQueryValuesAsync(client, role.Key, path, mine);
            }

            return mine;
        })));
        problems.AddRange(found.SelectMany(f => f));

        Assert.True(problems.Count == 0, string.Join("\n", problems.Take(30)));
    }

    /// <summary>The page's own filters are accepted, and every malformed value in every parameter answers the normal page.</summary>
    private static async Task CheckQueryValuesAsync(CrmClient client, string user, string path, List<string> problems)
    {
        using var plain = await client.GetAsync(path);
        var page = await CrmClient.ParseAsync(plain);
        // The page's own filter forms, submitted as they come, are no refused input.
        foreach (var filter in page.QuerySelectorAll("form[method='get']").OfType<IHtmlFormElement>())
        {
            var query = string.Join("&", Fields(filter).Select(f => Uri.EscapeDataString(f.Key) + "=" + Uri.EscapeDataString(f.Value)));
            var filtered = await client.GetPageAsync(path + "?" + query);
            if (filtered.QuerySelector("#refused-input") is { } notice)
            {
                problems.Add($"{user} GET {path}?{query}: the page's own filter was refused: {notice.TextContent}");
            }
        }

        var names = KnownParameters.Union(page.QuerySelectorAll("form[method='get'] [name]").Select(e => e.GetAttribute("name")!), StringComparer.Ordinal)
            .Where(n => n.Length > 0).ToList();
        foreach (var value in Malformed)
        {
            await ExpectPageAsync(client, user, path + Query(names.Select(n => (n, value))), plain.StatusCode, problems);
        }

        foreach (var name in names)
        {
            foreach (var value in Worst)
            {
                await ExpectPageAsync(client, user, path + Query([(name, value)]), plain.StatusCode, problems);
            }
        }
    }

    [Fact]
    public async Task Malformed_values_in_every_field_of_the_main_forms_never_answer_an_error()
    {
        var pages = await FormPagesAsync();
        var problems = new List<string>();
        var covered = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (user, path) in pages)
        {
            var client = await ClientForAsync(user);
            var page = await client.GetPageAsync(path);
            foreach (var form in page.QuerySelectorAll("form[method='post'][id]").OfType<IHtmlFormElement>())
            {
                var fields = Taintable(form);
                if (fields.Count == 0 || form.Id is "login-form" && user != "")
                {
                    continue;
                }

                covered.Add($"{path}#{form.Id}");
                foreach (var value in MalformedFields)
                {
                    var fresh = await client.GetPageAsync(path);
                    if (fresh.QuerySelector($"form#{form.Id}") is null)
                    {
                        break; // an earlier value went through and changed the page (a step taken, a form gone)
                    }

                    using var response = await client.SubmitAsync(fresh, path, $"form#{form.Id}", fields.ToDictionary(f => f, _ => (string?)value));
                    if ((int)response.StatusCode >= 500)
                    {
                        problems.Add($"{user} POST {path}#{form.Id} with {Describe(value)}: {(int)response.StatusCode} "
                                     + Shorten(await response.Content.ReadAsStringAsync(), 300));
                    }
                }
            }
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems.Take(30)));
        Assert.Superset(new HashSet<string>(StringComparer.Ordinal)
        {
            "/Clients/Create#client-form", "/Account/ChangePassword#change-password-form", "/Account/Login#login-form",
            "/Settings/ExchangeRates#rate-form", "/Settings/Grading#grading-settings-form", "/Settings/Warnings#warning-settings-form",
            "/Admin/Users/Create#user-form", "/Admin/Departments/Create#department-form",
        }, covered);
    }

    [Fact]
    public async Task Control_characters_typed_into_a_form_are_removed_and_the_record_is_saved()
    {
        var staff = await SignedInAsync("staff1a");
        var values = ClientForms.ValidRegistration("Null Byte Trading");
        values["Input.Name"] = "Null\0 Byte\u0007 Trading";
        values["Input.Address"] = "Tower 3\0, Floor\u001b 12\r\nDubai";
        values["Input.Notes"] = "Met at the fair\0\u0085 and again in May";
        values["Principal.Name"] = "Omar\0 Haddad";

        using var response = await staff.SubmitAsync("/Clients/Create", "#client-form", values);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var saved = await App.WithDbAsync(db => db.Clients.Where(c => c.Name == "Null Byte Trading")
            .Select(c => new { c.Address, c.Notes }).SingleAsync());
        Assert.Equal("Tower 3, Floor 12\r\nDubai", saved.Address);
        Assert.Equal("Met at the fair and again in May", saved.Notes);
    }

    [Fact]
    public async Task A_refused_filter_value_is_named_at_the_top_of_the_page_and_the_list_is_shown()
    {
        var leader = await SignedInAsync("leader");

        // A page that checks a value itself explains it next to its field (the audit log's period), and shows the list.
        var audit = await leader.GetPageAsync("/Audit?to=9999-12-31&p=999999999");
        Assert.Contains("2099-12-31", audit.QuerySelector("#audit-to-error")?.TextContent ?? "", StringComparison.Ordinal);

        var clients = await leader.GetPageAsync("/Clients?status=Unknown&q=%00");
        Assert.Contains("“Unknown”", clients.QuerySelector("#refused-input")?.TextContent ?? "", StringComparison.Ordinal);
        Assert.NotEmpty(clients.QuerySelectorAll("#client-table tbody tr[data-client-id]"));

        // A cleaned value is not a refusal: a NUL in the search is simply gone.
        var searched = await leader.GetPageAsync("/Clients?q=%00");
        Assert.Null(searched.QuerySelector("#refused-input"));
        Assert.NotEmpty(searched.QuerySelectorAll("#client-table tbody tr[data-client-id]"));

        var inbox = await leader.GetPageAsync("/Inbox?p=abc");
        Assert.Contains("“abc”", inbox.QuerySelector("#refused-input")?.TextContent ?? "", StringComparison.Ordinal);
    }

    private readonly Dictionary<string, CrmClient> _clients = new(StringComparer.Ordinal);

    private async Task<CrmClient> ClientForAsync(string user)
    {
        if (!_clients.TryGetValue(user, out var client))
        {
            client = user.Length == 0 ? Anonymous() : await SignedInAsync(user);
            _clients[user] = client;
        }

        return client;
    }

    /// <summary>Every page that reads its query, for a role that may open it; detail pages found through the lists.</summary>
    private async Task<List<(string User, string Path)>> GetPagesAsync()
    {
        var pages = new List<(string, string)>
        {
            ("", "/Account/Login"), ("", "/Account/AccessDenied"), ("", "/Error"),
            ("staff1a", "/"), ("staff1a", "/Clients"), ("staff1a", "/Clients/Classes"), ("staff1a", "/Warnings"), ("staff1a", "/Inbox"),
            ("head1", "/Warnings/Review"), ("head1", "/Grading"),
            ("leader", "/"), ("leader", "/Clients"), ("leader", "/Clients/Classes"), ("leader", "/Warnings"), ("leader", "/Warnings/Review"),
            ("leader", "/Grading"), ("leader", "/Audit"), ("leader", "/Settings/ExchangeRates"), ("leader", "/Settings/Grading"),
            ("leader", "/Settings/Warnings"), ("leader", "/Inbox"),
            ("admin", "/Admin/Users"), ("admin", "/Admin/Departments"), ("admin", "/Inbox"),
        };
        var (clientId, projectId) = await ArrangeAsync();
        pages.Add(("staff1a", $"/Clients/{clientId}"));
        pages.Add(("staff1a", $"/Clients/{clientId}/History"));
        pages.Add(("staff1a", $"/Clients/{clientId}/Projects/{projectId}"));
        var leader = await ClientForAsync("leader");
        foreach (var prefix in new[] { "/Warnings/", "/Grading/Proposals/", "/Grading/Runs/" })
        {
            var list = await leader.GetPageAsync(prefix.StartsWith("/Warnings", StringComparison.Ordinal) ? "/Warnings" : "/Grading");
            if (FirstLink(list, prefix) is { } found)
            {
                pages.Add(("leader", found));
            }
        }

        return pages;
    }

    private async Task<List<(string User, string Path)>> FormPagesAsync()
    {
        var (clientId, projectId) = await ArrangeAsync();
        var staffClient = await ProjectTestData.ClientOfAsync(App, "staff1a", active: false);
        var pages = new List<(string, string)>
        {
            ("", "/Account/Login"),
            ("staff1a", "/Clients/Create"), ("staff1a", $"/Clients/{staffClient}/Edit"), ("staff1a", $"/Clients/{clientId}"),
            ("staff1a", $"/Clients/{staffClient}/Principals/Create"), ("staff1a", $"/Clients/{clientId}/Projects/Create"),
            ("staff1a", $"/Clients/{clientId}/Projects/{projectId}/Edit"), ("staff1a", $"/Clients/{clientId}/Projects/{projectId}/Incidents/Create"),
            ("staff1a", $"/Clients/{clientId}/Warnings/File"), ("staff1a", "/Account/ChangePassword"),
            ("head1", $"/Clients/{clientId}"),
            ("leader", "/Settings/ExchangeRates"), ("leader", "/Settings/Grading"), ("leader", "/Settings/Warnings"),
            ("admin", "/Admin/Users/Create"), ("admin", $"/Admin/Users/Edit/{await AdminTestData.UserIdAsync(App, "staff2a")}"),
            ("admin", "/Admin/Departments/Create"), ("admin", $"/Admin/Departments/Edit/{await AdminTestData.DepartmentIdAsync(App, "D2")}"),
        };
        var leader = await ClientForAsync("leader");
        if (FirstLink(await leader.GetPageAsync("/Warnings"), "/Warnings/") is { } warning)
        {
            pages.Add(("leader", warning));
        }

        if (FirstLink(await leader.GetPageAsync("/Grading"), "/Grading/Proposals/") is { } proposal)
        {
            pages.Add(("leader", proposal));
        }

        return pages;
    }

    private (Guid Client, Guid Project)? _arranged;

    /// <summary>An Active client of staff1a with a project of its own.</summary>
    private async Task<(Guid Client, Guid Project)> ArrangeAsync()
    {
        if (_arranged is { } done)
        {
            return done;
        }

        var clientId = await ProjectTestData.FreshActiveClientAsync(App, "staff1a");
        var projectId = await ProjectTestData.ArrangeProjectAsync(App, clientId, "Bad input sweep project");
        _arranged = (clientId, projectId);
        return (clientId, projectId);
    }

    private static string? FirstLink(IDocument page, string prefix) =>
        page.QuerySelectorAll("a[href]").Select(a => a.GetAttribute("href")!)
            .FirstOrDefault(h => h.StartsWith(prefix, StringComparison.Ordinal) && Guid.TryParse(h[prefix.Length..].Split('?', '/')[0], out _));

    /// <summary>What a browser sends for <paramref name="form"/> as it stands.</summary>
    private static List<KeyValuePair<string, string>> Fields(IHtmlFormElement form) =>
        form.Elements.SelectMany(e => e switch
            {
                IHtmlInputElement { Type: "checkbox" or "radio", IsChecked: false } => [],
                IHtmlInputElement { Type: "submit" or "button" } => [],
                IHtmlInputElement input when !string.IsNullOrEmpty(input.Name) => [new KeyValuePair<string, string>(input.Name, input.Value)],
                IHtmlSelectElement select when !string.IsNullOrEmpty(select.Name) =>
                    [new KeyValuePair<string, string>(select.Name, select.SelectedOptions.FirstOrDefault()?.Value ?? select.Options.FirstOrDefault()?.Value ?? "")],
                _ => Array.Empty<KeyValuePair<string, string>>(),
            })
            .ToList();

    /// <summary>The fields a person types or picks in (not hidden values, checkboxes or buttons).</summary>
    private static List<string> Taintable(IHtmlFormElement form) =>
        form.Elements.Where(e => e switch
            {
                IHtmlInputElement input => input.Type is not ("hidden" or "checkbox" or "radio" or "submit" or "button"),
                IHtmlSelectElement or IHtmlTextAreaElement => true,
                _ => false,
            })
            .Select(e => e.GetAttribute("name"))
            .Where(n => !string.IsNullOrEmpty(n))
            .Select(n => n!)
            .Distinct(StringComparer.Ordinal)
            .ToList();

    /// <summary>The page answers as it does without the query (its normal view), whatever the query held.</summary>
    private static async Task ExpectPageAsync(CrmClient client, string user, string url, HttpStatusCode normal, List<string> problems)
    {
        using var response = await client.GetAsync(url);
        if (response.StatusCode != normal)
        {
            problems.Add($"{(user.Length == 0 ? "anonymous" : user)} GET {Shorten(url, 160)}: {(int)response.StatusCode} {response.Headers.Location} "
                         + Shorten(await response.Content.ReadAsStringAsync(), 300));
        }
    }

    private static string Query(IEnumerable<(string Name, string Value)> pairs)
    {
        var query = new StringBuilder();
        foreach (var (name, value) in pairs)
        {
            query.Append(query.Length == 0 ? '?' : '&').Append(Uri.EscapeDataString(name)).Append('=').Append(Uri.EscapeDataString(value));
        }

        return query.ToString();
    }

    private static string Shorten(string text, int length) => text.Length > length ? text[..length] + "…" : text;

    private static string Describe(string value) => value.Length > 30 ? $"{value.Length} × '{value[0]}'" : $"'{Uri.EscapeDataString(value)}'";
}
