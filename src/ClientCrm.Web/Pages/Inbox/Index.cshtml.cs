using ClientCrm.Domain.Notifications;
using ClientCrm.Infrastructure.Access;
using ClientCrm.Infrastructure.Persistence;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace ClientCrm.Web.Pages.Inbox;

public sealed record NotificationRow(Guid Id, NotificationKind Kind, string Text, DateTimeOffset CreatedAt, bool IsRead);

/// <summary>
/// 消息: the signed-in user's own notifications, newest first. Notifications are not client records, so there is no
/// query filter on them: every query here starts from <see cref="Mine"/>, which keeps only the user's own.
/// </summary>
public sealed class IndexModel(CrmDbContext db, ICurrentActor actor, TimeProvider clock, IStringLocalizer<SharedResource> l) : PageModel
{
    public const int PageSize = 50;

    [BindProperty(SupportsGet = true)] public bool Unread { get; set; }
    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;

    public IReadOnlyList<NotificationRow> Rows { get; private set; } = [];
    public int Total { get; private set; }
    public int UnreadTotal { get; private set; }
    public int PageCount => Math.Max(1, (Total + PageSize - 1) / PageSize);

    public async Task OnGetAsync(CancellationToken ct)
    {
        PageNumber = Math.Max(1, PageNumber);
        var mine = Mine();
        UnreadTotal = await mine.CountAsync(n => n.ReadAt == null, ct);
        var shown = Unread ? mine.Where(n => n.ReadAt == null) : mine;
        Total = Unread ? UnreadTotal : await mine.CountAsync(ct);
        Rows = await shown.OrderByDescending(n => n.CreatedAt).ThenByDescending(n => n.Id)
            .Skip((PageNumber - 1) * PageSize).Take(PageSize)
            .Select(n => new NotificationRow(n.Id, n.Kind, n.Text, n.CreatedAt, n.ReadAt != null))
            .ToListAsync(ct);
    }

    /// <summary>Marks the notification read and goes where it points. Another user's notification answers 404.</summary>
    public async Task<IActionResult> OnPostOpenAsync(Guid id, CancellationToken ct)
    {
        var notification = await Mine().SingleOrDefaultAsync(n => n.Id == id, ct);
        if (notification is null)
        {
            return NotFound();
        }

        notification.MarkRead(clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        // The domain only accepts app paths; checked again here because this is where a bad link would become an open redirect.
        return Notification.IsAppLocal(notification.Link) && Url.IsLocalUrl(notification.Link) ? LocalRedirect(notification.Link) : RedirectToPage();
    }

    public async Task<IActionResult> OnPostReadAllAsync(CancellationToken ct)
    {
        DateTimeOffset? now = clock.GetUtcNow();
        var marked = await Mine().Where(n => n.ReadAt == null).ExecuteUpdateAsync(s => s.SetProperty(n => n.ReadAt, now), ct);
        TempData["Flash"] = l["Inbox.ReadAllDone", marked].Value;
        return RedirectToPage();
    }

    public Dictionary<string, string?> RouteWith(int page, bool? unread = null) => new(StringComparer.Ordinal)
    {
        ["unread"] = (unread ?? Unread) ? "true" : null,
        ["p"] = page > 1 ? page.ToString(System.Globalization.CultureInfo.InvariantCulture) : null,
    };

    private IQueryable<Notification> Mine()
    {
        // The fallback policy lets only signed-in users here, so there is always an id; "" matches nobody if not.
        var userId = actor.UserId ?? "";
        return db.Notifications.Where(n => n.RecipientId == userId);
    }
}
