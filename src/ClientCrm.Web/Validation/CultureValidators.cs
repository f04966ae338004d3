using System.Collections.Concurrent;
using System.Globalization;
using System.Reflection;
using ClientCrm.Domain.Common;
using FluentValidation;
using Microsoft.Extensions.Localization;

namespace ClientCrm.Web.Validation;

/// <summary>
/// Validators made once per culture and kept. Making one builds its rules (expression trees, child validators for each
/// row list): on the accountability case page that was 4.6% of the app's CPU on every GET, and 1.9% more finalizing what a
/// per-request validator compiled. Messages written as <c>WithMessage(l["…"])</c> are read in the
/// culture the validator is made in, so one is kept per (culture, UI culture), never shared across languages. A validator
/// whose constructor takes anything but the shared localizer and the business clock (the request's database context,
/// another validator) is still made per request, so a kept one never holds a request's services.
/// </summary>
public sealed class CultureValidators(IServiceProvider root)
{
    private static readonly Type[] Shared = [typeof(IStringLocalizer<SharedResource>), typeof(BusinessClock)];

    private readonly ConcurrentDictionary<(Type Validator, string Culture, string UiCulture), object> _made = new();

    public object For(Type validator) =>
        _made.GetOrAdd((validator, CultureInfo.CurrentCulture.Name, CultureInfo.CurrentUICulture.Name),
            key => ActivatorUtilities.CreateInstance(root, key.Validator));

    /// <summary>Whether a validator can be kept: every constructor parameter is one of the app-wide services above.</summary>
    public static bool Keepable(Type validator)
    {
        ArgumentNullException.ThrowIfNull(validator);
        return validator.GetConstructors().All(c => c.GetParameters().All(p => Shared.Contains(p.ParameterType)));
    }

    /// <summary>The assembly's validators, found by FluentValidation's scan: kept ones through this cache, the rest per request.</summary>
    public static void Register(IServiceCollection services, Assembly assembly)
    {
        services.AddSingleton<CultureValidators>();
        services.AddValidatorsFromAssembly(assembly, ServiceLifetime.Scoped, r => !Keepable(r.ValidatorType), includeInternalTypes: true);
        foreach (var found in AssemblyScanner.FindValidatorsInAssembly(assembly, includeInternalTypes: true).Where(r => Keepable(r.ValidatorType)))
        {
            var validator = found.ValidatorType;
            // Transient: the culture is read at each resolution, after the request's culture is set.
            services.AddTransient(found.InterfaceType, sp => sp.GetRequiredService<CultureValidators>().For(validator));
        }
    }
}
