using ClientCrm.Domain.Clients;
using ClientCrm.Infrastructure.Persistence;
using ClientCrm.Infrastructure.Security;
using Microsoft.EntityFrameworkCore;

namespace ClientCrm.Infrastructure.Clients;

/// <summary>
/// Exact search on confidential identifiers (phone, email, tax and registration number) through their blind
/// indexes: the term is hashed with the same key and compared, nothing is decrypted.
/// </summary>
public static class ExactContactSearch
{
    /// <summary>More hits than this for one identifier would be a data problem, not a search result.</summary>
    public const int MaxHits = 200;

    private static readonly string ClientPhone = ConfidentialProperties.IndexPropertyName(nameof(Client.Phone));
    private static readonly string ClientEmail = ConfidentialProperties.IndexPropertyName(nameof(Client.Email));
    private static readonly string ClientTax = ConfidentialProperties.IndexPropertyName(nameof(Client.TaxNumber));
    private static readonly string ClientRegistration = ConfidentialProperties.IndexPropertyName(nameof(Client.RegistrationNumber));
    private static readonly string PrincipalPhone = ConfidentialProperties.IndexPropertyName(nameof(Principal.Phone));
    private static readonly string PrincipalEmail = ConfidentialProperties.IndexPropertyName(nameof(Principal.Email));

    /// <summary>
    /// The ids of the clients in the context's scope whose own or whose principals' phone/email, or whose tax or
    /// registration number, equals <paramref name="term"/>; null when the term cannot be any of these. The lookups
    /// are index probes on the blind-index columns, so the list can then read the hits by id.
    /// </summary>
    public static async Task<IReadOnlyList<Guid>?> MatchingClientIdsAsync(CrmDbContext db, string term, IBlindIndexer indexer, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(indexer);
        var phone = TryIndex(indexer, BlindIndexKind.Phone, term);
        var email = TryIndex(indexer, BlindIndexKind.Email, term);
        var tax = TryIndex(indexer, BlindIndexKind.TaxNumber, term);
        var registration = TryIndex(indexer, BlindIndexKind.RegistrationNumber, term);
        if (phone is null && email is null && tax is null && registration is null)
        {
            return null;
        }

        var own = db.Clients.AsNoTracking().Where(c =>
                (phone != null && EF.Property<byte[]?>(c, ClientPhone) == phone)
                || (email != null && EF.Property<byte[]?>(c, ClientEmail) == email)
                || (tax != null && EF.Property<byte[]?>(c, ClientTax) == tax)
                || (registration != null && EF.Property<byte[]?>(c, ClientRegistration) == registration))
            .Select(c => c.Id);
        var viaPrincipals = db.Principals.AsNoTracking().Where(p =>
                (phone != null && EF.Property<byte[]?>(p, PrincipalPhone) == phone)
                || (email != null && EF.Property<byte[]?>(p, PrincipalEmail) == email))
            .Select(p => p.ClientId);
        return await own.Union(viaPrincipals).Take(MaxHits).ToListAsync(ct);
    }

    private static byte[]? TryIndex(IBlindIndexer indexer, BlindIndexKind kind, string term)
    {
        if (string.IsNullOrWhiteSpace(term))
        {
            return null;
        }

        // A phone number needs enough digits to be one; otherwise "Li" would match nothing but cost a hash.
        var normalized = BlindIndexNormalizer.Normalize(kind, term);
        if (normalized.Length == 0 || (kind == BlindIndexKind.Phone && normalized.Length < 5)
            || (kind == BlindIndexKind.Email && !normalized.Contains('@', StringComparison.Ordinal)))
        {
            return null;
        }

        return indexer.Compute(kind, term);
    }
}
