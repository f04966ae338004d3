using ClientCrm.Domain.Clients;
using ClientCrm.Infrastructure.Persistence;
using ClientCrm.Infrastructure.Security;
using Microsoft.EntityFrameworkCore;

namespace ClientCrm.Infrastructure.Clients;

public enum DuplicateReason
{
    RegistrationNumber = 1,
    NameInCountry = 2,
}

/// <summary>
/// A client that may be the same as the one being registered. When it lies outside the user's scope only the
/// department to contact is given: <see cref="ClientId"/> and <see cref="ClientName"/> stay null.
/// </summary>
public sealed record DuplicateMatch(DuplicateReason Reason, string DepartmentName, Guid? ClientId, string? ClientName);

public static class DuplicateMatches
{
    /// <summary>
    /// A same-name match may be a different company, so the user may confirm and save; a registration-number match
    /// is the same enterprise and always blocks.
    /// </summary>
    public static bool MayBeConfirmed(this IReadOnlyList<DuplicateMatch> matches) =>
        matches is { Count: > 0 } && matches.All(m => m.Reason == DuplicateReason.NameInCountry);
}

/// <summary>
/// SPEC §2: duplicate registration is detected across the whole company before save. This is the one query
/// that deliberately looks past the access scope, and it returns nothing of a client the user may not see.
/// </summary>
public sealed class DuplicateClientCheck(CrmDbContext db, IBlindIndexer indexer)
{
    public async Task<IReadOnlyList<DuplicateMatch>> FindAsync(string name, string? chineseName, string countryCode,
        string? registrationNumber, Guid? exceptClientId, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(name);
        var normalizedName = Client.NormalizeName(name);
        var chinese = string.IsNullOrWhiteSpace(chineseName) ? null : chineseName.Trim();
        var country = countryCode.Trim().ToUpperInvariant();
        var regIndexes = string.IsNullOrWhiteSpace(registrationNumber)
                         || BlindIndexNormalizer.Normalize(BlindIndexKind.RegistrationNumber, registrationNumber).Length == 0
            ? null
            : indexer.ComputeAll(BlindIndexKind.RegistrationNumber, registrationNumber);
        // While a blind-index rotation runs, a client not yet re-indexed holds the index under the previous key.
        var regIndex = regIndexes?[0];
        var regIndexOld = regIndexes is { Count: > 1 } ? regIndexes[1] : null;
        var regIndexColumn = ConfidentialProperties.IndexPropertyName(nameof(Client.RegistrationNumber));

        var candidates = await db.Clients.IgnoreQueryFilters()
            .Where(c => exceptClientId == null || c.Id != exceptClientId)
            .Where(c => (regIndex != null && EF.Property<byte[]?>(c, regIndexColumn) == regIndex)
                        || (regIndexOld != null && EF.Property<byte[]?>(c, regIndexColumn) == regIndexOld)
                        || (c.CountryCode == country
                            && (c.NormalizedName == normalizedName || (chinese != null && c.ChineseName == chinese))))
            .OrderBy(c => c.Name)
            .Select(c => new
            {
                c.Id,
                c.Name,
                ByRegistration = (regIndex != null && EF.Property<byte[]?>(c, regIndexColumn) == regIndex)
                                 || (regIndexOld != null && EF.Property<byte[]?>(c, regIndexColumn) == regIndexOld),
                DepartmentName = db.Departments.Where(d => d.Id == c.DepartmentId).Select(d => d.Name).First(),
            })
            .Take(10)
            .ToListAsync(ct);
        if (candidates.Count == 0)
        {
            return [];
        }

        // Which of them the user may see is the scope filter's answer, asked in a query of its own: IgnoreQueryFilters
        // above switches the filter off for its whole query.
        var ids = candidates.Select(c => c.Id).ToList();
        var visible = (await db.Clients.Where(c => EF.MultipleParameters(ids).Contains(c.Id)).Select(c => c.Id).ToListAsync(ct)).ToHashSet();
        return candidates
            .Select(c =>
            {
                var reason = c.ByRegistration ? DuplicateReason.RegistrationNumber : DuplicateReason.NameInCountry;
                var seen = visible.Contains(c.Id);
                return new DuplicateMatch(reason, c.DepartmentName, seen ? c.Id : null, seen ? c.Name : null);
            })
            .ToList();
    }
}
