using ClientCrm.Infrastructure.Access;
using Microsoft.Extensions.Localization;

namespace ClientCrm.Web.Pages;

/// <summary>A user account as pages name it: by display name, with the sign-in name only where one must be told apart.</summary>
public sealed record Person(string Id, string UserName, string DisplayName);

/// <summary>
/// Every user account, to show people by their display name wherever a record keeps their id or their sign-in name
/// (the audit log, the card history, the exchange rates), and the system by a name of its own. Kept company-wide
/// (<see cref="PickLists.DirectoryAsync"/>).
/// </summary>
public sealed class People
{
    private readonly Dictionary<string, Person> _byId;
    private readonly Dictionary<string, Person> _byUserName;

    public People(IReadOnlyList<Person> all)
    {
        ArgumentNullException.ThrowIfNull(all);
        All = all;
        Choices = [new Person("", SystemUserName, ""), .. all];
        _byId = all.ToDictionary(p => p.Id, StringComparer.Ordinal);
        // Identity compares sign-in names without regard to case.
        _byUserName = all.DistinctBy(p => p.UserName, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(p => p.UserName, StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>The sign-in name work done without a person is recorded under (start-up, scheduled runs).</summary>
    public static string SystemUserName => SystemActor.Instance.UserName!;

    /// <summary>Everyone, by display name.</summary>
    public IReadOnlyList<Person> All { get; }

    /// <summary>Who a filter can pick: the system (the entry with an empty id), then everyone.</summary>
    public IReadOnlyList<Person> Choices { get; }

    public Person? ById(string? id) => id is not null && _byId.TryGetValue(id, out var p) ? p : null;

    public Person? ByUserName(string? userName) => userName is not null && _byUserName.TryGetValue(userName, out var p) ? p : null;

    /// <summary>Whether a record's author is the system rather than a person.</summary>
    public static bool IsSystem(string? userId, string? userName) =>
        userId is null && string.Equals(userName, SystemUserName, StringComparison.Ordinal);

    /// <summary>
    /// Who did something, as a page shows it: a person's display name (found by id, else by sign-in name), the system's
    /// localised name, "not signed in" when the record names nobody (a failed sign-in counts against an account), or the
    /// stored name of an account that no longer exists.
    /// </summary>
    public string NameOf(IStringLocalizer l, string? userId, string? userName)
    {
        ArgumentNullException.ThrowIfNull(l);
        if (IsSystem(userId, userName))
        {
            return l["Actor.System"];
        }

        if ((ById(userId) ?? ByUserName(userName)) is { } person)
        {
            return person.DisplayName;
        }

        return userName ?? (userId is null ? l["Actor.Anonymous"] : userId);
    }
}
