using System.Net;
using ClientCrm.Domain.Auditing;
using ClientCrm.Domain.Clients;
using ClientCrm.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace ClientCrm.IntegrationTests.Clients;

public sealed class ClientRegistrationTests(PostgresFixture postgres) : AppTest(postgres)
{
    [Fact]
    public async Task Staff_register_a_client_with_a_principal_card_and_see_it_on_its_page_and_in_their_list()
    {
        var staff = await SignedInAsync("staff1a");
        using var response = await staff.SubmitAsync("/Clients/Create", "#client-form", ClientForms.ValidRegistration("Desert Falcon Contracting"));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);

        var details = await staff.GetPageAsync(response.Headers.Location!.OriginalString);
        Assert.Equal("Desert Falcon Contracting", details.QuerySelector("#client-name")!.TextContent.Trim());
        Assert.Equal("Omar Haddad", details.QuerySelector("#principals .principal-name")!.TextContent.Trim());
        Assert.Equal("一部业务员 陈静", details.QuerySelector("#client-owner")!.TextContent.Trim());
        Assert.Equal("业务一部", details.QuerySelector("#client-department")!.TextContent.Trim());
        Assert.Contains("潜在", details.QuerySelector("#client-status")!.TextContent, StringComparison.Ordinal);

        var list = await staff.GetPageAsync("/Clients?q=Desert+Falcon");
        Assert.Single(list.QuerySelectorAll("#client-table tbody tr[data-client-id]"));
    }

    [Fact]
    public async Task Bad_input_is_refused_with_messages_next_to_the_fields_and_nothing_typed_is_lost()
    {
        var staff = await SignedInAsync("staff1a");
        var values = ClientForms.ValidRegistration("Keep Me Typed Co");
        values["Input.Name"] = "";
        values["Input.Email"] = "not-an-email";
        values["Input.LegalForm"] = "Individual";
        values["Principal.Name"] = "";
        using var response = await staff.SubmitAsync("/Clients/Create", "#client-form", values);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await CrmClient.ParseAsync(response);
        Assert.Equal("请填写“客户名称（原文）”。", HtmlAssert.FieldError(page, "Input.Name"));
        Assert.Contains("电子邮箱", HtmlAssert.FieldError(page, "Input.Email"), StringComparison.Ordinal);
        Assert.Contains("第二十二条", HtmlAssert.FieldError(page, "Input.LegalForm"), StringComparison.Ordinal);
        Assert.NotEmpty(HtmlAssert.FieldError(page, "Principal.Name"));
        Assert.Contains("4 处需要更正", page.QuerySelector("#form-errors-notice")!.TextContent, StringComparison.Ordinal);

        Assert.Equal("not-an-email", HtmlAssert.FieldValue(page, "Input.Email"));
        Assert.Equal("Sheikh Zayed Road 1, Dubai", HtmlAssert.FieldValue(page, "Input.Address"));
        Assert.Equal("First contact at the Dubai fair", HtmlAssert.FieldValue(page, "Input.Notes"));
        Assert.Equal("Falconry", HtmlAssert.FieldValue(page, "Principal.Hobbies"));
        Assert.Equal("AE", HtmlAssert.FieldValue(page, "Input.CountryCode"));
        Assert.Equal(0, await App.WithDbAsync(db => db.Clients.CountAsync(c => c.Name == "Keep Me Typed Co")));
    }

    [Fact]
    public async Task Messages_are_in_English_after_switching_the_language()
    {
        var staff = await SignedInAsync("staff1a");
        using (var switched = await staff.SubmitAsync("/Clients/Create", "form[action='/Culture']", submitName: "culture", submitValue: "en-US"))
        {
            Assert.Equal(HttpStatusCode.Redirect, switched.StatusCode);
        }

        var values = ClientForms.ValidRegistration("English Errors Ltd");
        values["Input.Website"] = "ftp://nope";
        values["Input.LegalForm"] = "Individual";
        using var response = await staff.SubmitAsync("/Clients/Create", "#client-form", values);
        var page = await CrmClient.ParseAsync(response);
        Assert.Contains("http://", HtmlAssert.FieldError(page, "Input.Website"), StringComparison.Ordinal);
        Assert.Contains("individual cannot be registered", HtmlAssert.FieldError(page, "Input.LegalForm"), StringComparison.Ordinal);
        Assert.Contains("Register a client", page.QuerySelector("h1")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_registration_number_known_in_another_department_blocks_the_save_and_names_only_that_department()
    {
        var (name, regNumber) = await App.WithDbAsync(async db =>
        {
            var other = await db.Clients.Include(c => c.Principals).FirstAsync(c => c.OwnerId == db.Users.First(u => u.UserName == "staff1a").Id);
            return (other.Name, other.RegistrationNumber!);
        });

        var staff = await SignedInAsync("staff2a");
        using var response = await staff.SubmitAsync("/Clients/Create", "#client-form",
            ClientForms.ValidRegistration("Totally New Name LLC", " " + regNumber.ToLowerInvariant() + " "));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await CrmClient.ParseAsync(response);
        var warning = page.QuerySelector("#duplicate-warning")!.TextContent;
        Assert.Contains("业务一部", warning, StringComparison.Ordinal);
        Assert.DoesNotContain(name, warning, StringComparison.Ordinal);
        // No link to the client; only the offer to request access (issue 13), whose opaque token does not carry the client's id.
        Assert.Empty(page.QuerySelectorAll("#duplicate-warning a:not(.request-access)"));
        var clientId = await App.WithDbAsync(db => db.Clients.Where(c => c.Name == name).Select(c => c.Id).FirstAsync());
        Assert.All(page.QuerySelectorAll("#duplicate-warning a.request-access"), a =>
        {
            Assert.DoesNotContain(clientId.ToString(), a.GetAttribute("href")!, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(clientId.ToString("N"), a.GetAttribute("href")!, StringComparison.OrdinalIgnoreCase);
        });
        Assert.Null(page.QuerySelector("[name='Input.ConfirmNotDuplicate'][type='checkbox']"));
        Assert.Equal(0, await App.WithDbAsync(db => db.Clients.CountAsync(c => c.Name == "Totally New Name LLC")));
    }

    [Fact]
    public async Task A_same_name_in_the_same_country_needs_confirmation_and_links_to_the_client_in_scope()
    {
        var staff = await SignedInAsync("staff1a");
        using (var first = await staff.SubmitAsync("/Clients/Create", "#client-form", ClientForms.ValidRegistration("Twin Towers Build")))
        {
            Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        }

        var values = ClientForms.ValidRegistration("twin towers, build");
        using var warned = await staff.SubmitAsync("/Clients/Create", "#client-form", values);
        Assert.Equal(HttpStatusCode.OK, warned.StatusCode);
        var page = await CrmClient.ParseAsync(warned);
        Assert.Equal("Twin Towers Build", page.QuerySelector("#duplicate-warning a")!.TextContent.Trim());

        var confirmed = new Dictionary<string, string?>(values) { ["Input.ConfirmNotDuplicate"] = "true" };
        using var saved = await staff.SubmitAsync(page, "/Clients/Create", "#client-form", confirmed);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal(2, await App.WithDbAsync(db => db.Clients.CountAsync(c => c.NormalizedName == "TWINTOWERSBUILD")));
    }

    [Fact]
    public async Task Exact_search_finds_clients_by_principal_phone_email_tax_and_registration_number()
    {
        var staff = await SignedInAsync("staff1a");
        var values = ClientForms.ValidRegistration("Searchable Marine", "REG-SEARCH-77");
        values["Input.TaxNumber"] = "TX-555-777";
        using (var saved = await staff.SubmitAsync("/Clients/Create", "#client-form", values))
        {
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        }

        foreach (var term in new[] { "00971501234567", "OMAR.HADDAD@example.com", "tx555777", "reg search 77", "Searchable" })
        {
            var page = await staff.GetPageAsync("/Clients?q=" + Uri.EscapeDataString(term));
            var names = page.QuerySelectorAll("#client-table a.client-link").Select(a => a.TextContent.Trim()).ToList();
            Assert.True(names.Contains("Searchable Marine"), $"search '{term}' found: {string.Join(", ", names)}");
        }

        var none = await staff.GetPageAsync("/Clients?q=" + Uri.EscapeDataString("+971 50 123 4568"));
        Assert.Empty(none.QuerySelectorAll("#client-table a.client-link"));

        // The blind-index hits are looked up within the searcher's scope: another owner finds nothing.
        var other = await SignedInAsync("staff1b");
        foreach (var term in new[] { "OMAR.HADDAD@example.com", "reg search 77", "Haddad" })
        {
            var page = await other.GetPageAsync("/Clients?q=" + Uri.EscapeDataString(term));
            Assert.DoesNotContain("Searchable Marine", page.QuerySelectorAll("#client-table a.client-link").Select(a => a.TextContent.Trim()));
        }
    }

    [Fact]
    public async Task Part_of_a_principal_name_or_of_the_Chinese_name_finds_the_client()
    {
        var staff = await SignedInAsync("staff1a");
        var values = ClientForms.ValidRegistration("Principal Found Trading", "REG-PRINCIPAL-9");
        values["Input.ChineseName"] = "海湾之星贸易";
        values["Principal.Name"] = "Khalid Al-Mansouri";
        using (var saved = await staff.SubmitAsync("/Clients/Create", "#client-form", values))
        {
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        }

        foreach (var term in new[] { "mansour", "Khalid Al", "之星贸", "found trad" })
        {
            var page = await staff.GetPageAsync("/Clients?q=" + Uri.EscapeDataString(term));
            var names = page.QuerySelectorAll("#client-table a.client-link").Select(a => a.TextContent.Trim()).ToList();
            Assert.True(names.Contains("Principal Found Trading"), $"search '{term}' found: {string.Join(", ", names)}");
        }

        // LIKE wildcards typed into the box are searched for as text.
        var percent = await staff.GetPageAsync("/Clients?q=" + Uri.EscapeDataString("%"));
        Assert.Empty(percent.QuerySelectorAll("#client-table a.client-link"));
    }

    [Fact]
    public async Task Edits_are_audited_with_before_and_after_and_confidential_fields_only_as_changed()
    {
        var staff = await SignedInAsync("staff1a");
        using var created = await staff.SubmitAsync("/Clients/Create", "#client-form", ClientForms.ValidRegistration("Audit Trail Foods"));
        var detailsUrl = created.Headers.Location!.OriginalString;
        var id = Guid.Parse(detailsUrl.Split('/').Last());

        using var edited = await staff.SubmitAsync($"/Clients/{id}/Edit", "#client-form", new Dictionary<string, string?>
        {
            ["Input.Address"] = "New Industrial Area 7",
            ["Input.BankAccount"] = "AE99 NEW ACCOUNT 0001",
        });
        Assert.Equal(HttpStatusCode.Redirect, edited.StatusCode);

        var update = await App.WithDbAsync(db => db.AuditEntries
            .Where(a => a.ClientId == id && a.EntityType == "Client" && a.Action == AuditAction.Updated).SingleAsync());
        Assert.Equal("staff1a", update.UserName);
        Assert.Contains("New Industrial Area 7", update.ChangesJson!, StringComparison.Ordinal);
        Assert.Contains("Sheikh Zayed Road 1, Dubai", update.ChangesJson!, StringComparison.Ordinal);
        using var changes = System.Text.Json.JsonDocument.Parse(update.ChangesJson!);
        Assert.True(changes.RootElement.GetProperty("BankAccount").GetProperty("changed").GetBoolean());
        Assert.False(changes.RootElement.GetProperty("BankAccount").TryGetProperty("to", out _));
        Assert.Equal("New Industrial Area 7", changes.RootElement.GetProperty("Address").GetProperty("to").GetString());
        Assert.DoesNotContain("AE99", update.ChangesJson!, StringComparison.Ordinal);

        var history = await staff.GetPageAsync($"/Clients/{id}/History");
        var version = Assert.Single(history.QuerySelectorAll(".card-version"));
        var cells = version.QuerySelectorAll("tbody tr").Select(tr => tr.TextContent).ToList();
        Assert.Contains(cells, c => c.Contains("Sheikh Zayed Road 1, Dubai", StringComparison.Ordinal) && c.Contains("New Industrial Area 7", StringComparison.Ordinal));
        Assert.Contains(cells, c => c.Contains("AE07 0331 2345 6789 0123 456", StringComparison.Ordinal) && c.Contains("AE99 NEW ACCOUNT 0001", StringComparison.Ordinal));
        Assert.Contains("一部业务员 陈静", version.QuerySelector(".card-header")!.TextContent, StringComparison.Ordinal);

        var leader = await SignedInAsync("leader");
        var log = await leader.GetPageAsync($"/Audit?clientId={id}");
        var rows = log.QuerySelectorAll("#audit-table tbody tr");
        Assert.True(rows.Length >= 3, "expected created client, created principal and updated client rows");
        Assert.NotNull(log.QuerySelector("#audit-table li[data-field='BankAccount'] .audit-redacted"));
    }

    [Fact]
    public async Task Two_people_editing_the_same_card_cannot_overwrite_each_other()
    {
        var staff = await SignedInAsync("staff1a");
        var head = await SignedInAsync("head1");
        var owner = await App.WithDbAsync(db => db.Users.Where(u => u.UserName == "staff1a").Select(u => u.Id).SingleAsync());
        var id = await App.WithDbAsync(db => db.Clients.Where(c => c.OwnerId == owner).Select(c => c.Id).FirstAsync());
        var staffForm = await staff.GetPageAsync($"/Clients/{id}/Edit");
        var headForm = await head.GetPageAsync($"/Clients/{id}/Edit");

        using var first = await head.SubmitAsync(headForm, $"/Clients/{id}/Edit", "#client-form", new Dictionary<string, string?> { ["Input.Postcode"] = "11111" });
        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        using var second = await staff.SubmitAsync(staffForm, $"/Clients/{id}/Edit", "#client-form", new Dictionary<string, string?> { ["Input.Postcode"] = "22222" });

        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        var page = await CrmClient.ParseAsync(second);
        Assert.Contains("已被他人修改", page.QuerySelector(".alert-danger")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("22222", HtmlAssert.FieldValue(page, "Input.Postcode"));
        Assert.Equal("11111", await App.WithDbAsync(db => db.Clients.Where(c => c.Id == id).Select(c => c.Postcode).SingleAsync()));
    }

    [Fact]
    public async Task Only_a_leader_can_set_a_client_active()
    {
        var staff = await SignedInAsync("staff1a");
        var owner = await App.WithDbAsync(db => db.Users.Where(u => u.UserName == "staff1a").Select(u => u.Id).SingleAsync());
        var id = await App.WithDbAsync(db => db.Clients.Where(c => c.OwnerId == owner && c.Status == ClientStatus.UnderEvaluation).Select(c => c.Id).FirstAsync());
        var page = await staff.GetPageAsync($"/Clients/{id}");
        var moves = page.QuerySelectorAll("#status-form option[value]:not([value=''])");
        Assert.NotEmpty(moves); // the owner may move it, only not to Active
        Assert.DoesNotContain(moves, o => o.GetAttribute("value") == "Active");

        using (var refused = await staff.SubmitAsync(page, $"/Clients/{id}", "#status-form", new Dictionary<string, string?> { ["to"] = "Active" }))
        {
            Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        }

        var after = await staff.GetPageAsync($"/Clients/{id}");
        Assert.Contains("只有公司领导", after.QuerySelector("#flash-error")!.TextContent, StringComparison.Ordinal);

        Assert.Equal(ClientStatus.UnderEvaluation, await App.WithDbAsync(db => db.Clients.Where(c => c.Id == id).Select(c => c.Status).SingleAsync()));

        var leader = await SignedInAsync("leader");
        using var done = await leader.SubmitAsync($"/Clients/{id}", "#status-form", new Dictionary<string, string?> { ["to"] = "Active", ["reason"] = "评估会议通过 Approved at the leaders' meeting" });
        Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);
        Assert.Equal(ClientStatus.Active, await App.WithDbAsync(db => db.Clients.Where(c => c.Id == id).Select(c => c.Status).SingleAsync()));
    }

    [Fact]
    public async Task A_search_run_before_a_client_is_registered_finds_it_when_run_again()
    {
        var staff = await SignedInAsync("staff1a");
        const string search = "/Clients?q=Second+Look+Shipping";
        Assert.Empty((await staff.GetPageAsync(search)).QuerySelectorAll("#client-table a.client-link"));

        using (var saved = await staff.SubmitAsync("/Clients/Create", "#client-form", ClientForms.ValidRegistration("Second Look Shipping")))
        {
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        }

        // The first page of a search is kept for a while; the registration must make the same search read again.
        var again = await staff.GetPageAsync(search);
        Assert.Equal(["Second Look Shipping"], again.QuerySelectorAll("#client-table a.client-link").Select(a => a.TextContent.Trim()).ToList());
        Assert.Contains("1", again.QuerySelector("#client-count")!.TextContent, StringComparison.Ordinal);
    }
}
