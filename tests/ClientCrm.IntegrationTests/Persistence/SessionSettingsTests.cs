using ClientCrm.Infrastructure.Persistence;
using ClientCrm.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace ClientCrm.IntegrationTests.Persistence;

/// <summary>
/// What the app's connections run with, read back from PostgreSQL: page queries without JIT and without parallel plans
/// (<see cref="PostgresConnectionSettings.Tune"/>); a set-based run's transaction gets PostgreSQL's default parallelism back,
/// for that transaction only (<see cref="PostgresConnectionSettings.RunSession"/>).
/// </summary>
public sealed class SessionSettingsTests(PostgresFixture postgres) : AppTest(postgres)
{
    [Fact]
    public async Task Page_queries_run_without_JIT_or_parallel_plans_and_a_run_gets_parallel_plans_for_its_transaction_only()
    {
        var (page, run, after) = await App.WithDbAsync(async db =>
        {
            var page = await SettingsAsync(db);
            string run;
            await using (var tx = await db.Database.BeginTransactionAsync())
            {
                await db.Database.ExecuteSqlRawAsync(PostgresConnectionSettings.RunSession);
                run = await SettingsAsync(db);
                await tx.CommitAsync();
            }

            return (page, run, await SettingsAsync(db));
        });

        Assert.Equal("jit=off parallel=0", page);
        Assert.Equal("jit=off parallel=2", run);
        Assert.Equal("jit=off parallel=0", after);
    }

    private static Task<string> SettingsAsync(CrmDbContext db) =>
        db.Database.SqlQueryRaw<string>(
                "SELECT 'jit=' || current_setting('jit') || ' parallel=' || current_setting('max_parallel_workers_per_gather') AS \"Value\"")
            .SingleAsync();
}
