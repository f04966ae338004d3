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
        var (phone, phoneOld) = TryIndex(indexer, BlindIndexKind.Phone, term);
        var (email, emailOld) = TryIndex(indexer, BlindIndexKind.Email, term);
        var (tax, taxOld) = TryIndex(indexer, BlindIndexKind.TaxNumber, term);
        var (registration, registrationOld) = TryIndex(indexer, BlindIndexKind.RegistrationNumber, term);
        if (phone is null && email is null && tax is null && registration is null)
        {
            return null;
        }

        // While a blind-index rotation runs a term has a second index (under the previous key, the *Old values): a row not
        // yet re-indexed holds that one. Outside a rotation they are null and the query is the same as before.
        var own = db.Clients.AsNoTracking().Where(c =>
                (phone != null && EF.Property<byte[]?>(c, ClientPhone) == phone)
                || (phoneOld != null && EF.Property<byte[]?>(c, ClientPhone) == phoneOld)
                || (email != null && EF.Property<byte[]?>(c, ClientEmail) == email)
                || (emailOld != null && EF.Property<byte[]?>(c, ClientEmail) == emailOld)
                || (tax != null && EF.Property<byte[]?>(c, ClientTax) == tax)
                || (taxOld != null && EF.Property<byte[]?>(c, ClientTax) == taxOld)
                || (registration != null && EF.Property<byte[]?>(c, ClientRegistration) == registration)
                || (registrationOld != null && EF.Property<byte[]?>(c, ClientRegistration) == registrationOld))
            .Select(c => c.Id);
        var viaPrincipals = db.Principals.AsNoTracking().Where(p =>
                (phone != null && EF.Property<byte[]?>(p, PrincipalPhone) == phone)
                || (phoneOld != null && EF.Property<byte[]?>(p, PrincipalPhone) == phoneOld)
                || (email != null && EF.Property<byte[]?>(p, PrincipalEmail) == email)
                || (emailOld != null && EF.Property<byte[]?>(p, PrincipalEmail) == emailOld))
            .Select(p => p.ClientId);
        return await own.Union(viaPrincipals).Take(MaxHits).ToListAsync(ct);
    }

    private static (byte[]? Current, byte[]? Previous) TryIndex(IBlindIndexer indexer, BlindIndexKind kind, string term)
    {
        if (string.IsNullOrWhiteSpace(term))
        {
            return (null, null);
        }

        // A phone number needs enough digits to be one; otherwise "Li" would match nothing but cost a hash.
        var normalized = BlindIndexNormalizer.Normalize(kind, term);
        if (normalized.Length == 0 || (kind == BlindIndexKind.Phone && normalized.Length < 5)
            || (kind == BlindIndexKind.Email && !normalized.Contains('@', StringComparison.Ordinal)))
        {
            return (null, null);
        }

        var all = indexer.ComputeAll(kind, term);
        return (all[0], all.Count > 1 ? all[1] : null);
    }
}
