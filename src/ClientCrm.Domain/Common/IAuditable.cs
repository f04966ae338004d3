namespace ClientCrm.Domain.Common;

/// <summary>
/// Marks entities whose every create and update is written to the audit log. The data layer reads the key
/// and the changed fields itself, so the marker carries nothing.
/// </summary>
#pragma warning disable CA1040 // A marker is the point: auditing is opted into per entity type.
public interface IAuditable;
#pragma warning restore CA1040
