namespace ClientCrm.Domain.Common;

/// <summary>
/// A business rule refused the operation: the one shape of a refusal. <see cref="Code"/> is a stable resource key the UI
/// translates; <see cref="Field"/> names what the refusal is about (the domain's name of the value, e.g. <c>Cause</c>), so
/// the page can say it next to the field that holds it; null when it concerns the operation as a whole (who may, the state).
/// The message is English for logs.
/// </summary>
public sealed class DomainException : Exception
{
    public DomainException(string code, string message) : base(message) => Code = code;

    public DomainException(string code, string message, string? field) : base(message) => (Code, Field) = (code, field);

    public DomainException() : this("Domain.Error", "A business rule refused the operation.") { }

    public DomainException(string message) : this("Domain.Error", message) { }

    public DomainException(string message, Exception innerException) : base(message, innerException) => Code = "Domain.Error";

    public string Code { get; }

    /// <summary>The value the refusal is about, by its domain name; null for a refusal of the whole operation.</summary>
    public string? Field { get; }
}
