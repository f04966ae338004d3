using ClientCrm.Domain.Common;
using ClientCrm.Infrastructure.Access;
using ClientCrm.Infrastructure.Clients;
using ClientCrm.Web.Pages.Todo;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.Extensions.Caching.Memory;

namespace ClientCrm.Web.Pages;

/// <summary>
/// The top bar's count of what waits for the signed-in person (<see cref="TodoList"/>), kept per person for a few seconds and
/// until this instance saves anything a workflow item is made of, so most pages run no query for it.
/// </summary>
public sealed class TodoBadge(IMemoryCache cache, SummaryVersion version)
{
    public static readonly TimeSpan Kept = TimeSpan.FromSeconds(15);

    public async Task<int> CountAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var actor = context.RequestServices.GetRequiredService<ICurrentActor>();
        if (actor.UserId is null || !Setup.WebServices.WorksWithClients(actor.Scope) || context.Features.Get<IExceptionHandlerFeature>() is not null)
        {
            return 0;
        }

        var key = ("todo", actor.UserId, version.Current);
        if (!cache.TryGetValue(key, out int count))
        {
            var clock = context.RequestServices.GetRequiredService<BusinessClock>();
            count = await context.RequestServices.GetRequiredService<TodoList>().CountAsync(clock.UtcNow, context.RequestAborted);
            cache.Set(key, count, new MemoryCacheEntryOptions { AbsoluteExpirationRelativeToNow = Kept, Size = 1 });
        }

        return count;
    }
}
