namespace ClientCrm.Development.Postgres;

/// <summary>
/// The local PostgreSQL cluster could not be found, created or started. The first line of the message says
/// what to do about it; any lines after it are the tool or server output that explains why.
/// </summary>
public sealed class PostgresUnavailableException : Exception
{
    public PostgresUnavailableException()
        : base("PostgreSQL is unavailable: install the server binaries, or set ConnectionStrings:Crm to an existing server.")
    {
    }

    public PostgresUnavailableException(string message)
        : base(message)
    {
    }

    public PostgresUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
