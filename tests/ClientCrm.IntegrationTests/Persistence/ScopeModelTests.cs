using ClientCrm.Domain.Access;
using ClientCrm.Domain.Auditing;
using ClientCrm.Infrastructure.Access;
using ClientCrm.Infrastructure.Persistence;
using ClientCrm.Infrastructure.Security;
using Microsoft.Extensions.DependencyInjection;
using ClientCrm.Domain.Clients;
using ClientCrm.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace ClientCrm.IntegrationTests.Persistence;

/// <summary>Guards the one place scoping lives: no client data can be added to the model without a scope filter.</summary>
public sealed class ScopeModelTests(PostgresFixture postgres) : AppTest(postgres)
{
    [Theory]
    [InlineData(Roles.Staff)]
    [InlineData(Roles.DepartmentHead)]
    public async Task Every_entity_that_belongs_to_a_client_is_filtered_by_access_scope(string role)
    {
        // Each scope level has its own model (CrmModelOptions); the leaders' has no filter at all, the others must have one
        // on every client record.
        await using var scope = App.Services.CreateAsyncScope();
        var options = scope.ServiceProvider.GetRequiredService<DbContextOptions<CrmDbContext>>();
        var cipher = scope.ServiceProvider.GetRequiredService<IFieldCipher>();
        await using var db = CrmDbContext.Create(options, new FixedActor(AccessScope.For("someone", [role], 1)), cipher);
        var unfiltered = db.Model.GetEntityTypes()
            .Where(t => t.ClrType == typeof(Client) || t.FindProperty("ClientId") is not null
                // A warning's timeline lines hold client data through their warning.
                || t.FindProperty("WarningId") is not null)
            // The audit log is read by leaders only (folder policy) and names clients without holding their data.
            .Where(t => t.ClrType != typeof(AuditEntry))
            // Owned types (the client's derived classes) are read only through their client, which is filtered.
            .Where(t => !t.IsOwned())
            .Where(t => t.GetDeclaredQueryFilters().Count == 0)
            .Select(t => t.ClrType.Name)
            .ToList();

        Assert.Empty(unfiltered);
        Assert.True(typeof(IClientRecord).IsAssignableFrom(typeof(Principal)));
        Assert.True(typeof(IClientRecord).IsAssignableFrom(typeof(ClientCardRevision)));
    }

    [Fact]
    public async Task Client_records_queried_directly_are_limited_to_the_clients_in_scope()
    {
        // A card edit on a client of staff2a and on one of someone else: archived cards on both sides of the scope.
        await App.WithDbAsync(async db =>
        {
            var staff2a = await db.Users.Where(u => u.UserName == "staff2a").Select(u => u.Id).SingleAsync();
            foreach (var client in new[] { await db.Clients.FirstAsync(c => c.OwnerId == staff2a), await db.Clients.FirstAsync(c => c.OwnerId != staff2a) })
            {
                client.UpdateCard(client.CurrentCard() with { Website = "https://scope-" + client.Id.ToString("N")[..8] + ".example" }, App.Clock, "test");
            }

            await db.SaveChangesAsync();
        });
        var (ownerId, departmentId, ownPrincipals, allPrincipals, ownRevisions, allRevisions) = await App.WithDbAsync(async db =>
        {
            var owner = await db.Users.Where(u => u.UserName == "staff2a").Select(u => new { u.Id, u.DepartmentId }).SingleAsync();
            return (owner.Id, owner.DepartmentId, await db.Principals.CountAsync(p => p.Client!.OwnerId == owner.Id), await db.Principals.CountAsync(),
                await db.ClientCardRevisions.CountAsync(r => r.Client!.OwnerId == owner.Id), await db.ClientCardRevisions.CountAsync());
        });

        await using var scope = App.Services.CreateAsyncScope();
        var options = scope.ServiceProvider.GetRequiredService<DbContextOptions<CrmDbContext>>();
        var cipher = scope.ServiceProvider.GetRequiredService<IFieldCipher>();
        await using var asStaff = CrmDbContext.Create(options, new FixedActor(AccessScope.For(ownerId, [Roles.Staff], departmentId)), cipher);
        await using var asAdmin = CrmDbContext.Create(options, new FixedActor(AccessScope.For("x", [Roles.Admin], null)), cipher);

        Assert.True(ownPrincipals > 0 && ownPrincipals < allPrincipals);
        Assert.Equal(ownPrincipals, await asStaff.Principals.CountAsync());
        Assert.True(ownRevisions > 0 && ownRevisions < allRevisions, $"{ownRevisions} of {allRevisions}");
        Assert.Equal(ownRevisions, await asStaff.ClientCardRevisions.CountAsync());
        Assert.Equal(0, await asAdmin.Principals.CountAsync());
        Assert.Equal(0, await asAdmin.ClientCardRevisions.CountAsync());
        Assert.Equal(0, await asAdmin.Clients.CountAsync());
    }

    [Fact]
    public async Task Warning_timeline_lines_queried_directly_are_limited_to_the_clients_in_scope()
    {
        await Warnings.WarningArrange.RunEngineAsync(App); // the demo's warnings, in both departments
        var (headId, departmentId, ownLines, allLines) = await App.WithDbAsync(async db =>
        {
            var head = await db.Users.Where(u => u.UserName == "head2").Select(u => new { u.Id, u.DepartmentId }).SingleAsync();
            return (head.Id, head.DepartmentId, await db.WarningEvents.CountAsync(e => e.Warning!.Client!.DepartmentId == head.DepartmentId),
                await db.WarningEvents.CountAsync());
        });

        await using var scope = App.Services.CreateAsyncScope();
        var options = scope.ServiceProvider.GetRequiredService<DbContextOptions<CrmDbContext>>();
        var cipher = scope.ServiceProvider.GetRequiredService<IFieldCipher>();
        await using var asHead = CrmDbContext.Create(options, new FixedActor(AccessScope.For(headId, [Roles.DepartmentHead], departmentId)), cipher);

        Assert.True(ownLines > 0 && ownLines < allLines, $"{ownLines} of {allLines}");
        Assert.Equal(ownLines, await asHead.WarningEvents.CountAsync());
    }

    private sealed class FixedActor(AccessScope scope) : ICurrentActor
    {
        public string? UserId => scope.UserId;

        public string? UserName => "test";

        public AccessScope Scope => scope;
    }
}

