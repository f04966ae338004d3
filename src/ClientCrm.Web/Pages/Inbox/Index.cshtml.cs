using System.Globalization;
using ClientCrm.Domain.Notifications;
using ClientCrm.Domain.Warnings;
using ClientCrm.Infrastructure.Access;
using ClientCrm.Infrastructure.Notifications;
using ClientCrm.Infrastructure.Persistence;
using Microsoft.AspNetCore.Mvc;
using ClientCrm.Web.Paging;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using ClientCrm.Web.Localization;

namespace ClientCrm.Web.Pages.Inbox;

/// <summary>One message as the inbox shows it: what it is about is worded in the reader's language (<see cref="Message"/>).</summary>
public sealed record NotificationRow(Guid Id, NotificationKind Kind, string Text, Guid? SubjectId, string? ClientName, string? ClientChineseName,
    WarningRule? Rule, DateTimeOffset CreatedAt, bool IsRead, DateTimeOffset? DoneAt)
{
    public bool IsDone => DoneAt is not null;

    /// <summary>
    /// "Client: rule" (or the summary of a warning filed by hand) in the UI language: the client by its Chinese name in the
    /// Chinese UI when it has one, by its name otherwise. A message sent with only a text shows that text.
    /// </summary>
    public string Message(IStringLocalizer l)
    {
        ArgumentNullException.ThrowIfNull(l);
        if (ClientName is null)
        {
            return Text;
        }

        var english = CultureInfo.CurrentUICulture.Name.StartsWith("en", StringComparison.Ordinal);
        var client = english || string.IsNullOrEmpty(ClientChineseName) ? ClientName : ClientChineseName;
        var about = Rule is { } rule ? l.Enum(rule) : Text;
        return string.IsNullOrEmpty(about) ? client : l["Inbox.Message", client, about].Value;
    }
}

/// <summary>
/// 消息: the signed-in user's own notifications, newest first, each naming its client and rule in the reader's language,
/// marked done once the warning it is about was closed (by anyone). Notifications are not client records, so there is no
/// query filter on them: every query here starts from <see cref="Mine"/>, which keeps only the user's own.
/// </summary>
public sealed class IndexModel(CrmDbContext db, ICurrentActor actor, TimeProvider clock, InboxVersion inbox, IStringLocalizer<SharedResource> l)
    : KeysetListModel
{
    public const int PageSize = 50;

    [BindProperty(SupportsGet = true)] public bool Unread { get; set; }

    public IReadOnlyList<NotificationRow> Rows { get; private set; } = [];
    public Tally Total { get; private set; }
    public Tally UnreadTotal { get; private set; }
    public PagerLinks Pager { get; private set; } = new(null, null, null, 1);

    public async Task OnGetAsync(CancellationToken ct)
    {
        var mine = Mine();
        UnreadTotal = await mine.Where(n => n.ReadAt == null).TallyAsync(ct);
        var shown = Unread ? mine.Where(n => n.ReadAt == null) : mine;
        Total = Unread ? UnreadTotal : await mine.TallyAsync(ct);
        var cursor = Cursor.Read(Paging.Token, 2, c =>
        {
            _ = (c.Time(0), c.Id(1));
            return c;
        });
        var page = await Keyset.PageAsync(Paging, cursor is not null, PageSize, seek => NewestFirst(shown, cursor, seek)
                .Select(n => new NotificationRow(n.Id, n.Kind, n.Text, n.SubjectId, n.ClientName, n.ClientChineseName, n.Rule, n.CreatedAt,
                    n.ReadAt != null, n.DoneAt)),
            n => Cursor.Encode(n.CreatedAt, n.Id), ct);
        Rows = page.Rows;
        Pager = Keyset.Links(page, ListPath, RouteWith());
    }

    private static IQueryable<Notification> NewestFirst(IQueryable<Notification> query, Cursor? cursor, Seek seek)
    {
        if (cursor is not null && seek != Seek.First)
        {
            var (at, id) = (cursor.Time(0), cursor.Id(1));
            return seek == Seek.After
                ? query.Where(n => EF.Functions.LessThan(ValueTuple.Create(n.CreatedAt, n.Id), ValueTuple.Create(at, id)))
                    .OrderByDescending(n => n.CreatedAt).ThenByDescending(n => n.Id)
                : query.Where(n => EF.Functions.GreaterThan(ValueTuple.Create(n.CreatedAt, n.Id), ValueTuple.Create(at, id)))
                    .OrderBy(n => n.CreatedAt).ThenBy(n => n.Id);
        }

        return query.OrderByDescending(n => n.CreatedAt).ThenByDescending(n => n.Id);
    }

    /// <summary>Marks the notification read and goes to what it is about. Another user's notification answers 404.</summary>
    public async Task<IActionResult> OnPostOpenAsync(Guid id, CancellationToken ct)
    {
        var notification = await Mine().SingleOrDefaultAsync(n => n.Id == id, ct);
        if (notification is null)
        {
            return NotFound();
        }

        notification.MarkRead(clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        return NotificationLinks.Of(notification.Kind, notification.SubjectId) is { } link ? LocalRedirect(link) : RedirectToPage();
    }

    public async Task<IActionResult> OnPostReadAllAsync(CancellationToken ct)
    {
        DateTimeOffset? now = clock.GetUtcNow();
        var marked = await Mine().Where(n => n.ReadAt == null).ExecuteUpdateAsync(s => s.SetProperty(n => n.ReadAt, now), ct);
        inbox.Bump();
        TempData["Flash"] = l["Inbox.ReadAllDone", marked].Value;
        return RedirectToPage();
    }

    public Dictionary<string, string?> RouteWith(bool? unread = null) => new(StringComparer.Ordinal)
    {
        ["unread"] = (unread ?? Unread) ? "true" : null,
    };

    private IQueryable<Notification> Mine()
    {
        // The fallback policy lets only signed-in users here, so there is always an id; "" matches nobody if not.
        var userId = actor.UserId ?? "";
        return db.Notifications.Where(n => n.RecipientId == userId);
    }
}
