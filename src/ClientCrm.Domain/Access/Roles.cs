namespace ClientCrm.Domain.Access;

/// <summary>The four roles of SPEC §1. The names are stored in the identity tables; do not rename.</summary>
public static class Roles
{
    public const string Staff = "Staff";
    public const string DepartmentHead = "DepartmentHead";
    public const string Leader = "Leader";
    public const string Admin = "Admin";

    public static readonly IReadOnlyList<string> All = [Staff, DepartmentHead, Leader, Admin];

    public static bool NeedsDepartment(string role) => role is Staff or DepartmentHead;
}
