using ClientCrm.Domain.Clients;
using ClientCrm.Domain.Grading;

namespace ClientCrm.Infrastructure.Grading;

/// <summary>
/// The SPEC §4 contact duty as a database filter over the stored due day (<see cref="Client.ContactDueOn"/>), so
/// overdue clients are found by index. <see cref="ContactDuty.IsOverdue(ClientStatus, DateOnly?, DateOnly)"/> is the
/// same rule in memory; a test holds the two together.
/// </summary>
public static class ContactQueries
{
    public static IQueryable<Client> WhereContactOverdue(this IQueryable<Client> clients, DateOnly today) =>
        clients.Where(c => c.Status != ClientStatus.Terminated && c.ContactDueOn < today);

    /// <summary>Cards whose yearly review is due today or earlier.</summary>
    public static IQueryable<Client> WhereCardReviewDue(this IQueryable<Client> clients, DateOnly today) =>
        clients.Where(c => c.CardReviewDueOn <= today);
}
