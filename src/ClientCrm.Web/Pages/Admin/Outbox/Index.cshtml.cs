using System.Globalization;
using ClientCrm.Infrastructure.Outbox;
using ClientCrm.Infrastructure.Persistence;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace ClientCrm.Web.Pages.Admin.Outbox;

/// <summary>One delivery not yet handled: the event, the handler that owes it, and how its attempts went.</summary>
public sealed record OutboxRow(Guid MessageId, string Event, DateTimeOffset OccurredAt, string Handler, int Attempts, DateTimeOffset NextAttemptAt,
    string? LastError);

/// <summary>
/// What follows saves and has not been done yet (docs/architecture.md, "Domain events and the outbox"): the deliveries waiting
/// for their handler and those that failed and wait for their next attempt, with the error. An admin can have one tried again
/// at once. Admin only, as the whole /Admin folder; it shows event and handler names and errors, never an event's payload.
/// </summary>
public sealed class IndexModel(CrmDbContext db, OutboxDispatcher dispatcher, IStringLocalizer<SharedResource> l) : PageModel
{
    /// <summary>The deliveries due first; a backlog longer than this is fixed at its cause, not read row by row.</summary>
    public const int Shown = 200;

    /// <summary>Counts stop here, as list totals do elsewhere.</summary>
    public const int CountCap = 1000;

    public IReadOnlyList<OutboxRow> Rows { get; private set; } = [];
    public int Waiting { get; private set; }
    public int Failed { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        var pending = db.OutboxDeliveries.AsNoTracking().Where(d => d.ProcessedAt == null);
        // In the order of the pending index, so each capped count is a short range of it: without an order the planner
        // may count by reading the whole table, handled deliveries included (two 30 ms scans a view at 82,703 rows).
        Waiting = await pending.Where(d => d.Attempts == 0).OrderBy(d => d.NextAttemptAt).Take(CountCap).CountAsync(ct);
        Failed = await pending.Where(d => d.Attempts > 0).OrderBy(d => d.NextAttemptAt).Take(CountCap).CountAsync(ct);
        Rows = await pending
            .OrderBy(d => d.NextAttemptAt).ThenBy(d => d.MessageId).ThenBy(d => d.Handler)
            .Take(Shown)
            .Select(d => new OutboxRow(d.MessageId, d.Message!.Type, d.Message.OccurredAt, d.Handler, d.Attempts, d.NextAttemptAt, d.LastError))
            .ToListAsync(ct);
    }

    public async Task<IActionResult> OnPostRetryAsync(Guid messageId, string? handler, CancellationToken ct)
    {
        var retried = !string.IsNullOrEmpty(handler) && await dispatcher.RetryNowAsync(db, messageId, handler, ct);
        TempData[retried ? "Flash" : "FlashError"] = l[retried ? "Outbox.Retried" : "Outbox.NotPending"].Value;
        return RedirectToPage();
    }

    public static string Capped(int count) => count >= CountCap
        ? string.Create(CultureInfo.CurrentCulture, $"{CountCap:N0}+")
        : count.ToString("N0", CultureInfo.CurrentCulture);

    /// <summary>An event or handler by its name in the UI language; a name without one (a test's handler) as stored.</summary>
    public string NameOf(string kind, string stored)
    {
        var name = l[$"Outbox.{kind}.{stored}"];
        return name.ResourceNotFound ? stored : name.Value;
    }
}
