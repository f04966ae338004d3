namespace ClientCrm.Infrastructure.Jobs;

/// <summary>
/// Keys of the PostgreSQL advisory locks that keep company-wide jobs to one at a time across app instances.
/// Transaction-scoped (pg_advisory_xact_lock): a crashed instance cannot leave a lock behind.
/// </summary>
public static class AdvisoryLocks
{
    public const long Regrade = 0x436C_4372_6D01; // "ClCrm" + 1
    public const long WarningEngine = 0x436C_4372_6D02;
    public const long KeyRotation = 0x436C_4372_6D03;
}
