using System.Net;
using System.Text.Json;
using ClientCrm.Domain.Clients;
using ClientCrm.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static ClientCrm.IntegrationTests.Projects.ProjectTestData;

namespace ClientCrm.IntegrationTests.Clients;

/// <summary>Pausing or terminating cooperation with a client needs a reason, which the status history and the audit log keep.</summary>
public sealed class ClientStatusReasonTests(PostgresFixture postgres) : AppTest(postgres)
{
    private const string Reason = "雇主拖欠上一批工人工资未结清 Last batch's wages still owed";

    private Task<ClientStatus> StatusAsync(Guid id) =>
        App.WithDbAsync(db => db.Clients.Where(c => c.Id == id).Select(c => c.Status).SingleAsync());

    [Fact]
    public async Task Pausing_a_client_without_a_reason_is_refused_next_to_the_reason_in_Chinese_and_English_and_changes_nothing()
    {
        var id = await FreshActiveClientAsync(App, "staff1a");
        var staff = await SignedInAsync("staff1a");
        var url = $"/Clients/{id}";

        using var refused = await staff.SubmitAsync(url, "#status-form", new Dictionary<string, string?> { ["to"] = "Paused", ["reason"] = "  " });

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var page = await CrmClient.ParseAsync(refused);
        Assert.Contains("暂停合作或中止合作须填写原因", HtmlAssert.FieldError(page, "reason"), StringComparison.Ordinal);
        Assert.Equal("Paused", HtmlAssert.FieldValue(page, "to"));
        Assert.Equal(ClientStatus.Active, await StatusAsync(id));
        Assert.Equal(0, await App.WithDbAsync(db => db.ClientStatusChanges.CountAsync(s => s.ClientId == id && s.ToStatus == ClientStatus.Paused)));

        // Terminating asks the same; what was chosen stays chosen.
        using var terminate = await staff.SubmitAsync(url, "#status-form", new Dictionary<string, string?> { ["to"] = "Terminated", ["reason"] = "" });
        var terminatePage = await CrmClient.ParseAsync(terminate);
        Assert.Contains("须填写原因", HtmlAssert.FieldError(terminatePage, "reason"), StringComparison.Ordinal);
        Assert.Equal("Terminated", HtmlAssert.FieldValue(terminatePage, "to"));

        using (var switched = await staff.SubmitAsync(url, "form[action='/Culture']", submitName: "culture", submitValue: "en-US"))
        {
            Assert.Equal(HttpStatusCode.Redirect, switched.StatusCode);
        }

        using var english = await staff.SubmitAsync(url, "#status-form", new Dictionary<string, string?> { ["to"] = "Paused", ["reason"] = "" });
        Assert.Contains("needs a reason", HtmlAssert.FieldError(await CrmClient.ParseAsync(english), "reason"), StringComparison.Ordinal);
        Assert.Equal(ClientStatus.Active, await StatusAsync(id));
    }

    [Fact]
    public async Task Pausing_with_a_reason_shows_it_on_the_client_page_in_the_status_history_and_in_the_audit_log()
    {
        var id = await FreshActiveClientAsync(App, "staff1a");
        var staff = await SignedInAsync("staff1a");
        var url = $"/Clients/{id}";

        using (var paused = await staff.SubmitAsync(url, "#status-form", new Dictionary<string, string?> { ["to"] = "Paused", ["reason"] = Reason }))
        {
            Assert.Equal(HttpStatusCode.Redirect, paused.StatusCode);
        }

        Assert.Equal(ClientStatus.Paused, await StatusAsync(id));
        var page = await staff.GetPageAsync(url);
        Assert.Contains(Reason, page.QuerySelector("#status-reason")!.TextContent, StringComparison.Ordinal);

        var history = await staff.GetPageAsync(page.QuerySelector("#status-history-link")!.GetAttribute("href")!);
        var latest = history.QuerySelectorAll("#status-history-table tr.status-change").First();
        Assert.Equal("合作中（进入操作程序） → 暂停合作", latest.QuerySelector(".status-change-move")!.TextContent.Trim());
        Assert.Equal(Reason, latest.QuerySelector(".status-change-reason")!.TextContent.Trim());
        // The person, by name, not by login.
        Assert.Equal("一部业务员 陈静", latest.QuerySelector(".status-change-by")!.TextContent.Trim());

        var entry = (await App.WithDbAsync(db => db.AuditEntries.Where(a => a.EntityType == "Client" && a.ClientId == id).OrderByDescending(a => a.Id).ToListAsync()))
            .First(a => a.ChangesJson!.Contains("StatusReason", StringComparison.Ordinal));
        Assert.Equal("staff1a", entry.UserName);
        using var changes = JsonDocument.Parse(entry.ChangesJson!);
        Assert.Equal("Paused", changes.RootElement.GetProperty("Status").GetProperty("to").GetString());
        Assert.Equal(Reason, changes.RootElement.GetProperty("StatusReason").GetProperty("to").GetString());

        // The leader resumes cooperation; both changes stay in the history, newest first.
        var leader = await SignedInAsync("leader");
        using (var resumed = await leader.SubmitAsync(url, "#status-form", new Dictionary<string, string?> { ["to"] = "Active", ["reason"] = "欠薪已结清 Wages paid" }))
        {
            Assert.Equal(HttpStatusCode.Redirect, resumed.StatusCode);
        }

        var lines = (await leader.GetPageAsync($"/Clients/{id}/History")).QuerySelectorAll("#status-history-table tr.status-change")
            .Select(tr => (tr.QuerySelector(".status-change-move")!.TextContent.Trim(), tr.QuerySelector(".status-change-reason")!.TextContent.Trim()))
            .Take(2).ToList();
        Assert.Equal([("暂停合作 → 合作中（进入操作程序）", "欠薪已结清 Wages paid"), ("合作中（进入操作程序） → 暂停合作", Reason)], lines);
    }
}
