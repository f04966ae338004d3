using System.Text.RegularExpressions;
using ClientCrm.Domain.Access;
using ClientCrm.Infrastructure.Access;
using ClientCrm.Infrastructure.Persistence;
using ClientCrm.Infrastructure.Security;
using ClientCrm.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ClientCrm.IntegrationTests.Persistence;

/// <summary>
/// The scope rule is one expression: PostgreSQL running it as the query filter and the app running it in memory
/// (<see cref="AccessScope.Sees"/>) must give every user the same clients, and each level's statement must stay the
/// plain one a generic plan is kept for.
/// </summary>
public sealed partial class ScopeRuleTests(PostgresFixture postgres) : AppTest(postgres)
{
    [Fact]
    public async Task The_query_filter_and_the_in_memory_check_see_the_same_clients_for_every_user()
    {
        var (clients, principals, users) = await App.WithDbAsync(async db => (
            await db.Clients.AsNoTracking().ToListAsync(),
            await db.Principals.AsNoTracking().Select(p => new { p.Id, p.ClientId }).ToListAsync(),
            await db.Users.Select(u => new
            {
                u.Id,
                u.UserName,
                u.DepartmentId,
                Roles = db.UserRoles.Where(ur => ur.UserId == u.Id).Join(db.Roles, ur => ur.RoleId, r => r.Id, (_, r) => r.Name!).ToList(),
            }).ToListAsync()));
        var scopes = users.Select(u => (u.UserName, Scope: AccessScope.For(u.Id, u.Roles, u.DepartmentId))).ToList();
        // A head whose department is gone sees nothing, by the same owner filter as staff.
        var head = users.Single(u => u.UserName == "head1");
        scopes.Add(("head1 without department", AccessScope.For(head.Id, head.Roles, null)));
        var clientById = clients.ToDictionary(c => c.Id);

        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (user, scope) in scopes)
        {
            var (byFilter, recordsByFilter) = await AsAsync(scope, async db =>
                (await db.Clients.Select(c => c.Id).ToListAsync(), await db.Principals.Select(p => p.Id).ToListAsync()));

            Assert.Equal(clients.Where(scope.Sees).Select(c => c.Id).Order(), byFilter.Order());
            Assert.Equal(principals.Where(p => scope.Sees(clientById[p.ClientId])).Select(p => p.Id).Order(), recordsByFilter.Order());
            seen[user!] = byFilter.Count;
        }

        // The demo company as the README describes it, so the comparison above covered every level.
        Assert.Equal(40, clients.Count);
        Assert.Equal((40, 27, 13, 14, 11, 11, 0, 0), (seen["leader"], seen["head1"], seen["head2"], seen["staff1a"], seen["staff1b"], seen["staff2a"],
            seen["admin"], seen["head1 without department"]));
    }

    /// <summary>
    /// Issue 9: one model per filter shape, so each level's statement is the same text every time, with one parameter and
    /// no OR, and a leader's has no filter and no join to the clients. The expected text is what the filters written
    /// in CrmDbContext before the rule moved to the domain generated, parameter names aside.
    /// </summary>
    [Theory]
    [InlineData(Roles.Staff, 1, OwnerClients, OwnerPrincipals, OwnerTimeline)]
    [InlineData(Roles.Admin, null, OwnerClients, OwnerPrincipals, OwnerTimeline)]
    [InlineData(Roles.DepartmentHead, 1, DepartmentClients, DepartmentPrincipals, DepartmentTimeline)]
    [InlineData(Roles.Leader, null, AllClients, AllPrincipals, AllTimeline)]
    public async Task Each_level_keeps_its_one_plain_statement(string role, int? department, string clients, string principals, string timeline)
    {
        var sql = await AsAsync(AccessScope.For("someone", [role], department), db => Task.FromResult(new[]
        {
            db.Clients.Select(c => c.Id).ToQueryString(),
            db.Principals.Select(p => p.Id).ToQueryString(),
            db.WarningEvents.Select(e => e.Id).ToQueryString(),
        }));

        Assert.Equal([clients, principals, timeline], sql.Select(Plain));
        // One value, whatever it is called: the scope's, read per query.
        Assert.All(sql, statement => Assert.True(ParameterName().Matches(statement).Select(m => m.Value).Distinct().Count() <= 1, statement));
    }

    private const string OwnerClients =
        """SELECT c."Id" FROM "Clients" AS c WHERE c."OwnerId" = @p""";
    private const string OwnerPrincipals =
        """SELECT p."Id" FROM "Principals" AS p INNER JOIN ( SELECT c."Id", c."OwnerId" FROM "Clients" AS c WHERE c."OwnerId" = @p ) AS c0 ON p."ClientId" = c0."Id" WHERE c0."OwnerId" = @p""";
    private const string OwnerTimeline =
        """SELECT w."Id" FROM "WarningEvents" AS w INNER JOIN ( SELECT w0."Id", c0."OwnerId" FROM "Warnings" AS w0 INNER JOIN ( SELECT c."Id", c."OwnerId" FROM "Clients" AS c WHERE c."OwnerId" = @p ) AS c0 ON w0."ClientId" = c0."Id" WHERE c0."OwnerId" = @p ) AS s ON w."WarningId" = s."Id" WHERE s."OwnerId" = @p""";
    private const string DepartmentClients =
        """SELECT c."Id" FROM "Clients" AS c WHERE c."DepartmentId" = @p""";
    private const string DepartmentPrincipals =
        """SELECT p."Id" FROM "Principals" AS p INNER JOIN ( SELECT c."Id", c."DepartmentId" FROM "Clients" AS c WHERE c."DepartmentId" = @p ) AS c0 ON p."ClientId" = c0."Id" WHERE c0."DepartmentId" = @p""";
    private const string DepartmentTimeline =
        """SELECT w."Id" FROM "WarningEvents" AS w INNER JOIN ( SELECT w0."Id", c0."DepartmentId" FROM "Warnings" AS w0 INNER JOIN ( SELECT c."Id", c."DepartmentId" FROM "Clients" AS c WHERE c."DepartmentId" = @p ) AS c0 ON w0."ClientId" = c0."Id" WHERE c0."DepartmentId" = @p ) AS s ON w."WarningId" = s."Id" WHERE s."DepartmentId" = @p""";
    private const string AllClients =
        """SELECT c."Id" FROM "Clients" AS c""";
    private const string AllPrincipals =
        """SELECT p."Id" FROM "Principals" AS p""";
    private const string AllTimeline =
        """SELECT w."Id" FROM "WarningEvents" AS w""";

    /// <summary>The statement without its parameter declarations and layout, parameters named alike.</summary>
    private static string Plain(string sql) =>
        Whitespace().Replace(ParameterName().Replace(string.Join(' ', sql.Split('\n').Where(l => !l.StartsWith("--", StringComparison.Ordinal))), "@p"), " ")
            .Trim();

    private async Task<T> AsAsync<T>(AccessScope scope, Func<CrmDbContext, Task<T>> work)
    {
        await using var services = App.Services.CreateAsyncScope();
        var options = services.ServiceProvider.GetRequiredService<DbContextOptions<CrmDbContext>>();
        var cipher = services.ServiceProvider.GetRequiredService<IFieldCipher>();
        await using var db = CrmDbContext.Create(options, new FixedActor(scope), cipher);
        return await work(db);
    }

    [GeneratedRegex(@"@\w+")]
    private static partial Regex ParameterName();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    private sealed class FixedActor(AccessScope scope) : ICurrentActor
    {
        public string? UserId => scope.UserId;

        public string? UserName => "test";

        public AccessScope Scope => scope;
    }
}
