using System.Reflection;
using ClientCrm.Domain.Common;
using ClientCrm.Infrastructure.Persistence;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace ClientCrm.Web.Validation;

/// <summary>Where a refusal is said and in which words: a ModelState key ("" for the form as a whole) and a resource key.</summary>
public sealed record RefusalMessage(string Field, string Key, object[]? Arguments = null);

/// <summary>ModelState keys for <see cref="IRefusalPage.FieldOf"/>.</summary>
public static class RefusalFields
{
    /// <summary>The key of <paramref name="field"/> inside the bound input <paramref name="prefix"/>; "" (the whole form) for no field.</summary>
    public static string In(string prefix, string? field) => string.IsNullOrEmpty(field) ? "" : $"{prefix}.{field}";
}

/// <summary>
/// What a page tells <see cref="RefusalFilter"/> about its form. Every member has a default, so a page implements only what
/// differs: a refusal code the domain does not tie to a field the form names alike, what a duplicate means on this form,
/// what has to be read again before the form is shown.
/// </summary>
public interface IRefusalPage
{
    /// <summary>
    /// The ModelState key a domain refusal belongs next to, "" for the form as a whole, or null for the default: the bound
    /// property named like <see cref="DomainException.Field"/> (directly, or inside the bound input), else the whole form.
    /// </summary>
    /// <param name="handler">The handler that was refused (<c>Contact</c> for <c>OnPostContactAsync</c>); null for <c>OnPost</c>.</param>
    string? FieldOf(DomainException refusal, string? handler) => null;

    /// <summary>What a unique violation (PostgreSQL 23505) of this form's save means: another save got there first.</summary>
    RefusalMessage Duplicate() => new("", "Common.Duplicate");

    /// <summary>What an optimistic-concurrency conflict of this form's save means.</summary>
    RefusalMessage Conflict() => new("", "Common.ConcurrentEdit");

    /// <summary>
    /// Shows the form again after <paramref name="refused"/>: what is saved now (the change tracker was cleared) with everything
    /// the user typed. The default shows the page as the handler left it, for pages that read what they show before they save.
    /// </summary>
    Task<IActionResult> RedisplayAsync(Exception refused, CancellationToken ct) => Task.FromResult<IActionResult>(new PageResult());
}

/// <summary>
/// The one place a refused save becomes a message next to its field: a <see cref="DomainException"/> (the domain's refusal,
/// with its code and field), an optimistic-concurrency conflict and a unique violation, thrown by a page's form handler, are
/// added to ModelState in the user's language and the page is shown again with everything typed kept. Handlers therefore do
/// not catch them; anything else still fails the request. GET handlers have no form, so their refusals are not caught.
/// </summary>
internal sealed class RefusalFilter(IStringLocalizer<SharedResource> l) : IAsyncPageFilter
{
    private static readonly IRefusalPage Defaults = new DefaultRefusals();

    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var executed = await next();
        if (executed.Exception is not { } exception || executed.ExceptionHandled || HttpMethods.IsGet(context.HttpContext.Request.Method)
            || context.HandlerInstance is not PageModel page)
        {
            return;
        }

        var shows = page as IRefusalPage ?? Defaults;
        var message = exception switch
        {
            DomainException refusal => new RefusalMessage(shows.FieldOf(refusal, context.HandlerMethod?.Name) ?? FieldNamed(page, refusal.Field), refusal.Code),
            DbUpdateConcurrencyException => shows.Conflict(),
            DbUpdateException save when save.IsUniqueViolation() => shows.Duplicate(),
            _ => null,
        };
        if (message is null)
        {
            return;
        }

        // Nothing refused stays tracked: the page reads what is saved now, and no later save in this request can write it.
        context.HttpContext.RequestServices.GetService<CrmDbContext>()?.ChangeTracker.Clear();
        page.ModelState.AddModelError(message.Field, l[message.Key, message.Arguments ?? []]);
        executed.ExceptionHandled = true;
        executed.Result = await shows.RedisplayAsync(exception, context.HttpContext.RequestAborted);
    }

    /// <summary>The ModelState key of the bound property named <paramref name="field"/>, or of that property of a bound input.</summary>
    internal static string FieldNamed(PageModel page, string? field)
    {
        if (string.IsNullOrEmpty(field))
        {
            return "";
        }

        var bindsAll = page.GetType().GetCustomAttribute<BindPropertiesAttribute>() is not null;
        foreach (var property in page.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            var bind = property.GetCustomAttribute<BindPropertyAttribute>();
            if (bind is null && !bindsAll)
            {
                continue;
            }

            var name = bind?.Name ?? property.Name;
            if (property.Name == field)
            {
                return name;
            }

            if (property.PropertyType.GetProperty(field, BindingFlags.Public | BindingFlags.Instance) is not null)
            {
                return $"{name}.{field}";
            }
        }

        return "";
    }

    private sealed class DefaultRefusals : IRefusalPage;
}
