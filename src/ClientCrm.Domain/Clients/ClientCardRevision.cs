namespace ClientCrm.Domain.Clients;

/// <summary>
/// An enterprise card as it was before an edit (SPEC §2 动态管理: outdated content is archived, not lost).
/// Stored whole and encrypted, since the card holds confidential fields.
/// </summary>
public class ClientCardRevision : IClientRecord
{
    private ClientCardRevision() { }

    internal ClientCardRevision(Guid clientId, ClientCard card, DateTimeOffset archivedAt, string? archivedBy)
    {
        Id = Guid.CreateVersion7(archivedAt);
        ClientId = clientId;
        Card = card;
        ArchivedAt = archivedAt;
        ArchivedBy = archivedBy;
    }

    public Guid Id { get; private set; }
    public Guid ClientId { get; private set; }
    public Client? Client { get; private set; }

    /// <summary>The card as it stood until <see cref="ArchivedAt"/>.</summary>
    public ClientCard Card { get; private set; } = null!;

    public DateTimeOffset ArchivedAt { get; private set; }

    /// <summary>User name of whoever replaced this version.</summary>
    public string? ArchivedBy { get; private set; }
}
