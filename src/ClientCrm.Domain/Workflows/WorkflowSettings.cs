using ClientCrm.Domain.Common;
using ClientCrm.Domain.Evaluations;

namespace ClientCrm.Domain.Workflows;

/// <summary>
/// The one row of workflow settings leaders edit: each workflow's due times. Plain columns, so the audit log records
/// every change with its old and new value. Later workflows add their own columns here.
/// </summary>
public class WorkflowSettings : IAuditable
{
    public const int SingletonId = 1;
    public const int MaxDays = 3650;

    private WorkflowSettings() { }

    public int Id { get; private set; } = SingletonId;

    /// <summary><see cref="EvaluationSettings.StepDueDays"/>.</summary>
    public int EvaluationStepDueDays { get; private set; } = EvaluationSettings.DefaultStepDueDays;

    /// <summary><see cref="EvaluationSettings.PauseNeedsNewEvaluationDays"/>.</summary>
    public int PauseNeedsNewEvaluationDays { get; private set; } = EvaluationSettings.DefaultPauseNeedsNewEvaluationDays;

    /// <summary>Days a complaint's step (investigation, instruction, correction) may wait before it goes to the leaders.</summary>
    public int ComplaintStepDueDays { get; private set; } = DefaultComplaintStepDueDays;

    public const int DefaultComplaintStepDueDays = 3;

    /// <summary>Days the department has for an accountability case's written report (SPEC §5.3: 10 by default).</summary>
    public int AccountabilityReportDueDays { get; private set; } = Accountability.AccountabilityCase.DefaultReportDueDays;

    /// <summary>Days an accountability case's later step (review, decision, closing) may wait before it goes to the leaders.</summary>
    public int AccountabilityStepDueDays { get; private set; } = DefaultAccountabilityStepDueDays;

    public const int DefaultAccountabilityStepDueDays = 3;

    public DateTimeOffset UpdatedAt { get; private set; }
    public uint Version { get; private set; }

    public EvaluationSettings Evaluation => new() { StepDueDays = EvaluationStepDueDays, PauseNeedsNewEvaluationDays = PauseNeedsNewEvaluationDays };

    public static WorkflowSettings CreateDefault(DateTimeOffset now) => new() { UpdatedAt = now };

    public void ChangeEvaluation(EvaluationSettings settings, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.StepDueDays is < 1 or > MaxDays)
        {
            throw new DomainException("WorkflowSettings.DaysOutOfRange", "Between 1 and 3650 days.", nameof(EvaluationStepDueDays));
        }

        if (settings.PauseNeedsNewEvaluationDays is < 1 or > MaxDays)
        {
            throw new DomainException("WorkflowSettings.DaysOutOfRange", "Between 1 and 3650 days.", nameof(PauseNeedsNewEvaluationDays));
        }

        EvaluationStepDueDays = settings.StepDueDays;
        PauseNeedsNewEvaluationDays = settings.PauseNeedsNewEvaluationDays;
        UpdatedAt = now;
    }

    public void ChangeComplaints(int stepDueDays, DateTimeOffset now)
    {
        ComplaintStepDueDays = Days(stepDueDays, nameof(ComplaintStepDueDays));
        UpdatedAt = now;
    }

    public void ChangeAccountability(int reportDueDays, int stepDueDays, DateTimeOffset now)
    {
        AccountabilityReportDueDays = Days(reportDueDays, nameof(AccountabilityReportDueDays));
        AccountabilityStepDueDays = Days(stepDueDays, nameof(AccountabilityStepDueDays));
        UpdatedAt = now;
    }

    /// <summary>Days an important-information report's step (the head's forwarding, the leaders' instruction) may wait before it goes to the leaders.</summary>
    public int InformationReportStepDueDays { get; private set; } = DefaultInformationReportStepDueDays;

    public const int DefaultInformationReportStepDueDays = 3;

    public void ChangeInformationReports(int stepDueDays, DateTimeOffset now)
    {
        InformationReportStepDueDays = Days(stepDueDays, nameof(InformationReportStepDueDays));
        UpdatedAt = now;
    }

    /// <summary>Days a submitted contract review may wait for its opinions and result before it goes to the leaders.</summary>
    public int ContractReviewStepDueDays { get; private set; } = DefaultContractReviewStepDueDays;

    public const int DefaultContractReviewStepDueDays = 3;

    public void ChangeContractReviews(int stepDueDays, DateTimeOffset now)
    {
        ContractReviewStepDueDays = Days(stepDueDays, nameof(ContractReviewStepDueDays));
        UpdatedAt = now;
    }

    /// <summary>The period an access request (调阅申请) asks for unless its requester says otherwise (issue 13: 7 days).</summary>
    public int AccessRequestDefaultDays { get; private set; } = Dossier.AccessRequest.DefaultDays;

    /// <summary>The longest period a leader may grant an access request for (issue 13: at most 30 days).</summary>
    public int AccessRequestMaxDays { get; private set; } = Dossier.AccessRequest.LongestDays;

    public Dossier.AccessPeriods AccessPeriods => new(AccessRequestDefaultDays, AccessRequestMaxDays);

    public void ChangeAccessRequests(int defaultDays, int maxDays, DateTimeOffset now)
    {
        if (maxDays is < 1 or > Dossier.AccessRequest.LongestDays)
        {
            throw new DomainException("WorkflowSettings.AccessDaysOutOfRange", "Between 1 and 30 days.", nameof(AccessRequestMaxDays));
        }

        if (defaultDays < 1 || defaultDays > maxDays)
        {
            throw new DomainException("WorkflowSettings.AccessDefaultOutOfRange", "Between 1 day and the longest period.", nameof(AccessRequestDefaultDays));
        }

        (AccessRequestDefaultDays, AccessRequestMaxDays, UpdatedAt) = (defaultDays, maxDays, now);
    }

    /// <summary>The largest file a dossier document takes (SPEC §6: 20 MB by default), in MiB.</summary>
    public int DocumentMaxFileMegabytes { get; private set; } = DefaultDocumentMaxFileMegabytes;

    public const int DefaultDocumentMaxFileMegabytes = 20;

    /// <summary>The upper bound leaders may set: a file is stored in the database in chunks, but a request this size is held on disk.</summary>
    public const int MaxDocumentFileMegabytes = 100;

    public long DocumentMaxFileBytes() => DocumentMaxFileMegabytes * 1024L * 1024L;

    public void ChangeDocuments(int maxFileMegabytes, DateTimeOffset now)
    {
        DocumentMaxFileMegabytes = maxFileMegabytes is >= 1 and <= MaxDocumentFileMegabytes
            ? maxFileMegabytes
            : throw new DomainException("WorkflowSettings.MegabytesOutOfRange", "Between 1 and 100 MB.", nameof(DocumentMaxFileMegabytes));
        UpdatedAt = now;
    }

    private static int Days(int days, string field) =>
        days is >= 1 and <= MaxDays ? days : throw new DomainException("WorkflowSettings.DaysOutOfRange", "Between 1 and 3650 days.", field);
}
