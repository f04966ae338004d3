namespace ClientCrm.Domain.Dossier;

/// <summary>What the completeness rule reads of one document.</summary>
public sealed record DocumentStanding(DocumentType Type, DateOnly? ValidUntil, bool Archived);

/// <summary>
/// When a client's registration is complete (客户登记制, SPEC §2 and §6): a business license and a credit certificate on file,
/// neither archived nor past its valid-until day. Feeds the business gate; the expiry of either raises the major-change
/// warning, and a reminder comes <see cref="ReminderDays"/> days before.
/// </summary>
public static class DossierCompleteness
{
    /// <summary>Days before the valid-until day that the owner is reminded.</summary>
    public const int ReminderDays = 30;

    /// <summary>The documents the registration needs, in the order a refusal names them.</summary>
    public static IReadOnlyList<DocumentType> Required { get; } = [DocumentType.BusinessLicense, DocumentType.CreditCertificate];

    /// <summary>Whether a document of this type expiring matters to the registration (warning and reminder).</summary>
    public static bool Watched(DocumentType type) => Required.Contains(type);

    /// <summary>Valid on <paramref name="today"/>: not archived, and valid through today (the valid-until day itself counts).</summary>
    public static bool IsValid(DocumentStanding document, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(document);
        return !document.Archived && (document.ValidUntil is not { } until || until >= today);
    }

    /// <summary>The required document types with no valid document on <paramref name="today"/>; empty when the registration is complete.</summary>
    public static IReadOnlyList<DocumentType> Missing(IEnumerable<DocumentStanding> documents, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(documents);
        var valid = documents.Where(d => IsValid(d, today)).Select(d => d.Type).ToHashSet();
        return Required.Where(t => !valid.Contains(t)).ToList();
    }

    public static bool IsComplete(IEnumerable<DocumentStanding> documents, DateOnly today) => Missing(documents, today).Count == 0;

    /// <summary>
    /// The required types whose documents on file have all expired (the newest is past its valid-until day): the major-change
    /// warning's condition. A type with no document at all is incomplete registration, not an expiry.
    /// </summary>
    public static IReadOnlyList<DocumentType> Expired(IEnumerable<DocumentStanding> documents, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(documents);
        var current = documents.Where(d => !d.Archived && Watched(d.Type)).ToList();
        return Required.Where(t => current.Any(d => d.Type == t) && !current.Any(d => d.Type == t && IsValid(d, today))).ToList();
    }

    /// <summary>Whether the document needs the reminder today: a watched type, not archived, expiring within <see cref="ReminderDays"/> days.</summary>
    public static bool ExpiresSoon(DocumentStanding document, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(document);
        return !document.Archived && Watched(document.Type) && document.ValidUntil is { } until
            && until >= today && until.DayNumber - today.DayNumber <= ReminderDays;
    }

    /// <summary>The first day of the reminder for a document valid until <paramref name="validUntil"/>.</summary>
    public static DateOnly RemindFrom(DateOnly validUntil) => validUntil.AddDays(-ReminderDays);
}
