using ClientCrm.Domain.Clients;
using ClientCrm.Domain.Common;
using ClientCrm.Domain.Grading;
using ClientCrm.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace ClientCrm.Infrastructure.Grading;

/// <summary>
/// Keeps the stored due days (<see cref="Client.ContactDueOn"/>, <see cref="Client.CardReviewDueOn"/>) of every client
/// true when something other than the client itself moves them: leaders changing the contact intervals, and rows from
/// before the columns existed. The days come from the domain's rules; only clients whose day changes are written.
/// </summary>
public static class ContactSchedule
{
    /// <summary>Every client, company-wide (after the contact intervals changed). Returns how many changed.</summary>
    public static Task<int> RescheduleAllAsync(CrmDbContext db, GradingThresholds thresholds, BusinessClock clock, CancellationToken ct = default) =>
        RescheduleAsync(db, thresholds, clock, onlyUnscheduled: false, ct);

    /// <summary>The clients without a stored due day (start-up after an upgrade).</summary>
    public static Task<int> ScheduleMissingAsync(CrmDbContext db, GradingThresholds thresholds, BusinessClock clock, CancellationToken ct = default) =>
        RescheduleAsync(db, thresholds, clock, onlyUnscheduled: true, ct);

    private static async Task<int> RescheduleAsync(CrmDbContext db, GradingThresholds thresholds, BusinessClock clock, bool onlyUnscheduled,
        CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(thresholds);
        ArgumentNullException.ThrowIfNull(clock);
        // Company-wide by nature: the intervals apply to every client, whoever changed them.
        var clients = db.Clients.IgnoreQueryFilters().AsNoTracking();
        if (onlyUnscheduled)
        {
            clients = clients.Where(c => c.ContactDueOn == null || c.CardReviewDueOn == null);
        }

        var changed = new List<(Guid Id, DateOnly Contact, DateOnly Review)>();
        await foreach (var c in clients
                           .Select(c => new { c.Id, c.Grade, c.LastContactOn, c.RegisteredAt, c.CardReviewedAt, c.ContactDueOn, c.CardReviewDueOn })
                           .AsAsyncEnumerable().WithCancellation(ct))
        {
            // Registration and review days are the company's dates of those instants.
            var contact = ContactDuty.DueOn(c.Grade, Client.ContactClockStartOf(c.LastContactOn, clock.DateOf(c.RegisteredAt)), thresholds);
            var review = Client.CardReviewDueOnAfter(clock.DateOf(c.CardReviewedAt));
            if (contact != c.ContactDueOn || review != c.CardReviewDueOn)
            {
                changed.Add((c.Id, contact, review));
            }
        }

        if (changed.Count == 0)
        {
            return 0;
        }

        // Derived days, not data anyone enters: written straight, outside the audit log and without touching UpdatedAt.
        return await db.Database.ExecuteSqlRawAsync(
            """
            UPDATE "Clients" AS c SET "ContactDueOn" = v.contact, "CardReviewDueOn" = v.review
            FROM unnest(@ids, @contact, @review) AS v(id, contact, review)
            WHERE c."Id" = v.id
            """,
            [
                new NpgsqlParameter("ids", changed.Select(c => c.Id).ToArray()),
                new NpgsqlParameter("contact", changed.Select(c => c.Contact).ToArray()),
                new NpgsqlParameter("review", changed.Select(c => c.Review).ToArray()),
            ],
            ct);
    }
}
