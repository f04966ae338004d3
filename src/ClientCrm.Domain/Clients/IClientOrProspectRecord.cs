namespace ClientCrm.Domain.Clients;

/// <summary>
/// A record about a client that may not be registered yet (an important-information report on a prospect). While it has no
/// client it belongs to whoever reported it and to their department; once linked, to its client like any <see
/// cref="IClientRecord"/>. The data layer derives its scope filter from this (<see cref="Access.ClientOrProspectVisibility"/>).
/// </summary>
public interface IClientOrProspectRecord
{
    /// <summary>Null while the record is about a company not registered as a client.</summary>
    Guid? ClientId { get; }

    Client? Client { get; }

    /// <summary>The user who wrote it (reported it): staff see what they wrote even when the client is not theirs (or not there).</summary>
    string ReporterId { get; }

    /// <summary>The reporter's department when written: a head sees the department's records without a client.</summary>
    int? ReporterDepartmentId { get; }
}
