using ClientCrm.Domain.Warnings;

namespace ClientCrm.Domain.Notifications;

/// <summary>
/// Why a notification was sent. Every workflow that tells someone something adds its kind here and sends through the
/// one inbox; the UI names each kind in the reader's language.
/// </summary>
public enum NotificationKind
{
    /// <summary>A new warning on a client of the department waits for the head's review.</summary>
    WarningToReview = 1,

    /// <summary>A warning on an A client, or a high one, for the leaders at once.</summary>
    HighWarning = 2,

    /// <summary>A warning nobody acknowledged in time.</summary>
    WarningEscalated = 3,

    /// <summary>The engine raised a warning on one of the recipient's own clients.</summary>
    WarningOnOwnClient = 4,

    /// <summary>The head acknowledged a warning on one of the recipient's clients and said what is to be done.</summary>
    WarningAcknowledged = 5,

    /// <summary>A warning on one of the recipient's clients was resolved or dismissed.</summary>
    WarningClosed = 6,

    /// <summary>An evaluation was submitted: the department head reviews it.</summary>
    EvaluationToReview = 7,

    /// <summary>The head reviewed an evaluation: the leaders decide after discussion.</summary>
    EvaluationToDecide = 8,

    /// <summary>The head returned an evaluation to its owner.</summary>
    EvaluationReturned = 9,

    /// <summary>The leaders approved or rejected an evaluation.</summary>
    EvaluationDecided = 10,

    /// <summary>An evaluation's step waited past its due time.</summary>
    EvaluationOverdue = 11,

    /// <summary>A complaint was recorded: the department head investigates it.</summary>
    ComplaintToInvestigate = 12,

    /// <summary>The head found who is responsible: a leader instructs.</summary>
    ComplaintToInstruct = 13,

    /// <summary>A leader instructed: the head sees the correction through.</summary>
    ComplaintInstructed = 14,

    /// <summary>The correction is done: the owner tells the client.</summary>
    ComplaintToNotify = 15,

    /// <summary>A complaint's step waited past its due time.</summary>
    ComplaintOverdue = 16,

    /// <summary>A contract review was submitted: the reviewers give their opinions.</summary>
    ContractReviewToGiveOpinion = 20,

    /// <summary>Every required opinion is in: the head (a leader for an A client) records the result.</summary>
    ContractReviewToDecide = 21,

    /// <summary>A contract review was returned to its owner.</summary>
    ContractReviewReturned = 22,

    /// <summary>A contract review passed (the project is initiated) or was rejected.</summary>
    ContractReviewDecided = 23,

    /// <summary>A contract review waited past its due time.</summary>
    ContractReviewOverdue = 24,

    /// <summary>An important-information report was submitted: the department head reads and forwards it.</summary>
    InformationReportToForward = 30,

    /// <summary>A report was forwarded (or, on an A client, submitted): the leaders instruct.</summary>
    InformationReportToInstruct = 31,

    /// <summary>A leader instructed on the recipient's report: the reporter reads the instruction.</summary>
    InformationReportInstructed = 32,

    /// <summary>A report's step waited past its due time.</summary>
    InformationReportOverdue = 33,

    /// <summary>An accountability case was opened on a client of the department: its written report is due.</summary>
    AccountabilityOpened = 40,

    /// <summary>The department submitted an accountability report: a leader reviews it.</summary>
    AccountabilityToReview = 41,

    /// <summary>A leader returned an accountability report for a better one.</summary>
    AccountabilityReturned = 42,

    /// <summary>A leader decided an accountability case: the department carries the decision out.</summary>
    AccountabilityDecided = 43,

    /// <summary>An accountability case's report or step waited past its due time.</summary>
    AccountabilityOverdue = 44,

    /// <summary>Someone asked to read a client's dossier (调阅申请): a leader decides.</summary>
    AccessRequestSubmitted = 60,

    /// <summary>A leader granted the recipient's access request, for a period.</summary>
    AccessRequestApproved = 61,

    /// <summary>A leader refused the recipient's access request.</summary>
    AccessRequestRefused = 62,

    /// <summary>A leader revoked the recipient's access before its period ended.</summary>
    AccessRequestRevoked = 63,
}

/// <summary>
/// What a message is about, kept as data so the inbox can say it in the reader's language when it is shown: the item
/// (a warning, a grade proposal) by id, the client by its names, and the rule that raised a warning or, for one filed by
/// hand, its summary in the filer's words.
/// </summary>
public sealed record NotificationSubject(Guid Id, string ClientName, string? ClientChineseName, WarningRule? Rule, string? Summary);

/// <summary>
/// One message in one person's inbox: what happened (kind, and what it is about: <see cref="NotificationSubject"/>, or a
/// short text). Read once opened; done once someone closed the item it is about. Where it leads is not stored: the app
/// knows the page of each kind's item, so a page can move without rewriting anyone's inbox.
/// </summary>
public class Notification
{
    public const int MaxTextLength = 500;
    public const int MaxClientNameLength = 300;

    private Notification() { }

    /// <summary>
    /// A message about an item: the names and the rule are stored, not a sentence, so the inbox words it in the reader's
    /// language; the item's id lets closing it mark the message done.
    /// </summary>
    public static Notification About(string recipientId, NotificationKind kind, NotificationSubject subject, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(subject);
        ArgumentException.ThrowIfNullOrWhiteSpace(subject.ClientName);
        var notification = new Notification(recipientId, kind, subject.Summary ?? "", now)
        {
            SubjectId = subject.Id,
            ClientName = Cut(subject.ClientName, MaxClientNameLength),
            ClientChineseName = string.IsNullOrWhiteSpace(subject.ClientChineseName) ? null : Cut(subject.ClientChineseName, MaxClientNameLength),
            Rule = subject.Rule,
        };
        return notification;
    }

    public Notification(string recipientId, NotificationKind kind, string text, DateTimeOffset now)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(recipientId);
        ArgumentNullException.ThrowIfNull(text);
        Id = Guid.CreateVersion7(now);
        RecipientId = recipientId;
        Kind = kind;
        Text = Cut(text, MaxTextLength);
        CreatedAt = now;
    }

    public Guid Id { get; private set; }
    public string RecipientId { get; private set; } = "";
    public NotificationKind Kind { get; private set; }
    public string Text { get; private set; } = "";
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset? ReadAt { get; private set; }

    /// <summary>The warning or proposal the message is about; null for a message with only a text.</summary>
    public Guid? SubjectId { get; private set; }

    /// <summary>The client's name as it was when the message was sent; null for a message with only a text.</summary>
    public string? ClientName { get; private set; }

    public string? ClientChineseName { get; private set; }

    /// <summary>The rule that raised the warning; null for a warning filed by hand (its summary is <see cref="Text"/>).</summary>
    public WarningRule? Rule { get; private set; }

    /// <summary>When the item was closed (a warning resolved or dismissed, a proposal decided): nothing is left to do.</summary>
    public DateTimeOffset? DoneAt { get; private set; }

    public bool IsRead => ReadAt is not null;

    public bool IsDone => DoneAt is not null;

    public void MarkRead(DateTimeOffset now) => ReadAt ??= now;

    /// <summary>
    /// The item was closed, by the recipient or by someone else: the message asks nothing more of its reader, so it no
    /// longer counts as unread either. Done once: the first time is kept.
    /// </summary>
    public void MarkDone(DateTimeOffset now)
    {
        DoneAt ??= now;
        ReadAt ??= now;
    }

    private static string Cut(string text, int max) => text.Length <= max ? text : text[..max];
}
