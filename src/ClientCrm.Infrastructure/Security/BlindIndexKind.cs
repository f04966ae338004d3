namespace ClientCrm.Infrastructure.Security;

/// <summary>
/// What a blind index was computed over. The numeric values are hashed into every index, so they must
/// never be renumbered once data exists.
/// </summary>
public enum BlindIndexKind
{
    Phone = 1,
    Email = 2,
    TaxNumber = 3,
    RegistrationNumber = 4,
}
