namespace ClientCrm.Domain.Dossier;

/// <summary>
/// Why a user may read a client's dossier (SPEC §1, §6): they own the client, head its department, lead the company, or
/// hold an approved access request (调阅申请) that has not ended. The use log records the basis of every use.
/// </summary>
public enum DossierRightBasis
{
    Owner = 1,
    Department = 2,
    Leader = 3,
    Request = 4,
}

/// <summary>A right to read one client's dossier; <see cref="RequestNumber"/> is the granting request's number (#n) for <see cref="DossierRightBasis.Request"/>.</summary>
public sealed record DossierRight(DossierRightBasis Basis, long? RequestNumber)
{
    public static readonly DossierRight Owner = new(DossierRightBasis.Owner, null);
    public static readonly DossierRight Department = new(DossierRightBasis.Department, null);
    public static readonly DossierRight Leader = new(DossierRightBasis.Leader, null);

    public static DossierRight ByRequest(long number) => new(DossierRightBasis.Request, number);

    /// <summary>
    /// A reader by request reads only: editing, and the private fields of the principals (family, hobbies, personality,
    /// birthday), stay with the owner, the head and the leaders.
    /// </summary>
    public bool IsByRequest => Basis == DossierRightBasis.Request;
}
