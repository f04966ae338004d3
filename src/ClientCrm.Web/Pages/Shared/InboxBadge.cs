using ClientCrm.Infrastructure.Access;
using ClientCrm.Infrastructure.Notifications;
using ClientCrm.Infrastructure.Persistence;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace ClientCrm.Web.Pages;

/// <summary>
/// The number on the inbox link of the top bar. It stops at <see cref="Shown"/> (the badge shows "99+" beyond 99; a
/// head may have thousands unread) and is kept per user for <see cref="Kept"/>, or until this instance sends or marks
/// notifications (<see cref="InboxVersion"/>): it is on every page, and a user's new messages may well show a few
/// seconds later. The layout writes the link itself: a view component per page cost more than the count.
/// </summary>
public sealed class InboxBadge(IMemoryCache cache, InboxVersion version)
{
    public const int Shown = 100;

    public static readonly TimeSpan Kept = TimeSpan.FromSeconds(15);

    public async Task<int> UnreadAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var userId = context.RequestServices.GetRequiredService<ICurrentActor>().UserId;
        // The error page after an exception may be showing a database failure: it must not query the database again.
        if (userId is null || context.Features.Get<IExceptionHandlerFeature>() is not null)
        {
            return 0;
        }

        var key = ("unread", userId, version.Current);
        if (!cache.TryGetValue(key, out int count))
        {
            // The context is taken only when the count is not kept: on most pages that is the only database work left.
            var db = context.RequestServices.GetRequiredService<CrmDbContext>();
            count = await db.Notifications.Where(n => n.RecipientId == userId && n.ReadAt == null).Take(Shown).CountAsync(context.RequestAborted);
            cache.Set(key, count, new MemoryCacheEntryOptions { AbsoluteExpirationRelativeToNow = Kept, Size = 1 });
        }

        return count;
    }
}
