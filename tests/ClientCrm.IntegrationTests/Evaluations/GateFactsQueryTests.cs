using ClientCrm.Domain.Clients;
using ClientCrm.Domain.Evaluations;
using ClientCrm.Infrastructure.Evaluations;
using ClientCrm.IntegrationTests.Infrastructure;
using ClientCrm.Infrastructure.Access;
using ClientCrm.Infrastructure.Persistence;
using ClientCrm.Infrastructure.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ClientCrm.IntegrationTests.Evaluations;

/// <summary>
/// The business gate's facts read in one statement (<see cref="GateFactsQuery"/>): only the status changes since the evaluation's
/// approval count towards "paused too long, evaluate again" (SPEC §5.2), read from the database as the gate sees them.
/// </summary>
public sealed class GateFactsQueryTests(PostgresFixture postgres) : AppTest(postgres)
{
    [Fact]
    public async Task A_long_pause_before_the_approval_is_ignored_and_a_long_pause_after_it_asks_for_a_new_evaluation()
    {
        var (clientId, approvedAt) = await PassingClientAsync();
        var days = await App.WithDbAsync(db => db.WorkflowSettings.Select(s => s.PauseNeedsNewEvaluationDays).SingleAsync());

        await ChangeStatusAsync(clientId, (ClientStatus.Paused, approvedAt.AddDays(-days - 100)), (ClientStatus.Active, approvedAt.AddDays(-2)));
        var before = await App.WithDbAsync(db => GateFactsQuery.ReadAsync(db, clientId, App.Clock, default));
        Assert.Equal(2, await App.WithDbAsync(db => db.ClientStatusChanges.CountAsync(s => s.ClientId == clientId && s.ChangedAt < approvedAt)));
        Assert.DoesNotContain(before!.StatusChanges, c => c.At < approvedAt);
        Assert.NotEqual(ClientStatus.Paused, before.StatusChanges.MaxBy(c => c.At).To);
        Assert.Empty((await App.WithDbAsync(db => GateFactsQuery.MissingAsync(db, clientId, App.Clock, default)))!);

        // After the last change on record, so the new pause is the last one.
        var last = before.StatusChanges.Select(c => c.At).Append(approvedAt).Max();
        await ChangeStatusAsync(clientId, (ClientStatus.Paused, last.AddDays(1)), (ClientStatus.Active, last.AddDays(days + 2)));
        var after = await App.WithDbAsync(db => GateFactsQuery.ReadAsync(db, clientId, App.Clock, default));
        Assert.Equal([ClientStatus.Paused, ClientStatus.Active], after!.StatusChanges.OrderBy(c => c.At).TakeLast(2).Select(c => c.To));
        Assert.DoesNotContain(after.StatusChanges, c => c.At < approvedAt);
        Assert.Equal(TimeSpan.FromDays(days + 1), BusinessGate.LongestPause(after));
        Assert.Equal([GateCondition.EvaluationCurrent], (await App.WithDbAsync(db => GateFactsQuery.MissingAsync(db, clientId, App.Clock, default)))!);
    }

    [Fact]
    public async Task The_gate_with_its_settings_is_read_in_one_statement_sent_asynchronously()
    {
        var (clientId, _) = await PassingClientAsync();
        var commands = new CommandLog();
        // A context of its own with the counting interceptor; WithDbAsync only provides the scope.
        var facts = await App.WithDbAsync(async _ =>
        {
            await using var counted = CrmDbContext.Create(new DbContextOptionsBuilder<CrmDbContext>(
                    App.Services.GetRequiredService<DbContextOptions<CrmDbContext>>()).AddInterceptors(commands).Options,
                SystemActor.Instance, App.Services.GetRequiredService<IFieldCipher>());
            return await GateFactsQuery.ReadAsync(counted, clientId, App.Clock, default);
        });

        Assert.NotNull(facts);
        // A stored expression used inside the projection once made EF read the settings apart, synchronously, on every view:
        // under load that held thread-pool threads until the connection pool ran dry.
        Assert.Equal(0, commands.Synchronous);
        Assert.Equal(1, commands.Asynchronous);
    }

    private sealed class CommandLog : Microsoft.EntityFrameworkCore.Diagnostics.DbCommandInterceptor
    {
        public int Synchronous { get; private set; }

        public int Asynchronous { get; private set; }

        public override Microsoft.EntityFrameworkCore.Diagnostics.InterceptionResult<System.Data.Common.DbDataReader> ReaderExecuting(
            System.Data.Common.DbCommand command, Microsoft.EntityFrameworkCore.Diagnostics.CommandEventData eventData,
            Microsoft.EntityFrameworkCore.Diagnostics.InterceptionResult<System.Data.Common.DbDataReader> result)
        {
            Synchronous++;
            return result;
        }

        public override ValueTask<Microsoft.EntityFrameworkCore.Diagnostics.InterceptionResult<System.Data.Common.DbDataReader>> ReaderExecutingAsync(
            System.Data.Common.DbCommand command, Microsoft.EntityFrameworkCore.Diagnostics.CommandEventData eventData,
            Microsoft.EntityFrameworkCore.Diagnostics.InterceptionResult<System.Data.Common.DbDataReader> result, CancellationToken cancellationToken = default)
        {
            Asynchronous++;
            return ValueTask.FromResult(result);
        }
    }

    /// <summary>An active client that passes the gate today: approved, with a valid licence and credit certificate on file.</summary>
    private async Task<(Guid ClientId, DateTimeOffset ApprovedAt)> PassingClientAsync()
    {
        var candidates = await App.WithDbAsync(db => db.Clients.Where(c => c.Status == ClientStatus.Active && c.EvaluationApprovedAt != null)
            .OrderBy(c => c.Name).Select(c => new { c.Id, c.EvaluationApprovedAt }).ToListAsync());
        foreach (var candidate in candidates)
        {
            if ((await App.WithDbAsync(db => GateFactsQuery.MissingAsync(db, candidate.Id, App.Clock, default)))!.Count == 0)
            {
                return (candidate.Id, candidate.EvaluationApprovedAt!.Value);
            }
        }

        throw new InvalidOperationException("The demo data has no active client that passes the business gate.");
    }

    private Task ChangeStatusAsync(Guid clientId, params (ClientStatus To, DateTimeOffset At)[] changes) =>
        App.WithDbAsync(async db =>
        {
            var client = await db.Clients.SingleAsync(c => c.Id == clientId);
            foreach (var (to, at) in changes)
            {
                client.ChangeStatus(to, actorIsLeader: true, at, reason: "Gate test");
            }

            await db.SaveChangesAsync();
            return 0;
        });
}
