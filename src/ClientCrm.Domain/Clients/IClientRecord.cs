namespace ClientCrm.Domain.Clients;

/// <summary>
/// A record that belongs to one client (principal cards, archived cards, and later projects, warnings, documents…).
/// It is visible exactly when its client is: the data layer derives its scope filter from this.
/// </summary>
public interface IClientRecord
{
    Guid ClientId { get; }

    Client? Client { get; }
}
