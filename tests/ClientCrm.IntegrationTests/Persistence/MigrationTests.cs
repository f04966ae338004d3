using ClientCrm.IntegrationTests.Infrastructure;
using ClientCrm.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace ClientCrm.IntegrationTests.Persistence;

/// <summary>The migrations build exactly the schema of the current model — no drift, nothing forgotten.</summary>
public sealed class MigrationTests(PostgresFixture postgres) : AppTest(postgres)
{
    [Fact]
    public async Task The_model_has_no_changes_without_a_migration()
    {
        var pending = await App.WithDbAsync(db => Task.FromResult(db.Database.HasPendingModelChanges()));
        Assert.False(pending, "The model changed without a migration: run dotnet ef migrations add (see README).");
    }

    [Fact]
    public async Task Migrated_schema_equals_the_schema_the_model_creates()
    {
        // App.ConnectionString was migrated by the app at start-up (via the template); build a second one from the model alone.
        var fromModel = App.ConnectionString.Replace("Database=crm_test_", "Database=crm_model_", StringComparison.Ordinal);
        await using (var scope = App.Services.CreateAsyncScope())
        {
            var options = new DbContextOptionsBuilder<ClientCrm.Infrastructure.Persistence.CrmDbContext>()
                .UseNpgsql(fromModel).Options;
            await using var db = ClientCrm.Infrastructure.Persistence.CrmDbContext.Create(options,
                ClientCrm.Infrastructure.Access.SystemActor.Instance,
                scope.ServiceProvider.GetRequiredService<ClientCrm.Infrastructure.Security.IFieldCipher>());
            await db.Database.EnsureCreatedAsync();
        }

        var migrated = await SchemaAsync(App.ConnectionString);
        var modelled = await SchemaAsync(fromModel);
        Assert.NotEmpty(migrated);
        // Quartz's job store is Quartz's schema, not the model's: a migration creates it from Quartz's own script.
        var (quartz, ours) = (migrated.Where(IsQuartz).ToList(), migrated.Where(r => !IsQuartz(r)).ToList());
        Assert.Contains(quartz, r => r.StartsWith("column qrtz_triggers.next_fire_time bigint", StringComparison.Ordinal));
        Assert.DoesNotContain(modelled, IsQuartz);
        Assert.Equal(modelled, ours);
    }

    private static bool IsQuartz(string row) =>
        row.StartsWith("column qrtz_", StringComparison.Ordinal) || row.StartsWith("constraint qrtz_", StringComparison.Ordinal)
        || row.StartsWith("index CREATE INDEX idx_qrtz_", StringComparison.Ordinal) || row.Contains(" ON public.qrtz_", StringComparison.Ordinal);

    private static async Task<List<string>> SchemaAsync(string connectionString)
    {
        const string sql = """
            SELECT 'column ' || table_name || '.' || column_name || ' ' || data_type || ' null=' || is_nullable
                   || ' len=' || coalesce(character_maximum_length::text, '') || ' prec=' || coalesce(numeric_precision::text, '')
                   || ' scale=' || coalesce(numeric_scale::text, '') || ' default=' || coalesce(column_default, '')
            FROM information_schema.columns WHERE table_schema = 'public' AND table_name <> '__EFMigrationsHistory'
            UNION ALL
            SELECT 'index ' || indexdef FROM pg_indexes WHERE schemaname = 'public' AND tablename <> '__EFMigrationsHistory'
            UNION ALL
            SELECT 'constraint ' || conrelid::regclass::text || ' ' || conname || ' ' || pg_get_constraintdef(oid)
            FROM pg_constraint WHERE connamespace = 'public'::regnamespace AND conrelid::regclass::text <> '"__EFMigrationsHistory"'
            ORDER BY 1
            """;
        var rows = new List<string>();
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows.Add(reader.GetString(0));
        }

        return rows;
    }

    [Fact]
    public async Task The_database_refuses_a_second_client_with_the_same_registration_number()
    {
        var refused = await App.WithDbAsync(async db =>
        {
            var owner = await db.Users.Where(u => u.UserName == "staff1a").Select(u => new { u.Id, u.DepartmentId }).SingleAsync();
            var existing = await db.Clients.Where(c => c.RegistrationNumber != null).Select(c => c.RegistrationNumber).FirstAsync();
            var card = new ClientCrm.Domain.Clients.ClientCard
            {
                Type = ClientCrm.Domain.Clients.ClientType.Employer,
                LegalForm = ClientCrm.Domain.Clients.LegalForm.Company,
                Name = "Racing Registration Co",
                CountryCode = "QA",
                Region = ClientCrm.Domain.Clients.Region.ME,
                Industry = ClientCrm.Domain.Clients.Industry.Construction,
                RegistrationNumber = existing,
            };
            db.Clients.Add(ClientCrm.Domain.Clients.Client.Register(card, null, owner.Id, owner.DepartmentId!.Value, ClientCrm.Domain.Grading.GradingThresholds.Default, App.Clock));
            var ex = await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
            return ex.IsUniqueViolation();
        });
        Assert.True(refused);
    }
}

