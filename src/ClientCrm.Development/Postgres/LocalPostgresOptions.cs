namespace ClientCrm.Development.Postgres;

/// <summary>Where and how <see cref="LocalPostgres"/> keeps its private cluster.</summary>
public sealed class LocalPostgresOptions
{
    /// <summary>
    /// Folder that holds everything the cluster needs: <c>pgdata/</c>, <c>run/</c> (socket folder),
    /// <c>postgres.log</c> and the generated password file. Created when missing.
    /// </summary>
    public required string RootDirectory { get; init; }

    /// <summary>
    /// True for throwaway clusters (tests): the folder is deleted on dispose and the server runs with
    /// <c>fsync=off</c>, since durability is pointless for data that is about to be deleted.
    /// </summary>
    public bool DeleteOnDispose { get; init; }

    /// <summary>Superuser role created by <c>initdb</c>; the connection strings log in as this role.</summary>
    public string SuperUser { get; init; } = "crm";
}
