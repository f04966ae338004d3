namespace ClientCrm.Infrastructure.Outbox;

/// <summary>
/// A domain event kept in the database, written in the same transaction as the change it describes, until every handler it
/// was written for has handled it (<see cref="OutboxDelivery"/>). Its payload is the event as JSON: ids and plain facts, never
/// a confidential field.
/// </summary>
public sealed class OutboxMessage
{
    public const int MaxTypeLength = 100;

    private readonly List<OutboxDelivery> _deliveries = [];

    private OutboxMessage() { }

    internal OutboxMessage(Guid id, string type, string payload, DateTimeOffset occurredAt, DateTimeOffset recordedAt)
    {
        Id = id;
        Type = type;
        Payload = payload;
        OccurredAt = occurredAt;
        RecordedAt = recordedAt;
    }

    public Guid Id { get; private set; }

    /// <summary>The event's name (its type's name, e.g. <c>IncidentRecorded</c>); renaming an event type strands its pending messages.</summary>
    public string Type { get; private set; } = "";

    public string Payload { get; private set; } = "";

    /// <summary>When the event happened, by the entity's clock.</summary>
    public DateTimeOffset OccurredAt { get; private set; }

    /// <summary>When the save that kept the change wrote it.</summary>
    public DateTimeOffset RecordedAt { get; private set; }

    public IReadOnlyCollection<OutboxDelivery> Deliveries => _deliveries;

    internal void DeliverTo(string handler) => _deliveries.Add(new OutboxDelivery(Id, handler, RecordedAt));
}
