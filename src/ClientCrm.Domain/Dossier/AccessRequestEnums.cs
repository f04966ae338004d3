namespace ClientCrm.Domain.Dossier;

/// <summary>
/// Where an access request (调阅申请) stands: submitted → approved (for a period) or refused; an approved one may be revoked.
/// An approved request's period ends by itself (<see cref="AccessRequest.GrantsAt"/>): expiry is a matter of time, not a state.
/// </summary>
public enum AccessRequestState
{
    Submitted = 1,
    Approved = 2,
    Refused = 3,
    Revoked = 4,
}

/// <summary>The steps of an access request's table (<see cref="AccessRequest.Flow"/>).</summary>
public enum AccessRequestAction
{
    Approve = 1,
    Refuse = 2,
    Revoke = 3,
}

public enum AccessRequestEventKind
{
    Submitted = 1,
    Approved = 2,
    Refused = 3,
    Revoked = 4,
}
