namespace ClientCrm.Domain.Common;

/// <summary>
/// A business rule refused the operation. <see cref="Code"/> is a stable resource key the UI translates;
/// the message is English for logs.
/// </summary>
public sealed class DomainException : Exception
{
    public DomainException(string code, string message) : base(message) => Code = code;

    public DomainException() : this("Domain.Error", "A business rule refused the operation.") { }

    public DomainException(string message) : this("Domain.Error", message) { }

    public DomainException(string message, Exception innerException) : base(message, innerException) => Code = "Domain.Error";

    public string Code { get; }
}
