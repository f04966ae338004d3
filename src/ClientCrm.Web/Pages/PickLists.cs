using ClientCrm.Domain.Access;
using ClientCrm.Infrastructure.Persistence;
using ClientCrm.Domain.Grading;
using ClientCrm.Infrastructure.Grading;
using ClientCrm.Web.Pages.Clients;
using ClientCrm.Web.Pages.Grading;
using ClientCrm.Web.Paging;
using Microsoft.EntityFrameworkCore;

namespace ClientCrm.Web.Pages;

/// <summary>
/// The departments and the owners a filter form offers. They change rarely but every list page shows them, so they are
/// kept like the scope summaries (<see cref="ScopeSummaries"/>: a minute, or until this instance changes users or departments).
/// </summary>
public static class PickLists
{
    /// <summary>
    /// The names of the clients <paramref name="ids"/> names, in one query for a page of rows, through the caller's scope (a
    /// leader's has no filter). The name only: a whole client would decrypt every confidential column of every row.
    /// </summary>
    public static Task<Dictionary<Guid, string>> ClientNamesAsync(CrmDbContext db, IEnumerable<Guid> ids, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var distinct = ids.Distinct().ToList();
        return db.Clients.AsNoTracking().Where(c => distinct.Contains(c.Id)).Select(c => new { c.Id, c.Name }).ToDictionaryAsync(c => c.Id, c => c.Name, ct);
    }

    public static async Task<IReadOnlyList<(int Id, string Name)>> DepartmentsAsync(CrmDbContext db, ScopeSummaries summaries, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(summaries);
        return (await summaries.GetAsync<IReadOnlyList<(int Id, string Name)>>("departments", AccessScope.System, async token =>
            (await db.Departments.AsNoTracking().OrderBy(d => d.Code).Select(d => new { d.Id, d.Name }).ToListAsync(token))
            .Select(d => (d.Id, d.Name)).ToList(), ct)).Value;
    }

    /// <summary>Every user's display name by id (owners, deciders and authors shown on list rows), kept company-wide.</summary>
    public static async Task<IReadOnlyDictionary<string, string>> PeopleAsync(CrmDbContext db, ScopeSummaries summaries, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(summaries);
        return (await summaries.GetAsync<IReadOnlyDictionary<string, string>>("people", AccessScope.System, async token =>
            await db.Users.AsNoTracking().ToDictionaryAsync(u => u.Id, u => u.DisplayName, StringComparer.Ordinal, token), ct)).Value;
    }

    /// <summary>Every account with its sign-in and display name (people named by a stored id or sign-in name), kept company-wide.</summary>
    public static async Task<People> DirectoryAsync(CrmDbContext db, ScopeSummaries summaries, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(summaries);
        return (await summaries.GetAsync("directory", AccessScope.System, async token => new People(
            await db.Users.AsNoTracking().OrderBy(u => u.DisplayName).ThenBy(u => u.UserName)
                .Select(u => new Person(u.Id, u.UserName ?? "", u.DisplayName)).ToListAsync(token)), ct)).Value;
    }

    /// <summary>
    /// Every penalty of the list (处罚种类), active or not, in the leaders' order, kept company-wide: a case page offers them
    /// on every view. A change to the list moves the summaries' version, so the next view reads it again.
    /// </summary>
    public static async Task<IReadOnlyList<Domain.Accountability.AccountabilityPenalty>> PenaltiesAsync(CrmDbContext db, ScopeSummaries summaries,
        CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(summaries);
        return (await summaries.GetAsync<IReadOnlyList<Domain.Accountability.AccountabilityPenalty>>("penalties", AccessScope.System, async token =>
            await db.AccountabilityPenalties.AsNoTracking().OrderBy(p => p.SortOrder).ThenBy(p => p.Id).ToListAsync(token), ct)).Value;
    }

    /// <summary>The grading thresholds, for pages that show them (a change saves and recounts at once).</summary>
    public static async Task<GradingThresholds> GradingThresholdsAsync(CrmDbContext db, ScopeSummaries summaries, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(summaries);
        return (await summaries.GetAsync("grading-thresholds", AccessScope.System, token => db.GradingThresholdsAsync(token), ct)).Value;
    }

    /// <summary>The active leaders (responsible leaders of A clients), kept company-wide.</summary>
    public static async Task<IReadOnlyList<LeaderOption>> LeadersAsync(CrmDbContext db, ScopeSummaries summaries, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(summaries);
        return (await summaries.GetAsync("leaders", AccessScope.System, token => GradingPeople.LeadersAsync(db, token), ct)).Value;
    }

    /// <summary><see cref="ClientOwners.AssignableAsync"/>, kept per scope.</summary>
    public static async Task<IReadOnlyList<OwnerOption>> OwnersAsync(CrmDbContext db, AccessScope scope, ScopeSummaries summaries, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(summaries);
        return (await summaries.GetAsync("owners", scope, token => ClientOwners.AssignableAsync(db, scope, token), ct)).Value;
    }
}
