using ClientCrm.Domain.Notifications;

namespace ClientCrm.Web.Pages.Inbox;

/// <summary>
/// Where a message leads: the page of the item it is about, by its kind. Messages store the item's id, not a path, so the
/// path is built here, from an id, and cannot lead outside the app. A kind added for a new workflow adds its page here.
/// </summary>
public static class NotificationLinks
{
    /// <summary>The item's page; null when the message is about no item (it has only a text), so opening it stays in the inbox.</summary>
    public static string? Of(NotificationKind kind, Guid? subjectId) => subjectId is { } id
        ? kind switch
        {
            NotificationKind.WarningToReview or NotificationKind.HighWarning or NotificationKind.WarningEscalated
                or NotificationKind.WarningOnOwnClient or NotificationKind.WarningAcknowledged
                or NotificationKind.WarningClosed => $"/Warnings/{id}",
            NotificationKind.EvaluationToReview or NotificationKind.EvaluationToDecide or NotificationKind.EvaluationReturned
                or NotificationKind.EvaluationDecided or NotificationKind.EvaluationOverdue => $"/Evaluations/{id}",
            NotificationKind.ComplaintToInvestigate or NotificationKind.ComplaintToInstruct or NotificationKind.ComplaintInstructed
                or NotificationKind.ComplaintToNotify or NotificationKind.ComplaintOverdue => $"/Complaints/{id}",
            NotificationKind.ContractReviewToGiveOpinion or NotificationKind.ContractReviewToDecide or NotificationKind.ContractReviewReturned
                or NotificationKind.ContractReviewDecided or NotificationKind.ContractReviewOverdue => $"/ContractReviews/{id}",
            NotificationKind.AccountabilityOpened or NotificationKind.AccountabilityToReview or NotificationKind.AccountabilityReturned
                or NotificationKind.AccountabilityDecided or NotificationKind.AccountabilityOverdue => $"/Accountability/{id}",
            NotificationKind.InformationReportToForward or NotificationKind.InformationReportToInstruct or NotificationKind.InformationReportInstructed
                or NotificationKind.InformationReportOverdue => $"/InformationReports/{id}",
            NotificationKind.AccessRequestSubmitted or NotificationKind.AccessRequestApproved or NotificationKind.AccessRequestRefused
                or NotificationKind.AccessRequestRevoked => $"/AccessRequests/{id}",
            _ => null,
        }
        : null;
}
