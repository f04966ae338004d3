using ClientCrm.Infrastructure.Access;
using ClientCrm.Infrastructure.Notifications;
using ClientCrm.Infrastructure.Persistence;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace ClientCrm.Web.Pages.Components;

/// <summary>
/// The inbox link of the top bar with the number of unread messages. The count stops at <see cref="Shown"/> (the badge
/// shows "99+" beyond 99; a head may have thousands unread) and is kept per user for <see cref="Kept"/>, or until this
/// instance sends or marks notifications (<see cref="InboxVersion"/>): it is on every page, and a user's new messages
/// may well show a few seconds later.
/// </summary>
public sealed class InboxBadgeViewComponent(CrmDbContext db, ICurrentActor actor, IMemoryCache cache, InboxVersion version) : ViewComponent
{
    public const int Shown = 100;

    public static readonly TimeSpan Kept = TimeSpan.FromSeconds(15);

    public async Task<IViewComponentResult> InvokeAsync()
    {
        var userId = actor.UserId;
        // The error page after an exception may be showing a database failure: it must not query the database again.
        if (userId is null || HttpContext.Features.Get<IExceptionHandlerFeature>() is not null)
        {
            return View(0);
        }

        var key = ("unread", userId, version.Current);
        if (!cache.TryGetValue(key, out int count))
        {
            count = await db.Notifications.Where(n => n.RecipientId == userId && n.ReadAt == null).Take(Shown).CountAsync(HttpContext.RequestAborted);
            cache.Set(key, count, new MemoryCacheEntryOptions { AbsoluteExpirationRelativeToNow = Kept, Size = 1 });
        }

        return View(count);
    }
}
