using ClientCrm.IntegrationTests.Infrastructure;
using ClientCrm.Infrastructure.Persistence;
using ClientCrm.IntegrationTests.Warnings;
using Microsoft.EntityFrameworkCore;

namespace ClientCrm.IntegrationTests.Todo;

/// <summary>
/// The workflow rows' copy of their client's department and owner (ClientScopeCopy), which the to-do lists read: the database
/// fills it on every write and carries a client's new owner and department to its rows.
/// </summary>
public sealed class ClientScopeCopyTests(PostgresFixture postgres) : AppTest(postgres)
{
    private static readonly string[] Tables = ["ClientEvaluations", "Warnings", "Complaints", "ContractReviews", "AccountabilityCases", "ClientDocuments"];

    [Fact]
    public async Task Every_workflow_row_written_by_the_demo_and_the_warning_engine_carries_its_clients_department()
    {
        // The engine writes its warnings with COPY, not through EF.
        await WarningArrange.RunEngineAsync(App);
        foreach (var table in Tables)
        {
            var (rows, wrong) = await CountAsync(table, clientId: null);
            Assert.True(rows > 0, $"The demo data has {table}.");
            Assert.True(wrong == 0, $"{wrong} of {rows} {table} rows carry another department or owner than their client's.");
        }
    }

    [Fact]
    public async Task A_client_moved_to_another_department_takes_its_open_warning_to_that_heads_todo()
    {
        await WarningArrange.RunEngineAsync(App);
        var head1 = await SignedInAsync("head1");
        var head2 = await SignedInAsync("head2");
        var before = await head1.GetPageAsync("/Todo?kind=Warning");
        var warning = before.QuerySelectorAll("#todo-table tbody tr[data-kind='Warning']").Select(tr => Guid.Parse(tr.GetAttribute("data-id")!)).First();
        var (clientId, staff2a, department2) = await App.WithDbAsync(async db => (
            await db.Warnings.Where(w => w.Id == warning).Select(w => w.ClientId).SingleAsync(),
            await db.Users.Where(u => u.UserName == "staff2a").Select(u => u.Id).SingleAsync(),
            await db.Users.Where(u => u.UserName == "staff2a").Select(u => u.DepartmentId!.Value).SingleAsync()));
        Assert.DoesNotContain(warning, await WarningsAsync(head2));

        var leader = await SignedInAsync("leader");
        using var saved = await leader.SubmitAsync($"/Clients/{clientId}/Edit", "#client-form", new Dictionary<string, string?> { ["OwnerId"] = staff2a });
        Assert.Equal(System.Net.HttpStatusCode.Redirect, saved.StatusCode);

        Assert.DoesNotContain(warning, await WarningsAsync(head1));
        Assert.Contains(warning, await WarningsAsync(head2));
        foreach (var table in Tables)
        {
            var (_, wrong) = await CountAsync(table, clientId);
            Assert.True(wrong == 0, $"{table}: the moved client's rows keep the old department or owner.");
        }

        var copied = await App.WithDbAsync(db => db.Warnings.Where(w => w.Id == warning)
            .Select(w => new { Department = EF.Property<int>(w, ClientScopeCopy.DepartmentColumn), Owner = EF.Property<string>(w, ClientScopeCopy.OwnerColumn) }).SingleAsync());
        Assert.Equal(department2, copied.Department);
        Assert.Equal(staff2a, copied.Owner);
    }

    private static async Task<List<Guid>> WarningsAsync(CrmClient head) =>
        (await head.GetPageAsync("/Todo?kind=Warning")).QuerySelectorAll("#todo-table tbody tr[data-kind='Warning']")
        .Select(tr => Guid.Parse(tr.GetAttribute("data-id")!)).ToList();

    /// <summary>A table's rows (of one client, or all) and how many of them carry another department or owner than their client's.</summary>
    private Task<(int Rows, int Wrong)> CountAsync(string table, Guid? clientId) => App.WithDbAsync(async db =>
    {
        var sql = $"""
             SELECT count(*)::int AS "Rows", count(*) FILTER (WHERE r."{ClientScopeCopy.DepartmentColumn}" <> c."DepartmentId" OR r."{ClientScopeCopy.OwnerColumn}" <> c."OwnerId")::int AS "Wrong"
             FROM "{table}" r JOIN "Clients" c ON c."Id" = r."ClientId"
             """;
        // The table names are this class's own constants; the client is a parameter.
        var oneClient = sql + """ WHERE r."ClientId" = {0}""";
        var counts = clientId is { } id
            ? await db.Database.SqlQueryRaw<Counts>(oneClient, id).SingleAsync()
            : await db.Database.SqlQueryRaw<Counts>(sql).SingleAsync();
        return (counts.Rows, counts.Wrong);
    });

    private sealed record Counts(int Rows, int Wrong);
}
