using ClientCrm.Domain.Evaluations;

namespace ClientCrm.Web.Pages.Evaluations;

/// <summary>Where each of the business gate's conditions is fixed: the upload of the missing document, the client page's evaluation panel.</summary>
public static class GateLinks
{
    public static string Of(GateCondition condition, Guid clientId) => condition switch
    {
        GateCondition.BusinessLicense => $"/Clients/{clientId}/Documents/Upload?type={Domain.Dossier.DocumentType.BusinessLicense}",
        GateCondition.CreditCertificate => $"/Clients/{clientId}/Documents/Upload?type={Domain.Dossier.DocumentType.CreditCertificate}",
        GateCondition.EvaluationApproved or GateCondition.EvaluationCurrent => $"/Clients/{clientId}#client-evaluation",
        _ => $"/Clients/{clientId}#client-status",
    };
}
