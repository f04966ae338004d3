using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Extensions.Localization;

namespace ClientCrm.Web.Localization;

/// <summary>
/// The UI strings, remembered per language once read. ResourceManager takes a lock for every lookup, and a list page looks
/// up a few hundred strings (labels, enum names); under load the requests queued on that lock. Strings that are not
/// resources (figures shown as they are) are not remembered, so the cache holds at most the resource keys per language.
/// </summary>
internal sealed class CachedSharedLocalizer(IStringLocalizerFactory factory) : IStringLocalizer<SharedResource>
{
    private readonly IStringLocalizer _inner = factory.Create(typeof(SharedResource));
    private readonly ConcurrentDictionary<(string Culture, string Name), LocalizedString> _cache = new();

    public LocalizedString this[string name]
    {
        get
        {
            ArgumentNullException.ThrowIfNull(name);
            var key = (CultureInfo.CurrentUICulture.Name, name);
            if (_cache.TryGetValue(key, out var found))
            {
                return found;
            }

            var value = _inner[name];
            if (!value.ResourceNotFound)
            {
                _cache.TryAdd(key, value);
            }

            return value;
        }
    }

    public LocalizedString this[string name, params object[] arguments]
    {
        get
        {
            var format = this[name];
            return new LocalizedString(name, string.Format(CultureInfo.CurrentCulture, format.Value, arguments), format.ResourceNotFound,
                format.SearchedLocation);
        }
    }

    public IEnumerable<LocalizedString> GetAllStrings(bool includeParentCultures) => _inner.GetAllStrings(includeParentCultures);
}
