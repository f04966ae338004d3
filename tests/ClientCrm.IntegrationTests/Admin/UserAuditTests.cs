using System.Text.Json;
using ClientCrm.Domain.Access;
using ClientCrm.Domain.Auditing;
using ClientCrm.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace ClientCrm.IntegrationTests.Admin;

public sealed class UserAuditTests(PostgresFixture postgres) : AppTest(postgres)
{
    [Fact]
    public async Task Every_user_change_is_audited_as_CrmUser_with_password_hash_and_stamp_only_marked_changed()
    {
        var admin = await SignedInAsync("admin");
        var d1 = await AdminTestData.DepartmentIdAsync(App, "D1");
        var d2 = await AdminTestData.DepartmentIdAsync(App, "D2");
        using (var created = await admin.SubmitAsync("/Admin/Users/Create", "#user-form", new Dictionary<string, string?>
               {
                   ["Input.UserName"] = "staff1c",
                   ["Input.DisplayName"] = "一部业务员 周敏",
                   ["Input.Role"] = Roles.Staff,
                   ["Input.DepartmentId"] = d1,
                   ["Input.Password"] = AdminTestData.NewPassword,
               }))
        {
            AdminTestData.AssertRedirectsTo(created, "/Admin/Users");
        }

        var id = await AdminTestData.UserIdAsync(App, "staff1c");
        var edit = $"/Admin/Users/Edit/{id}";
        var secrets = new List<string>();
        async Task RememberSecretsAsync() => secrets.AddRange(await App.WithDbAsync(db =>
            db.Users.Where(u => u.Id == id).Select(u => new[] { u.PasswordHash!, u.SecurityStamp! }).SingleAsync()));

        await RememberSecretsAsync();
        using (var saved = await admin.SubmitAsync(edit, "#user-form", new Dictionary<string, string?>
               {
                   ["Input.DisplayName"] = "二部经理 周敏",
                   ["Input.Role"] = Roles.DepartmentHead,
                   ["Input.DepartmentId"] = d2,
               }))
        {
            AdminTestData.AssertRedirectsTo(saved, edit);
        }

        await RememberSecretsAsync();
        using (var disabled = await admin.SubmitAsync(edit, "#disable-form"))
        {
            AdminTestData.AssertRedirectsTo(disabled, edit);
        }

        await RememberSecretsAsync();
        using (var reset = await admin.SubmitAsync(edit, "#password-form", new Dictionary<string, string?> { ["Reset.NewPassword"] = "Another-Harbour-Lantern-99" }))
        {
            AdminTestData.AssertRedirectsTo(reset, edit);
        }

        await RememberSecretsAsync();
        var entries = await App.WithDbAsync(db => db.AuditEntries.AsNoTracking()
            .Where(a => a.EntityType == "CrmUser" && a.EntityId == id).OrderBy(a => a.Id).ToListAsync());

        Assert.All(entries, e => Assert.Equal("admin", e.UserName));
        Assert.All(entries, e => Assert.Null(e.ClientId));
        foreach (var secret in secrets)
        {
            Assert.All(entries, e => Assert.DoesNotContain(secret, e.ChangesJson ?? "", StringComparison.Ordinal));
        }

        var changes = entries.Select(e => (e.Action, Fields: Parse(e.ChangesJson))).ToList();
        var creation = Assert.Single(changes, c => c.Action == AuditAction.Created && c.Fields.ContainsKey("PasswordHash"));
        Assert.True(creation.Fields["PasswordHash"].GetProperty("changed").GetBoolean());
        Assert.False(creation.Fields["PasswordHash"].TryGetProperty("to", out _));
        Assert.True(creation.Fields["SecurityStamp"].GetProperty("changed").GetBoolean());
        Assert.Equal("一部业务员 周敏", creation.Fields["DisplayName"].GetProperty("to").GetString());
        Assert.Contains(changes, c => c.Action == AuditAction.Created && c.Fields.TryGetValue("Role", out var r)
                                                                    && r.GetProperty("to").GetString() == Roles.Staff);

        Assert.Contains(changes, c => c.Fields.TryGetValue("DisplayName", out var n)
                                      && n.GetProperty("from").GetString() == "一部业务员 周敏"
                                      && n.GetProperty("to").GetString() == "二部经理 周敏");
        Assert.Contains(changes, c => c.Fields.TryGetValue("Role", out var r)
                                      && r.GetProperty("from").GetString() == Roles.Staff
                                      && r.GetProperty("to").GetString() == Roles.DepartmentHead);
        Assert.Contains(changes, c => c.Fields.TryGetValue("IsDisabled", out var d) && d.GetProperty("to").GetBoolean()
                                      && c.Fields["SecurityStamp"].GetProperty("changed").GetBoolean());
        Assert.Contains(changes, c => c.Action == AuditAction.Updated && c.Fields.TryGetValue("PasswordHash", out var p)
                                      && p.GetProperty("changed").GetBoolean());
    }

    private static Dictionary<string, JsonElement> Parse(string? json) =>
        string.IsNullOrEmpty(json)
            ? []
            : JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(json) ?? [];
}
