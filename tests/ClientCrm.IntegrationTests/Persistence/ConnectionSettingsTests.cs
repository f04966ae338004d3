using ClientCrm.Infrastructure.Persistence;
using Npgsql;

namespace ClientCrm.IntegrationTests.Persistence;

public sealed class ConnectionSettingsTests
{
    [Fact]
    public void The_app_prepares_statements_keeps_them_across_pool_returns_and_turns_off_the_JIT_and_parallel_plans()
    {
        var tuned = new NpgsqlConnectionStringBuilder(PostgresConnectionSettings.Tune("Host=db;Database=crm;Username=crm;Options=-c statement_timeout=30000"));

        Assert.Equal(PostgresConnectionSettings.MaxAutoPrepare, tuned.MaxAutoPrepare);
        Assert.Equal(2, tuned.AutoPrepareMinUsages);
        Assert.True(tuned.NoResetOnClose);
        Assert.Equal("-c statement_timeout=30000 -c jit=off -c max_parallel_workers_per_gather=0", tuned.Options);
        Assert.Equal(PostgresConnectionSettings.DefaultMaxPoolSize, tuned.MaxPoolSize);
    }

    [Fact]
    public void What_the_operator_set_explicitly_is_kept()
    {
        var tuned = new NpgsqlConnectionStringBuilder(PostgresConnectionSettings.Tune(
            "Host=db;Database=crm;Max Auto Prepare=0;No Reset On Close=false;Options=-c jit=on -c max_parallel_workers_per_gather=4;Maximum Pool Size=60"));

        Assert.Equal(60, tuned.MaxPoolSize);
        Assert.Equal(0, tuned.MaxAutoPrepare);
        Assert.False(tuned.NoResetOnClose);
        Assert.Equal("-c jit=on -c max_parallel_workers_per_gather=4", tuned.Options);
    }
}
