using System.Collections.Frozen;
using System.ComponentModel.DataAnnotations;
using System.Reflection;
using ClientCrm.Domain.Clients;
using ClientCrm.Domain.Cooperation;
using ClientCrm.Domain.Grading;
using ClientCrm.Domain.Organisation;
using ClientCrm.Domain.Warnings;
using ClientCrm.Infrastructure.Identity;
using ClientCrm.Web.Pages.Admin.Departments;
using ClientCrm.Web.Pages.Admin.Users;
using ClientCrm.Web.Pages.Clients;
using ClientCrm.Web.Pages.Clients.Principals;
using ClientCrm.Web.Pages.Clients.Projects;
using ClientCrm.Web.Pages.Clients.Projects.Incidents;
using ClientCrm.Web.Pages.Clients.Warnings;
using ClientCrm.Web.Pages.Settings;
using ClientCrm.Web.Pages.Warnings;
using Microsoft.Extensions.Localization;

namespace ClientCrm.Web.Localization;

/// <summary>
/// The name of a stored field in the user's language, wherever a page shows fields by name (the audit log, the card
/// history). One mapping, built from what the forms already say: a field a form edits is labelled by that form's
/// <c>[Display(Name = …)]</c> resource key; a field no form edits by the record's own key of the same name
/// ("Project.CreatedAt"), or by the key the page showing it uses (<see cref="Shown"/>). No label is written twice.
/// </summary>
public static class FieldLabels
{
    /// <summary>The forms people edit each audited record with (by the record type's name).</summary>
    private static readonly (string Entity, string Prefix, Type[] Forms)[] Records =
    [
        (nameof(Client), "Client", [typeof(ClientInput)]),
        (nameof(Principal), "Principal", [typeof(PrincipalInput)]),
        (nameof(CooperationProject), "Project", [typeof(ProjectInput)]),
        (nameof(WorkerIncident), "Incident", [typeof(IncidentInput)]),
        (nameof(ExchangeRate), "Rate", [typeof(ExchangeRateInput)]),
        (nameof(GradingSettings), "Settings", [typeof(GradingSettingsInput)]),
        (nameof(WarningSettings), "WarningSettings", [typeof(WarningSettingsInput)]),
        (nameof(Department), "Department", [typeof(DepartmentInput)]),
        (nameof(CrmUser), "User", [typeof(UserInput), typeof(Pages.Admin.Users.CreateModel.NewUserInput)]),
        (nameof(Warning), "Warnings", [typeof(FileWarningInput), typeof(WarningStepInput)]),
        (nameof(Domain.Evaluations.ClientEvaluation), "Evaluations", [typeof(Pages.Evaluations.EvaluationInput)]),
        (nameof(Domain.Workflows.WorkflowSettings), "WorkflowSettings", [typeof(WorkflowSettingsInput)]),
        (nameof(Domain.Complaints.Complaint), "Complaints", [typeof(Pages.Complaints.ComplaintInput)]),
        (nameof(Domain.ContractReviews.ContractReview), "ContractReviews", [typeof(Pages.ContractReviews.ContractReviewInput)]),
        (nameof(Domain.Accountability.AccountabilityCase), "Accountability", [typeof(Pages.Accountability.AccountabilityInput)]),
        (nameof(Domain.Accountability.AccountabilityPenalty), "Penalties", [typeof(PenaltyInput)]),
        (nameof(Domain.InformationReports.InformationReport), "InformationReports", [typeof(Pages.InformationReports.ReportInput)]),
        (nameof(Domain.Dossier.AccessRequest), "AccessRequests", [typeof(Pages.AccessRequests.AccessRequestInput)]),
        (nameof(Domain.Dossier.ClientDocument), "Documents", [typeof(Pages.Clients.Documents.DocumentInput)]),
    ];

    /// <summary>Fields no form edits, labelled as the pages that show them label them (or by a label of their own).</summary>
    private static readonly Dictionary<(string Entity, string Field), string> Shown = new()
    {
        [(nameof(Client), nameof(Client.OwnerId))] = "Client.Owner",
        [(nameof(Client), nameof(Client.DepartmentId))] = "Client.Department",
        [(nameof(Client), nameof(Client.Grade))] = "Grading.ClientGrade",
        [(nameof(Client), nameof(Client.ResponsibleLeaderId))] = "Grading.ResponsibleLeader",
        [(nameof(Client), nameof(Client.LastContactOn))] = "Grading.LastContact",
        [(nameof(Client), nameof(Client.ContactDueOn))] = "Grading.ContactDue",
        [(nameof(Principal), nameof(Principal.ClientId))] = "Audit.Client",
        [(nameof(Principal), nameof(Principal.UpdatedAt))] = "Common.UpdatedAt",
        [(nameof(CooperationProject), nameof(CooperationProject.ClientId))] = "Audit.Client",
        [(nameof(WorkerIncident), nameof(WorkerIncident.ClientId))] = "Audit.Client",
        [(nameof(WorkerIncident), nameof(WorkerIncident.ProjectId))] = "Incident.Project",
        [(nameof(WorkerIncident), nameof(WorkerIncident.RecordedAt))] = "Project.CreatedAt",
        [(nameof(WorkerIncident), nameof(WorkerIncident.UpdatedAt))] = "Common.UpdatedAt",
        [(nameof(GradingSettings), nameof(GradingSettings.UpdatedAt))] = "Common.UpdatedAt",
        [(nameof(WarningSettings), nameof(WarningSettings.UpdatedAt))] = "Common.UpdatedAt",
        [(nameof(Warning), nameof(Warning.ClientId))] = "Audit.Client",
        [(nameof(Warning), nameof(Warning.RaisedByName))] = "Warnings.RaisedBy",
        [(nameof(Warning), nameof(Warning.EvidenceAt))] = "Warnings.EvidenceUpdatedAt",
        [(nameof(Warning), nameof(Warning.UpdatedAt))] = "Common.UpdatedAt",
        [(nameof(Warning), nameof(Warning.SourceKind))] = "Warnings.Source",
        [(nameof(CrmUser), nameof(CrmUser.AccessFailedCount))] = "User.FailedAttempts",
        [(nameof(Domain.Evaluations.ClientEvaluation), nameof(Domain.Evaluations.ClientEvaluation.ClientId))] = "Audit.Client",
        [(nameof(Domain.Evaluations.ClientEvaluation), nameof(Domain.Evaluations.ClientEvaluation.Round))] = "Evaluations.RoundColumn",
        [(nameof(Domain.Evaluations.ClientEvaluation), nameof(Domain.Evaluations.ClientEvaluation.UpdatedAt))] = "Common.UpdatedAt",
        [(nameof(Domain.Workflows.WorkflowSettings), nameof(Domain.Workflows.WorkflowSettings.UpdatedAt))] = "Common.UpdatedAt",
        [(nameof(Domain.Dossier.ClientDocument), nameof(Domain.Dossier.ClientDocument.ClientId))] = "Audit.Client",
        [(nameof(Domain.Dossier.ClientDocument), nameof(Domain.Dossier.ClientDocument.UploadedByName))] = "Documents.UploadedBy",
        [(nameof(Domain.Dossier.ClientDocument), nameof(Domain.Dossier.ClientDocument.UpdatedAt))] = "Common.UpdatedAt",
        [(nameof(Domain.Dossier.AccessRequest), nameof(Domain.Dossier.AccessRequest.ClientId))] = "Audit.Client",
        [(nameof(Domain.Dossier.AccessRequest), nameof(Domain.Dossier.AccessRequest.RequesterName))] = "AccessRequests.Requester",
        [(nameof(Domain.Dossier.AccessRequest), nameof(Domain.Dossier.AccessRequest.RequesterDepartmentId))] = "Client.Department",
        [(nameof(Domain.Dossier.AccessRequest), nameof(Domain.Dossier.AccessRequest.StateSince))] = "Evaluations.StateSince",
        [(nameof(Domain.Dossier.AccessRequest), nameof(Domain.Dossier.AccessRequest.DecidedByName))] = "AccessRequests.DecidedBy",
        [(nameof(Domain.Dossier.AccessRequest), nameof(Domain.Dossier.AccessRequest.UpdatedAt))] = "Common.UpdatedAt",
        [(nameof(Domain.Complaints.Complaint), nameof(Domain.Complaints.Complaint.ClientId))] = "Audit.Client",
        [(nameof(Domain.Complaints.Complaint), nameof(Domain.Complaints.Complaint.UpdatedAt))] = "Common.UpdatedAt",
        [(nameof(Domain.Complaints.Complaint), nameof(Domain.Complaints.Complaint.StateSince))] = "Evaluations.StateSince",
        [(nameof(Domain.Complaints.Complaint), nameof(Domain.Complaints.Complaint.EscalatedAt))] = "Evaluations.EscalatedAt",
        [(nameof(Domain.Complaints.Complaint), nameof(Domain.Complaints.Complaint.RecordedByName))] = "Complaints.RecordedBy",
        [(nameof(Domain.ContractReviews.ContractReview), nameof(Domain.ContractReviews.ContractReview.ClientId))] = "Audit.Client",
        [(nameof(Domain.ContractReviews.ContractReview), nameof(Domain.ContractReviews.ContractReview.ProjectId))] = "ContractReviews.Project",
        [(nameof(Domain.ContractReviews.ContractReview), nameof(Domain.ContractReviews.ContractReview.UpdatedAt))] = "Common.UpdatedAt",
        [(nameof(Domain.ContractReviews.ContractReview), nameof(Domain.ContractReviews.ContractReview.StateSince))] = "Evaluations.StateSince",
        [(nameof(Domain.ContractReviews.ContractReview), nameof(Domain.ContractReviews.ContractReview.EscalatedAt))] = "Evaluations.EscalatedAt",
        [(nameof(Domain.ContractReviews.ContractReview), nameof(Domain.ContractReviews.ContractReview.Round))] = "Evaluations.RoundColumn",
        [(nameof(Domain.Accountability.AccountabilityCase), nameof(Domain.Accountability.AccountabilityCase.ClientId))] = "Audit.Client",
        [(nameof(Domain.Accountability.AccountabilityCase), nameof(Domain.Accountability.AccountabilityCase.State))] = "Evaluations.State",
        [(nameof(Domain.Accountability.AccountabilityCase), nameof(Domain.Accountability.AccountabilityCase.StateSince))] = "Evaluations.StateSince",
        [(nameof(Domain.Accountability.AccountabilityCase), nameof(Domain.Accountability.AccountabilityCase.EscalatedAt))] = "Evaluations.EscalatedAt",
        [(nameof(Domain.Accountability.AccountabilityCase), nameof(Domain.Accountability.AccountabilityCase.UpdatedAt))] = "Common.UpdatedAt",
        [(nameof(Domain.InformationReports.InformationReport), nameof(Domain.InformationReports.InformationReport.ClientId))] = "Audit.Client",
        [(nameof(Domain.InformationReports.InformationReport), nameof(Domain.InformationReports.InformationReport.State))] = "Evaluations.State",
        [(nameof(Domain.InformationReports.InformationReport), nameof(Domain.InformationReports.InformationReport.StateSince))] = "Evaluations.StateSince",
        [(nameof(Domain.InformationReports.InformationReport), nameof(Domain.InformationReports.InformationReport.EscalatedAt))] = "Evaluations.EscalatedAt",
        [(nameof(Domain.InformationReports.InformationReport), nameof(Domain.InformationReports.InformationReport.UpdatedAt))] = "Common.UpdatedAt",
        [(nameof(Domain.Accountability.AccountabilityPenalty), nameof(Domain.Accountability.AccountabilityPenalty.UpdatedAt))] = "Common.UpdatedAt",
        [(nameof(CooperationProject), nameof(CooperationProject.ProjectNumber))] = "ContractReviews.ProjectNumber",
        [(nameof(CooperationProject), nameof(CooperationProject.InitiatedAt))] = "ContractReviews.InitiatedAt",
    };

    /// <summary>
    /// Fields that repeat another field shown beside them (a folded copy of a name, the id of the person whose name is
    /// stored too): a page that lists fields leaves them out.
    /// </summary>
    private static readonly HashSet<(string Entity, string Field)> Repeats =
    [
        (nameof(Client), nameof(Client.NormalizedName)),
        (nameof(CrmUser), nameof(CrmUser.NormalizedUserName)),
        (nameof(CrmUser), nameof(CrmUser.NormalizedEmail)),
        (nameof(Warning), nameof(Warning.RaisedById)),
        // The names beside them say who.
        (nameof(Domain.Evaluations.ClientEvaluation), nameof(Domain.Evaluations.ClientEvaluation.CreatedById)),
        (nameof(Domain.Evaluations.ClientEvaluation), nameof(Domain.Evaluations.ClientEvaluation.DecidedById)),
        (nameof(Domain.Complaints.Complaint), nameof(Domain.Complaints.Complaint.RecordedById)),
        (nameof(Domain.Dossier.AccessRequest), nameof(Domain.Dossier.AccessRequest.RequesterId)),
        (nameof(Domain.Dossier.ClientDocument), nameof(Domain.Dossier.ClientDocument.UploadedById)),
        (nameof(Domain.Dossier.AccessRequest), nameof(Domain.Dossier.AccessRequest.DecidedById)),
        (nameof(Domain.ContractReviews.ContractReview), nameof(Domain.ContractReviews.ContractReview.CreatedById)),
        (nameof(Domain.ContractReviews.ContractReview), nameof(Domain.ContractReviews.ContractReview.DecidedById)),
        (nameof(Domain.Accountability.AccountabilityCase), nameof(Domain.Accountability.AccountabilityCase.OpenedById)),
        (nameof(Domain.Accountability.AccountabilityCase), nameof(Domain.Accountability.AccountabilityCase.DecidedById)),
        (nameof(Domain.InformationReports.InformationReport), nameof(Domain.InformationReports.InformationReport.ReporterId)),
        (nameof(Domain.InformationReports.InformationReport), nameof(Domain.InformationReports.InformationReport.ProspectNormalizedName)),
        // Where the cause is stored; the line names its kind (SourceKind), and the warning page links it.
        (nameof(Warning), nameof(Warning.SourceProjectId)),
        (nameof(Warning), nameof(Warning.SourceRecordId)),
    ];

    private static readonly FrozenDictionary<(string Entity, string Field), string> FormKeys = Records
        .SelectMany(r => r.Forms.SelectMany(f => f.GetProperties(BindingFlags.Public | BindingFlags.Instance))
            .Select(p => (r.Entity, p.Name, Key: p.GetCustomAttribute<DisplayAttribute>()?.Name)))
        .Where(x => x.Key is not null)
        .DistinctBy(x => (x.Entity, x.Name))
        .ToFrozenDictionary(x => (x.Entity, x.Name), x => x.Key!);

    private static readonly FrozenDictionary<string, string> Prefixes = Records.ToFrozenDictionary(r => r.Entity, r => r.Prefix, StringComparer.Ordinal);

    /// <summary>
    /// The resource keys that may name <paramref name="field"/> of a <paramref name="entity"/> record, best first: the
    /// form's label, the page's label, the record's own key of the field's name. The first that exists is the label.
    /// </summary>
    public static IEnumerable<string> KeysOf(string entity, string field)
    {
        if (FormKeys.TryGetValue((entity, field), out var form))
        {
            yield return form;
        }

        if (Shown.TryGetValue((entity, field), out var shown))
        {
            yield return shown;
        }

        if (Prefixes.TryGetValue(entity, out var prefix))
        {
            yield return $"{prefix}.{field}";
        }
    }

    /// <summary>Whether a page that lists changed fields leaves this one out (it repeats a field shown beside it).</summary>
    public static bool IsRepeat(string entity, string field) => Repeats.Contains((entity, field));

    /// <summary>The field's name in the user's language; a field nothing names (none should be) shows as stored.</summary>
    public static string Of(IStringLocalizer l, string entity, string field)
    {
        ArgumentNullException.ThrowIfNull(l);
        foreach (var key in KeysOf(entity, field))
        {
            var label = l[key];
            if (!label.ResourceNotFound)
            {
                return label.Value;
            }
        }

        return field;
    }

    /// <summary>Whether some resource names the field (tests hold every audited field to this).</summary>
    public static bool HasLabel(IStringLocalizer l, string entity, string field)
    {
        ArgumentNullException.ThrowIfNull(l);
        return KeysOf(entity, field).Any(k => !l[k].ResourceNotFound);
    }
}
