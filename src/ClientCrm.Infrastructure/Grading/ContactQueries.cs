using ClientCrm.Domain.Clients;
using ClientCrm.Domain.Grading;

namespace ClientCrm.Infrastructure.Grading;

/// <summary>The SPEC §4 contact duty as a database filter, so overdue clients are found without loading every client.</summary>
public static class ContactQueries
{
    /// <summary>Clients whose contact clock (last contact, or registration) has run past their grade's interval today.</summary>
    public static IQueryable<Client> WhereContactOverdue(this IQueryable<Client> clients, DateOnly today, GradingThresholds thresholds)
    {
        var a = ContactDuty.OverdueIfLastContactBefore(ClientGrade.A, today, thresholds);
        var b = ContactDuty.OverdueIfLastContactBefore(ClientGrade.B, today, thresholds);
        var c = ContactDuty.OverdueIfLastContactBefore(ClientGrade.C, today, thresholds);
        // Registration is a timestamp: "registered before day d" is "registered before midnight UTC of d".
        DateTimeOffset aAt = Midnight(a), bAt = Midnight(b), cAt = Midnight(c);
        return clients.Where(x => x.Status != ClientStatus.Terminated && (
            x.LastContactOn != null
                ? (x.Grade == ClientGrade.A && x.LastContactOn < a) || (x.Grade == ClientGrade.B && x.LastContactOn < b)
                  || (x.Grade == ClientGrade.C && x.LastContactOn < c)
                : (x.Grade == ClientGrade.A && x.RegisteredAt < aAt) || (x.Grade == ClientGrade.B && x.RegisteredAt < bAt)
                  || (x.Grade == ClientGrade.C && x.RegisteredAt < cAt)));
    }

    private static DateTimeOffset Midnight(DateOnly day) => new(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
}
