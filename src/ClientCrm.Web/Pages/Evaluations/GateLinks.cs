using ClientCrm.Domain.Evaluations;

namespace ClientCrm.Web.Pages.Evaluations;

/// <summary>Where each of the business gate's conditions is fixed: the client page's registration and evaluation panel.</summary>
public static class GateLinks
{
    public static string Of(GateCondition condition, Guid clientId) => condition switch
    {
        GateCondition.RegistrationChecked or GateCondition.RegistrationConfirmed => $"/Clients/{clientId}#client-registration",
        GateCondition.EvaluationApproved or GateCondition.EvaluationCurrent => $"/Clients/{clientId}#client-evaluation",
        _ => $"/Clients/{clientId}#client-status",
    };
}
