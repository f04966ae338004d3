namespace ClientCrm.Domain.Dossier;

/// <summary>
/// One line of the use log (使用登记, SPEC §6: "every use is registered"): who used which client's dossier, when, how
/// (<see cref="Kind"/>), under which right, and from which address. Append-only: nothing in the app changes or deletes a
/// line, and the database refuses to (a trigger, see the DossierAccess migration). <see cref="What"/> is a short
/// description that holds no confidential value (a document's type and file name, an export's filter).
/// </summary>
public class DossierUse
{
    public const int MaxWhatLength = 500;
    public const int MaxAddressLength = 64;

    private DossierUse() { }

    public DossierUse(DateTimeOffset at, string? userId, string userName, Guid clientId, DossierUseKind kind, DossierRight right, string what,
        string? remoteAddress)
    {
        ArgumentNullException.ThrowIfNull(right);
        At = at;
        UserId = userId;
        UserName = userName;
        ClientId = clientId;
        Kind = kind;
        Basis = right.Basis;
        RequestNumber = right.RequestNumber;
        What = Cut((what ?? "").Trim(), MaxWhatLength);
        RemoteAddress = remoteAddress is null ? null : Cut(remoteAddress, MaxAddressLength);
    }

    // A line is never refused for its length: the log must take every use.
    private static string Cut(string text, int length) => text.Length > length ? text[..length] : text;

    public long Id { get; private set; }

    /// <summary>When (UTC, shown in the company's time).</summary>
    public DateTimeOffset At { get; private set; }

    public string? UserId { get; private set; }

    /// <summary>The user's display name at the time, so the line reads the same after a rename.</summary>
    public string UserName { get; private set; } = "";

    public Guid ClientId { get; private set; }
    public DossierUseKind Kind { get; private set; }
    public DossierRightBasis Basis { get; private set; }

    /// <summary>The access request's number (#n) when <see cref="Basis"/> is <see cref="DossierRightBasis.Request"/>.</summary>
    public long? RequestNumber { get; private set; }

    public string What { get; private set; } = "";
    public string? RemoteAddress { get; private set; }

    /// <summary>The right the use was made under.</summary>
    public DossierRight Right => new(Basis, RequestNumber);
}
