using ClientCrm.Domain.Access;
using ClientCrm.Infrastructure.Identity;
using ClientCrm.Infrastructure.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ClientCrm.Infrastructure.Seeding;

/// <summary>Start-up work on the database: migrations, the four roles, the first admin, demo data where allowed.</summary>
public static class DatabaseInitializer
{
    /// <summary>How long one migration statement may run at start-up.</summary>
    public static readonly TimeSpan MigrationCommandTimeout = TimeSpan.FromHours(1);

    public static async Task InitializeAsync(IServiceProvider services, IConfiguration configuration, IHostEnvironment environment,
        CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(environment);
        await using var scope = services.CreateAsyncScope();
        var sp = scope.ServiceProvider;
        var logger = sp.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(DatabaseInitializer));
        var db = sp.GetRequiredService<CrmDbContext>();
        // Creating the history table first spares a fresh database EF's logged (and alarming, but harmless)
        // failed SELECT on the missing table.
        // (Migrate creates a missing database itself, so only an existing one gets the table first.)
        if (await db.GetService<Microsoft.EntityFrameworkCore.Storage.IRelationalDatabaseCreator>().ExistsAsync(ct))
        {
            await db.Database.ExecuteSqlRawAsync(db.GetService<IHistoryRepository>().GetCreateIfNotExistsScript(), ct);
        }

        // A migration that builds an index or rewrites a column on a large database (1.45 million audit rows) takes longer
        // than the 30-second command timeout that suits requests; the start-up waits for it instead of failing.
        db.Database.SetCommandTimeout(MigrationCommandTimeout);
        await db.Database.MigrateAsync(ct);
        db.Database.SetCommandTimeout(null);
        // Due days are the company's dates: the business clock (Crm:TimeZone) converts the stored instants.
        var scheduled = await Grading.ContactSchedule.ScheduleMissingAsync(db, await Grading.GradingSettingsQueries.GradingThresholdsAsync(db, ct),
            sp.GetRequiredService<Domain.Common.BusinessClock>(), ct);
        if (scheduled > 0)
        {
            logger.LogInformation("Stored the contact and card-review due days of {Clients} clients", scheduled);
        }

        await EnsureRolesAsync(sp.GetRequiredService<RoleManager<IdentityRole>>());

        var seedDemo = configuration.GetValue<bool>("Crm:SeedDemoData");
        if (seedDemo && !environment.IsDevelopment())
        {
            // Demo accounts share one published password: they exist only on a developer's machine.
            logger.LogWarning("Crm:SeedDemoData is ignored outside Development");
            seedDemo = false;
        }

        if (seedDemo)
        {
            if (sp.GetService<IDemoCompany>() is { } demo)
            {
                // The demo company's history is written after the fact: nothing follows from it (its first warnings come from
                // the first scheduled run, as in a real start).
                using (Outbox.OutboxWriter.DropEvents())
                {
                    await demo.SeedAsync(sp, ct);
                }
            }
            else
            {
                logger.LogWarning("Crm:SeedDemoData is set, but this build has no demo data: only Debug builds carry it");
            }
        }

        await EnsureInitialAdminAsync(sp, configuration, logger);
    }

    public static async Task EnsureRolesAsync(RoleManager<IdentityRole> roles)
    {
        ArgumentNullException.ThrowIfNull(roles);
        foreach (var role in Roles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                Check(await roles.CreateAsync(new IdentityRole(role)), $"create role {role}");
            }
        }
    }

    /// <summary>
    /// A production install starts with no users; Crm:InitialAdmin:Password (set once, e.g. in the deployment's
    /// secret store) creates the first admin, who then creates everyone else.
    /// </summary>
    private static async Task EnsureInitialAdminAsync(IServiceProvider sp, IConfiguration configuration, ILogger logger)
    {
        var password = configuration["Crm:InitialAdmin:Password"];
        if (string.IsNullOrWhiteSpace(password))
        {
            return;
        }

        var users = sp.GetRequiredService<UserManager<CrmUser>>();
        if (await users.Users.AnyAsync())
        {
            return;
        }

        var userName = configuration["Crm:InitialAdmin:UserName"] ?? "admin";
        var admin = new CrmUser
        {
            UserName = userName,
            DisplayName = "系统管理员",
            CreatedAt = sp.GetRequiredService<TimeProvider>().GetUtcNow(),
        };
        Check(await users.CreateAsync(admin, password), "create the initial admin");
        Check(await users.AddToRoleAsync(admin, Roles.Admin), "give the initial admin its role");
        logger.LogInformation("Created the initial admin account {UserName}", userName);
    }

    /// <summary>Stops the start-up with what failed, when Identity refused to create a role or a user.</summary>
    public static void Check(IdentityResult result, string what)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"Could not {what}: " + string.Join("; ", result.Errors.Select(e => e.Description)));
        }
    }
}
