using ClientCrm.Domain.Common;

namespace ClientCrm.Infrastructure.Outbox;

/// <summary>
/// Does what must follow a domain event, after the change was committed, outside the request that made it. Resolved from a
/// DI scope of its own, with the scope's <c>CrmDbContext</c> acting as the system: whatever it saves there commits in one
/// transaction with the record that it handled the message, so a handler that only writes to the database runs exactly once
/// per message. Anything it does outside the database may be repeated after a crash, and must bear that.
/// </summary>
/// <remarks>Register with <see cref="DomainEventHandlerRegistration.AddDomainEventHandler{THandler}"/>; the class name is its stored name.</remarks>
#pragma warning disable CA1711 // It handles domain events; the rule guards the naming of .NET event delegates, which this is not.
public interface IDomainEventHandler<in TEvent> where TEvent : IDomainEvent
#pragma warning restore CA1711
{
    Task HandleAsync(TEvent domainEvent, CancellationToken ct);
}
