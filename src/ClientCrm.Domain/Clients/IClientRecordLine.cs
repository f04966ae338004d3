namespace ClientCrm.Domain.Clients;

/// <summary>
/// A line that belongs to a client record rather than to the client itself, such as a line of a workflow item's timeline.
/// It is visible exactly when its record is: the data layer derives its scope filter through its navigation to that record.
/// </summary>
public interface IClientRecordLine
{
    /// <summary>The client record (<see cref="IClientRecord"/>) the line belongs to.</summary>
    Guid RecordId { get; }
}
