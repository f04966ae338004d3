namespace ClientCrm.Web.Security;

internal static class CrmClaims
{
    public const string DepartmentId = "crm:department";
    public const string DisplayName = "crm:display_name";
}
