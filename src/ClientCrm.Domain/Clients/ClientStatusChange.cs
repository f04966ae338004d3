namespace ClientCrm.Domain.Clients;

/// <summary>
/// One line of a client's status history: when, who, from → to, and why (a reason is required when cooperation is
/// paused or terminated). Written by <see cref="Client.ChangeStatus"/>; like the grade history, it is the record itself.
/// </summary>
public class ClientStatusChange : IClientRecord
{
    private ClientStatusChange() { }

    internal ClientStatusChange(Guid clientId, ClientStatus from, ClientStatus to, string? reason, string? changedById, DateTimeOffset at)
    {
        Id = Guid.CreateVersion7(at);
        ClientId = clientId;
        FromStatus = from;
        ToStatus = to;
        Reason = reason;
        ChangedById = changedById;
        ChangedAt = at;
    }

    public Guid Id { get; private set; }
    public Guid ClientId { get; private set; }
    public Client? Client { get; private set; }
    public ClientStatus FromStatus { get; private set; }
    public ClientStatus ToStatus { get; private set; }
    public string? Reason { get; private set; }

    /// <summary>User id of whoever made the change; null for the system (start-up seeding, imports).</summary>
    public string? ChangedById { get; private set; }

    public DateTimeOffset ChangedAt { get; private set; }
}
