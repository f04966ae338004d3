using ClientCrm.Domain.Clients;
using ClientCrm.Domain.Cooperation;
using ClientCrm.Domain.Warnings;
using ClientCrm.Infrastructure.Outbox;

namespace ClientCrm.Infrastructure.Warnings;

/// <summary>
/// Looks at a client's warnings again after data a rule reads changed: an incident or a batch saved, the card (operating
/// status), the status (churn rules stop for a terminated client) or the grade (no-new-batch thresholds, severity). The pass
/// covers that one client and waits its turn on the engine's lock, behind a company-wide run if one is going; the user's save
/// was committed long before. Running it twice gives the same warnings, so a repeated delivery does no harm.
/// </summary>
public sealed class ClientWarningCheck(WarningEngine engine) :
    IDomainEventHandler<IncidentRecorded>,
    IDomainEventHandler<IncidentRevised>,
    IDomainEventHandler<ProjectOpened>,
    IDomainEventHandler<ProjectRevised>,
    IDomainEventHandler<ClientCardChanged>,
    IDomainEventHandler<ClientStatusChanged>,
    IDomainEventHandler<ClientGradeChanged>
{
    public Task HandleAsync(IncidentRecorded domainEvent, CancellationToken ct) => CheckAsync(domainEvent?.ClientId, ct);

    public Task HandleAsync(IncidentRevised domainEvent, CancellationToken ct) => CheckAsync(domainEvent?.ClientId, ct);

    public Task HandleAsync(ProjectOpened domainEvent, CancellationToken ct) => CheckAsync(domainEvent?.ClientId, ct);

    public Task HandleAsync(ProjectRevised domainEvent, CancellationToken ct) => CheckAsync(domainEvent?.ClientId, ct);

    public Task HandleAsync(ClientCardChanged domainEvent, CancellationToken ct) => CheckAsync(domainEvent?.ClientId, ct);

    public Task HandleAsync(ClientStatusChanged domainEvent, CancellationToken ct) => CheckAsync(domainEvent?.ClientId, ct);

    public Task HandleAsync(ClientGradeChanged domainEvent, CancellationToken ct) => CheckAsync(domainEvent?.ClientId, ct);

    private Task<WarningRunCounts> CheckAsync(Guid? clientId, CancellationToken ct) =>
        engine.RunForClientAsync(clientId ?? throw new ArgumentNullException(nameof(clientId)), ct);
}
