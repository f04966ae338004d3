using System.Net;
using ClientCrm.Domain.Auditing;
using ClientCrm.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace ClientCrm.IntegrationTests.Persistence;

public sealed class AuditLogTests(PostgresFixture postgres) : AppTest(postgres)
{
    [Fact]
    public async Task A_new_department_is_logged_under_the_key_the_database_gave_it()
    {
        var admin = await SignedInAsync("admin");
        using (var created = await admin.SubmitAsync("/Admin/Departments/Create", "#department-form",
                   new Dictionary<string, string?> { ["Input.Name"] = "业务三部", ["Input.Code"] = "D3" }))
        {
            Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        }

        var id = await App.WithDbAsync(db => db.Departments.Where(d => d.Code == "D3").Select(d => d.Id).SingleAsync());
        var lines = await App.WithDbAsync(db => db.AuditEntries.Where(a => a.EntityType == "Department" && a.Action == AuditAction.Created).ToListAsync());
        var line = Assert.Single(lines, a => a.ChangesJson!.Contains("D3", StringComparison.Ordinal));
        Assert.Equal(id.ToString(System.Globalization.CultureInfo.InvariantCulture), line.EntityId);
        Assert.Equal("admin", line.UserName);

        var leader = await SignedInAsync("leader");
        var page = await leader.GetPageAsync("/Audit?entity=Department");
        Assert.Contains("业务三部", page.QuerySelector("#audit-table")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Work_done_outside_a_request_is_logged_as_the_system()
    {
        var seeded = await App.WithDbAsync(db => db.AuditEntries.Where(a => a.EntityType == "Client" && a.Action == AuditAction.Created)
            .Select(a => a.UserName).Distinct().ToListAsync());
        Assert.Equal(["system"], seeded);
    }
}
