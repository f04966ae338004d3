namespace ClientCrm.Domain.Warnings;

/// <summary>
/// The record that caused a rule warning, so the warning links to it: an incident (with its project), a batch, the client's
/// batches as a whole, or a change of the client card (<see cref="RecordId"/> is the archived version the change replaced;
/// null when the card was registered that way). The engine picks it when it raises the warning and again when the figures
/// move; which kind a rule points to is <see cref="WarningRules.SourceKindOf"/>.
/// </summary>
public sealed record WarningSource(WarningSourceKind Kind, Guid? ProjectId = null, Guid? RecordId = null)
{
    public static WarningSource AllProjects { get; } = new(WarningSourceKind.Projects);

    public static WarningSource Incident(Guid projectId, Guid incidentId) => new(WarningSourceKind.Incident, projectId, incidentId);

    public static WarningSource Project(Guid projectId) => new(WarningSourceKind.Project, projectId);

    public static WarningSource CardChange(Guid? revisionId) => new(WarningSourceKind.CardChange, null, revisionId);

    public static WarningSource Documents { get; } = new(WarningSourceKind.Documents);
}
