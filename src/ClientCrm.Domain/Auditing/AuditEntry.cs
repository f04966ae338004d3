namespace ClientCrm.Domain.Auditing;

public enum AuditAction
{
    Created = 1,
    Updated = 2,
    Deleted = 3,
}

/// <summary>
/// One line of the audit log: who did what to which record, and the fields that changed. Confidential
/// fields appear as changed without their values.
/// </summary>
public class AuditEntry
{
    private AuditEntry() { }

    public AuditEntry(DateTimeOffset at, string? userId, string? userName, string entityType, string entityId,
        Guid? clientId, AuditAction action, string? changesJson)
    {
        At = at;
        UserId = userId;
        UserName = userName;
        EntityType = entityType;
        EntityId = entityId;
        ClientId = clientId;
        Action = action;
        ChangesJson = changesJson;
    }

    public long Id { get; private set; }
    public DateTimeOffset At { get; private set; }
    public string? UserId { get; private set; }
    public string? UserName { get; private set; }
    public string EntityType { get; private set; } = "";
    public string EntityId { get; private set; } = "";

    /// <summary>The client the record belongs to, so a client's history can be read in one place.</summary>
    public Guid? ClientId { get; private set; }

    public AuditAction Action { get; private set; }

    /// <summary>Database-generated keys are known only after the insert; the log line gets the real one then.</summary>
    public void ResolveEntityId(string entityId) => EntityId = entityId;

    /// <summary>JSON object: field → {"from": …, "to": …}, or {"changed": true} for confidential fields.</summary>
    public string? ChangesJson { get; private set; }
}
