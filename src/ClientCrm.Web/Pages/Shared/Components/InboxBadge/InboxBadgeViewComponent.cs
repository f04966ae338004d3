using ClientCrm.Infrastructure.Access;
using ClientCrm.Infrastructure.Persistence;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace ClientCrm.Web.Pages.Components;

/// <summary>
/// The inbox link of the top bar with the number of unread messages: one COUNT on the partial unread index per page, which
/// stops at <see cref="Shown"/> (the badge shows "99+" beyond 99; a head may have thousands unread).
/// </summary>
public sealed class InboxBadgeViewComponent(CrmDbContext db, ICurrentActor actor) : ViewComponent
{
    public const int Shown = 100;

    public async Task<IViewComponentResult> InvokeAsync()
    {
        var userId = actor.UserId;
        // The error page after an exception may be showing a database failure: it must not query the database again.
        var count = userId is null || HttpContext.Features.Get<IExceptionHandlerFeature>() is not null
            ? 0
            : await db.Notifications.Where(n => n.RecipientId == userId && n.ReadAt == null).Take(Shown).CountAsync(HttpContext.RequestAborted);
        return View(count);
    }
}
