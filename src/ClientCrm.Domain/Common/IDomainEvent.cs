namespace ClientCrm.Domain.Common;

/// <summary>
/// Something that happened to an entity, recorded by its behaviour method and handed, after the save that keeps the change,
/// to whatever must follow from it (a look at the client's warnings, a message to the people concerned). An event carries
/// ids and plain facts, never a confidential field: it is stored unencrypted until it has been handled.
/// </summary>
public interface IDomainEvent
{
    DateTimeOffset OccurredAt { get; }
}
