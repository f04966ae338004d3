namespace ClientCrm.Web.Security;

internal static class CrmClaims
{
    public const string DepartmentId = "crm:department";
    public const string DisplayName = "crm:display_name";

    /// <summary>When the user signed in (Unix seconds); survives cookie renewal and stamp refresh, unlike IssuedUtc.</summary>
    public const string SignedInAt = "crm:signed_in_at";
}
