using ClientCrm.Domain.Grading;

namespace ClientCrm.Domain.InformationReports;

/// <summary>
/// Seed 000 二 2: for a B client, the moments that matter — the project entering contract review, the contract being signed,
/// a trade test (考工) — ask the staff member for an important-information report. The rule decides whether a save asks; the
/// page asks (link a report the client already has, or write one prefilled).
/// </summary>
public static class ReportPrompt
{
    /// <summary>
    /// Whether saving a project asks for a report: only for a B client, and only when the save sets the signing date or the
    /// trade-test date that was empty before (a project being opened had neither). Signing wins when both are set at once.
    /// </summary>
    public static ReportPromptReason? AfterProjectSave(ClientGrade grade, DateOnly? signedBefore, DateOnly? signedAfter,
        DateOnly? tradeTestBefore, DateOnly? tradeTestAfter)
    {
        if (grade != ClientGrade.B)
        {
            return null;
        }

        if (signedBefore is null && signedAfter is not null)
        {
            return ReportPromptReason.Signing;
        }

        return tradeTestBefore is null && tradeTestAfter is not null ? ReportPromptReason.TradeTest : null;
    }

    /// <summary>Whether a project of a client of <paramref name="grade"/> entering contract review asks for a report.</summary>
    public static ReportPromptReason? OnContractReview(ClientGrade grade) => grade == ClientGrade.B ? ReportPromptReason.ContractReview : null;

    /// <summary>The category a prefilled report takes: the contract's conditions, or the job types a trade test tests.</summary>
    public static InformationCategory CategoryFor(ReportPromptReason reason) => reason switch
    {
        ReportPromptReason.TradeTest => InformationCategory.JobTypes,
        _ => InformationCategory.ContractConditions,
    };
}
