using System.Globalization;
using System.Reflection;
using ClientCrm.Domain.Clients;
using ClientCrm.Infrastructure.Persistence;
using ClientCrm.Web.Localization;
using ClientCrm.Web.Paging;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace ClientCrm.Web.Pages.Clients;

public sealed record CardChange(string Field, string Before, string After);

public sealed record CardVersion(DateTimeOffset ReplacedAt, string? ReplacedBy, IReadOnlyList<CardChange> Changes);

/// <summary>One status change as the history shows it; <see cref="By"/> is a display name, null for the system.</summary>
public sealed record StatusChangeLine(DateTimeOffset At, string? By, ClientStatus From, ClientStatus To, string? Reason);

/// <summary>
/// 资料卡历史: every earlier version of the enterprise card, each shown as what the next edit changed in it, and the
/// status history with the reason given for each change.
/// </summary>
public sealed class HistoryModel(CrmDbContext db, IStringLocalizer<SharedResource> l, ScopeSummaries summaries) : PageModel
{
    private static readonly PropertyInfo[] CardFields = typeof(ClientCard).GetProperties();

    public Guid Id { get; private set; }
    public string ClientName { get; private set; } = "";
    public IReadOnlyList<CardVersion> Versions { get; private set; } = [];

    /// <summary>Newest first.</summary>
    public IReadOnlyList<StatusChangeLine> StatusChanges { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        var client = await db.Clients.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, ct);
        if (client is null)
        {
            return NotFound();
        }

        (Id, ClientName) = (client.Id, client.Name);
        var revisions = await db.ClientCardRevisions.AsNoTracking().Where(r => r.ClientId == id)
            .OrderByDescending(r => r.ArchivedAt).ToListAsync(ct);

        // Each archived card is compared with the one that replaced it: the next revision, or the live card. Who replaced it
        // is shown by display name (the revision keeps the sign-in name).
        var people = await PickLists.DirectoryAsync(db, summaries, ct);
        var newer = client.CurrentCard();
        var versions = new List<CardVersion>();
        foreach (var revision in revisions)
        {
            versions.Add(new CardVersion(revision.ArchivedAt,
                revision.ArchivedBy is null ? null : people.NameOf(l, null, revision.ArchivedBy), Diff(revision.Card, newer)));
            newer = revision.Card;
        }

        Versions = versions;

        StatusChanges = (await db.ClientStatusChanges.AsNoTracking().Where(s => s.ClientId == id)
                .OrderByDescending(s => s.ChangedAt).ThenByDescending(s => s.Id)
                .Select(s => new { s.ChangedAt, s.ChangedById, s.FromStatus, s.ToStatus, s.Reason })
                .ToListAsync(ct))
            .Select(s => new StatusChangeLine(s.ChangedAt, s.ChangedById is null ? null : people.NameOf(l, s.ChangedById, null),
                s.FromStatus, s.ToStatus, s.Reason))
            .ToList();
        return Page();
    }

    private List<CardChange> Diff(ClientCard before, ClientCard after) =>
        CardFields
            .Select(p => (p, Before: Show(p.GetValue(before)), After: Show(p.GetValue(after))))
            .Where(x => x.Before != x.After)
            .Select(x => new CardChange(FieldLabels.Of(l, nameof(Client), x.p.Name), x.Before, x.After))
            .ToList();

    private string Show(object? value) => value switch
    {
        null => "—",
        Enum e => l[$"Enum.{e.GetType().Name}.{e}"],
        decimal d => d.ToString("N2", CultureInfo.CurrentCulture),
        IFormattable f => f.ToString(null, CultureInfo.CurrentCulture),
        _ => value.ToString() ?? "—",
    };
}
