using System.Security.Claims;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace ClientCrm.Web.Security;

/// <summary>
/// The antiforgery request token a page's forms carry, made once per antiforgery cookie and user and kept for
/// <see cref="Lifetime"/>. Every page has two forms in its top bar (language, sign-out), and the framework made their token
/// anew on every request: it decrypted the cookie token and encrypted a new request token (two Data Protection operations,
/// about 11% of a kept list page's CPU, docs/performance.md).
/// <para>
/// A request token is valid for the cookie token and the user it was made for, whichever request made it: the synchronizer
/// token per session (OWASP). Only tokens made for a cookie the framework accepted (it did not issue a new one) are kept,
/// under the exact cookie text and the user's id, so a forged or stale cookie never meets a kept token: it goes to the
/// framework, which replaces it. Validation of a posted form is the framework's, untouched.
/// </para>
/// </summary>
internal sealed class RecentAntiforgeryTokens(IAntiforgery making, IOptions<AntiforgeryOptions> options, TimeProvider clock)
    : IAntiforgery, IDisposable
{
    /// <summary>How long a made token is kept: shorter than any data-protection key's life, long enough for a working session's pages.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(20);

    /// <summary>Token sets kept at most (about 0.5 KB each): far more than the users working at one instance.</summary>
    public const int Capacity = 4096;

    private readonly MemoryCache _tokens = new(new MemoryCacheOptions { SizeLimit = Capacity, Clock = new RecentTickets.CacheClock(clock) });

    public AntiforgeryTokenSet GetAndStoreTokens(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var key = KeyOf(httpContext);
        if (key is not null && _tokens.TryGetValue(key, out AntiforgeryTokenSet? kept) && kept is not null)
        {
            // As the framework does for every response that carries a token: never cached by a browser or proxy.
            if (!httpContext.Response.HasStarted)
            {
                httpContext.Response.Headers.CacheControl = "no-cache, no-store";
                httpContext.Response.Headers.Pragma = "no-cache";
            }

            return kept;
        }

        var made = making.GetAndStoreTokens(httpContext);
        if (key is not null && made.CookieToken is null && made.RequestToken is not null)
        {
            _tokens.Set(key, made, new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = Lifetime });
        }

        return made;
    }

    public AntiforgeryTokenSet GetTokens(HttpContext httpContext) => making.GetTokens(httpContext);

    public Task<bool> IsRequestValidAsync(HttpContext httpContext) => making.IsRequestValidAsync(httpContext);

    public Task ValidateRequestAsync(HttpContext httpContext) => making.ValidateRequestAsync(httpContext);

    public void SetCookieTokenAndHeader(HttpContext httpContext) => making.SetCookieTokenAndHeader(httpContext);

    public void Dispose() => _tokens.Dispose();

    /// <summary>
    /// The cookie's exact text and the user the token is made for (the id the framework binds it to; none when signed out).
    /// No key, so nothing kept, without a cookie, over plain http where the cookie must be secure (the framework refuses
    /// that), or for a signed-in principal without an id.
    /// </summary>
    private string? KeyOf(HttpContext context)
    {
        var cookie = options.Value.Cookie;
        if (cookie.Name is null || !context.Request.Cookies.TryGetValue(cookie.Name, out var text) || string.IsNullOrEmpty(text)
            || (cookie.SecurePolicy == CookieSecurePolicy.Always && !context.Request.IsHttps))
        {
            return null;
        }

        var user = context.User;
        if (user.Identity?.IsAuthenticated != true)
        {
            return "-\n" + text;
        }

        var id = user.FindFirstValue(ClaimTypes.NameIdentifier);
        return string.IsNullOrEmpty(id) ? null : id + "\n" + text;
    }

    /// <summary>Puts the kept tokens in front of the framework's antiforgery, registered by AddAntiforgery before this runs.</summary>
    internal static void Register(IServiceCollection services)
    {
        var framework = services.LastOrDefault(d => d.ServiceType == typeof(IAntiforgery))
            ?? throw new InvalidOperationException("AddAntiforgery must be called before RecentAntiforgeryTokens.Register.");
        var type = framework.ImplementationType ?? throw new InvalidOperationException("The framework's antiforgery is not registered by type.");
        services.Remove(framework);
        services.AddSingleton<IAntiforgery>(sp => new RecentAntiforgeryTokens((IAntiforgery)ActivatorUtilities.CreateInstance(sp, type),
            sp.GetRequiredService<IOptions<AntiforgeryOptions>>(), sp.GetRequiredService<TimeProvider>()));
    }
}
