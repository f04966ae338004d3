namespace ClientCrm.Domain.Common;

/// <summary>
/// Base of the entities whose behaviour methods record what happened to them (<see cref="IDomainEvent"/>). The data layer
/// takes the events at the save that keeps the change, in the same transaction, and clears them; the entity never knows
/// who reacts.
/// </summary>
public abstract class RecordsDomainEvents
{
    private readonly List<IDomainEvent> _domainEvents = [];

    /// <summary>The events recorded since the entity was last saved, oldest first.</summary>
    public IReadOnlyList<IDomainEvent> DomainEvents => _domainEvents;

    public void ClearDomainEvents() => _domainEvents.Clear();

    protected void AddDomainEvent(IDomainEvent domainEvent) => _domainEvents.Add(domainEvent);
}
