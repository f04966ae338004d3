using ClientCrm.Domain.Access;
using ClientCrm.Domain.Auditing;
using ClientCrm.Infrastructure.Access;
using ClientCrm.Infrastructure.Persistence;
using ClientCrm.Infrastructure.Security;
using Microsoft.Extensions.DependencyInjection;
using ClientCrm.Domain.Clients;
using ClientCrm.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

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
        // on every client record and every line of one.
        await using var scope = App.Services.CreateAsyncScope();
        var options = scope.ServiceProvider.GetRequiredService<DbContextOptions<CrmDbContext>>();
        var cipher = scope.ServiceProvider.GetRequiredService<IFieldCipher>();
        await using var db = CrmDbContext.Create(options, new FixedActor(AccessScope.For("someone", [role], 1)), cipher);

        var clientData = ClientData(db.Model);

        // The walk reaches the records and lines there are today, whatever their keys are called.
        Assert.Superset(new HashSet<string>(["Client", "Principal", "ClientCardRevision", "ClientStatusChange", "CooperationProject", "WorkerIncident",
            "GradeProposal", "GradeChange", "Warning", "WarningEvent"]), clientData.Select(t => t.ClrType.Name).ToHashSet());
        Assert.Empty(Unfiltered(clientData));
    }

    [Theory]
    [InlineData(ScopeFilterShape.Owner)]
    [InlineData(ScopeFilterShape.Department)]
    public async Task The_scope_check_names_a_client_record_or_timeline_line_added_without_a_filter_whatever_its_key_is_called(ScopeFilterShape shape)
    {
        // The model of the app plus three new entities: a record whose key to the client is not called ClientId, a line whose
        // key to its warning is not called WarningId, and a line that declares itself one (IClientRecordLine) and so is scoped.
        await using var scope = App.Services.CreateAsyncScope();
        var options = scope.ServiceProvider.GetRequiredService<DbContextOptions<CrmDbContext>>();
        var cipher = scope.ServiceProvider.GetRequiredService<IFieldCipher>();
        await using var db = new StrayContext(CrmModelOptions.With(options, cipher, shape));

        var clientData = ClientData(db.Model);

        Assert.Contains(clientData, t => t.ClrType == typeof(DeclaredLine));
        Assert.Equal([nameof(StrayLine), nameof(StrayRecord)], Unfiltered(clientData));
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

    /// <summary>
    /// Every entity that holds client data: the client; every entity with a foreign key to one that does, whatever the key is
    /// called (a record of the client, a line of a record, a line of a line…); and every entity that keeps a ClientId without a
    /// foreign key. The audit log names clients without holding their data and is read by leaders only (folder policy); owned
    /// types (the client's derived classes) are read only through their client.
    /// </summary>
    private static List<IEntityType> ClientData(IModel model)
    {
        var found = new HashSet<IEntityType> { model.FindEntityType(typeof(Client))! };
        for (var grew = true; grew;)
        {
            var more = model.GetEntityTypes()
                .Where(t => !found.Contains(t))
                .Where(t => t.GetForeignKeys().Any(k => found.Contains(k.PrincipalEntityType)) || t.FindProperty("ClientId") is not null)
                .ToList();
            found.UnionWith(more);
            grew = more.Count > 0;
        }

        return found.Where(t => !RuledElsewhere.Contains(t.ClrType) && !t.IsOwned()).ToList();
    }

    /// <summary>
    /// Client data whose reading has a rule of its own, each tested where it lives: the audit log and the use log (使用登记)
    /// name clients and are read by leaders only (folder policy); an access request and its lines are their requester's and the
    /// leaders' (<see cref="Domain.Dossier.AccessRequest.VisibleTo"/>: the requester cannot see the client, so the client's
    /// filter would hide their own request); a document's chunks are ciphertext read only through a file the dossier's right
    /// (<see cref="ClientCrm.Infrastructure.Dossier.DossierAccess"/>) has granted.
    /// </summary>
    private static readonly HashSet<Type> RuledElsewhere =
    [
        typeof(AuditEntry), typeof(Domain.Dossier.DossierUse), typeof(Domain.Dossier.AccessRequest), typeof(Domain.Dossier.AccessRequestEvent),
        typeof(ClientCrm.Infrastructure.Dossier.ClientDocumentChunk),
    ];

    private static List<string> Unfiltered(IEnumerable<IEntityType> types) =>
        types.Where(t => t.GetRootType().GetDeclaredQueryFilters().Count == 0).Select(t => t.ClrType.Name).Order(StringComparer.Ordinal).ToList();

    /// <summary>The app's model plus entities a later change might add: see the test that uses it.</summary>
    private sealed class StrayContext(DbContextOptions<CrmDbContext> options) : CrmDbContext(options)
    {
        protected override void OnModelCreating(ModelBuilder builder)
        {
            builder.Entity<StrayRecord>().HasOne(r => r.Customer).WithMany().HasForeignKey(r => r.CustomerKey);
            builder.Entity<StrayLine>().HasOne(l => l.Parent).WithMany().HasForeignKey(l => l.ParentRef);
            builder.Entity<DeclaredLine>().HasOne(l => l.Parent).WithMany().HasForeignKey(l => l.ParentRef);
            base.OnModelCreating(builder);
        }
    }

    private sealed class StrayRecord
    {
        public Guid Id { get; set; }
        public Guid CustomerKey { get; set; }
        public Client? Customer { get; set; }
    }

    private sealed class StrayLine
    {
        public Guid Id { get; set; }
        public Guid ParentRef { get; set; }
        public ClientCrm.Domain.Warnings.Warning? Parent { get; set; }
    }

    private sealed class DeclaredLine : IClientRecordLine
    {
        public Guid Id { get; set; }
        public Guid ParentRef { get; set; }
        public ClientCrm.Domain.Warnings.Warning? Parent { get; set; }

        public Guid RecordId => ParentRef;
    }

    private sealed class FixedActor(AccessScope scope) : ICurrentActor
    {
        public string? UserId => scope.UserId;

        public string? UserName => "test";

        public AccessScope Scope => scope;
    }
}

