using ClientCrm.Domain.Accountability;
using ClientCrm.Domain.Clients;
using ClientCrm.Domain.Common;
using ClientCrm.Domain.Warnings;
using ClientCrm.Infrastructure.Outbox;
using ClientCrm.Infrastructure.Persistence;
using ClientCrm.Infrastructure.Persistence.Configurations;
using Microsoft.EntityFrameworkCore;

namespace ClientCrm.Infrastructure.Accountability;

/// <summary>
/// Opens the accountability case the system owes (SPEC §5.3): when the demand-drop rule raises a warning on a client that
/// is A or B now, and when a client turns Terminated. One open case per client and trigger, even when the event comes
/// twice (a redelivery, a second termination after a reactivation while the first case is still open): the open case is
/// looked for first, and the partial unique index settles a race between two deliveries. The report is due the leaders'
/// setting of days after the company's today.
/// </summary>
public sealed class AccountabilityAutoOpen(CrmDbContext db, BusinessClock clock) : IDomainEventHandler<WarningRaised>, IDomainEventHandler<ClientStatusChanged>
{
    public async Task HandleAsync(WarningRaised domainEvent, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(domainEvent);
        if (domainEvent.Rule != WarningRule.DemandDrop)
        {
            return;
        }

        // The grade now, not when the warning was raised: a client regraded to C meanwhile owes no report.
        var client = await db.Clients.IgnoreQueryFilters().SingleAsync(c => c.Id == domainEvent.ClientId, ct);
        if (AccountabilityCase.TriggerFor(domainEvent.Rule, client.Grade) is { } trigger)
        {
            await OpenAsync(client, trigger, domainEvent.WarningId, ct);
        }
    }

    public async Task HandleAsync(ClientStatusChanged domainEvent, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(domainEvent);
        if (AccountabilityCase.TriggerFor(domainEvent.To) is { } trigger)
        {
            var client = await db.Clients.IgnoreQueryFilters().SingleAsync(c => c.Id == domainEvent.ClientId, ct);
            await OpenAsync(client, trigger, null, ct);
        }
    }

    private async Task OpenAsync(Client client, AccountabilityTrigger trigger, Guid? warningId, CancellationToken ct)
    {
        if (await db.AccountabilityCases.IgnoreQueryFilters().Where(AccountabilityCase.IsOpen)
                .AnyAsync(c => c.ClientId == client.Id && c.Trigger == trigger, ct))
        {
            return;
        }

        var days = await db.WorkflowSettings.AsNoTracking().Select(s => s.AccountabilityReportDueDays).SingleAsync(ct);
        db.AccountabilityCases.Add(AccountabilityCase.OpenAutomatically(client, trigger, warningId, clock, days));
        try
        {
            // Saved here, not by the dispatcher, so a lost race shows as the index's violation this handler expects. The
            // dispatcher's transaction is open: EF Core wraps this save in a savepoint and rolls back to it on failure.
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException ex) when (ex.IsUniqueViolation()
                                           && ex.InnerException is Npgsql.PostgresException { ConstraintName: AccountabilityCaseConfiguration.OneOpenPerClientAndTrigger })
        {
            // Another delivery opened the case first: this one has nothing left to do. Forget what this save added (the
            // case, its timeline line, its outbox message), or the dispatcher's own save would try it again.
            foreach (var entry in db.ChangeTracker.Entries().Where(e => e.State == EntityState.Added).ToList())
            {
                entry.State = EntityState.Detached;
            }
        }
    }
}
