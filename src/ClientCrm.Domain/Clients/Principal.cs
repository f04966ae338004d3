using ClientCrm.Domain.Common;

namespace ClientCrm.Domain.Clients;

/// <summary>A person on the client's side (客户负责人). Everything but name and title is confidential.</summary>
public class Principal : IAuditable, IClientRecord
{
    private Principal() { }

    internal Principal(Guid clientId, PrincipalCard card, DateTimeOffset now)
    {
        Id = Guid.CreateVersion7(now);
        ClientId = clientId;
        IsCurrent = true;
        Apply(card, now);
    }

    public Guid Id { get; private set; }
    public Guid ClientId { get; private set; }
    public Client? Client { get; private set; }
    public string Name { get; private set; } = "";
    public string? Title { get; private set; }
    public Gender? Gender { get; private set; }
    public DateOnly? Birthday { get; private set; }
    public string? Phone { get; private set; }
    public string? Email { get; private set; }
    public string? MessagingId { get; private set; }
    public string? Languages { get; private set; }
    public string? Family { get; private set; }
    public string? Hobbies { get; private set; }
    public string? Personality { get; private set; }
    public DecisionRole? DecisionRole { get; private set; }
    public string? Notes { get; private set; }

    /// <summary>False once the person has left the client; the card stays as history.</summary>
    public bool IsCurrent { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    internal void Update(PrincipalCard card, DateTimeOffset now) => Apply(card, now);

    internal void Retire(DateTimeOffset now)
    {
        IsCurrent = false;
        UpdatedAt = now;
    }

    private void Apply(PrincipalCard card, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(card);
        if (string.IsNullOrWhiteSpace(card.Name))
        {
            throw new DomainException("Principal.NameRequired", "A principal needs a name.");
        }

        Name = card.Name.Trim();
        Title = Client.Clean(card.Title);
        Gender = card.Gender;
        Birthday = card.Birthday;
        Phone = Client.Clean(card.Phone);
        Email = Client.Clean(card.Email);
        MessagingId = Client.Clean(card.MessagingId);
        Languages = Client.Clean(card.Languages);
        Family = Client.Clean(card.Family);
        Hobbies = Client.Clean(card.Hobbies);
        Personality = Client.Clean(card.Personality);
        DecisionRole = card.DecisionRole;
        Notes = Client.Clean(card.Notes);
        UpdatedAt = now;
    }
}
