using System.Linq.Expressions;
using ClientCrm.Domain.Clients;
using ClientCrm.Domain.Common;
using ClientCrm.Domain.Cooperation;
using ClientCrm.Domain.Grading;
using ClientCrm.Domain.Workflows;

namespace ClientCrm.Domain.ContractReviews;

/// <summary>
/// The contract review of one cooperation project / batch (合同评审, ISO 9001; seed 000 二.3 "按ISO9001标准的要求进行合同评审和立项"):
/// the client's requirements as the company understood them (job types, numbers, qualifications, dates, pay), the company's
/// capability to meet them (recruitment sources, training, timeline), each reviewer's opinion and the result. Passing
/// initiates the project (立项) with its number; until then the project cannot move to recruiting or later
/// (<see cref="CooperationProject.IsContracted"/>). A rejected review is revised as a new round; one review per project is open at a time.
/// </summary>
/// <remarks>
/// Reviewers: the client's owner and the department head always, and a leader when the client is graded A (a leader may always
/// add an opinion). The result is the head's to record, a leader's for an A client, once every required opinion is in and
/// every check passes (<see cref="IContractReviewCheck"/>: the extension point for compliance checks).
/// </remarks>
public class ContractReview : RecordsDomainEvents, IClientRecord, IAuditable, IWorkflowItem
{
    public const int MaxTextLength = 8000;
    public const int MaxHeadcount = 100_000;

    /// <summary>The seats whose opinion a review may carry.</summary>
    public const Parties ReviewerSeats = Parties.Owner | Parties.DepartmentHead | Parties.Leader;

    private readonly List<ContractReviewOpinion> _opinions = [];
    private readonly List<ContractReviewEvent> _events = [];

    private ContractReview() { }

    /// <summary>
    /// The flow: draft → submitted (owner) → opinions (owner, head, a leader for A clients) → passed / passed with conditions /
    /// rejected (the head; a leader for A clients). The head may return a submission to the owner. A submitted review left
    /// waiting past its due time goes to the leaders. Who decides an A client's review, and whether every opinion is in, is the
    /// review's own check (<see cref="Refusal"/>), not the table's: the table knows roles, not grades.
    /// </summary>
    public static WorkflowTable<ContractReviewState, ContractReviewAction> Flow { get; } = FlowTable();

    public static Expression<Func<ContractReview, bool>> IsOpen { get; } = Flow.IsOpenWhere<ContractReview>(r => r.State);

    /// <summary>Who may start a review (or a new round of one).</summary>
    public const Parties StartedBy = Parties.Owner | Parties.DepartmentHead | Parties.Leader;

    /// <summary>
    /// The first round for a project: a draft prefilled from the project's terms (job types, workers, dates, pay) for the owner
    /// to complete. A project initiated already needs no review.
    /// </summary>
    public static ContractReview Start(CooperationProject project, ClientGrade grade, WorkflowActor actor, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(project);
        var review = Begin(project, 1, grade, actor, now, null);
        review.CopySections(Prefill(project));
        return review;
    }

    /// <summary>A new round from a rejected one, its sections copied. A round still going is edited, not revised.</summary>
    public static ContractReview Revise(ContractReview rejected, CooperationProject project, ClientGrade grade, WorkflowActor actor, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(rejected);
        ArgumentNullException.ThrowIfNull(project);
        if (rejected.State != ContractReviewState.Rejected)
        {
            throw new DomainException("ContractReviews.ReviseOnlyRejected", "Only a rejected review is revised as a new round.");
        }

        if (rejected.ProjectId != project.Id)
        {
            throw new ArgumentException("The round revises a review of another project.", nameof(project));
        }

        var next = Begin(project, rejected.Round + 1, grade, actor, now, rejected.Id);
        next.CopySections(rejected.Sections);
        return next;
    }

    /// <summary>What the project's terms already say, as the first draft of the requirements.</summary>
    public static ContractReviewSections Prefill(CooperationProject project)
    {
        ArgumentNullException.ThrowIfNull(project);
        var dates = new List<string>();
        if (project.ContractSignedOn is { } signed) { dates.Add($"签约 {signed:yyyy-MM-dd}"); }
        if (project.DepartureOn is { } departure) { dates.Add($"出境 {departure:yyyy-MM-dd}"); }
        if (project.ContractEndOn is { } end) { dates.Add($"合同期满 {end:yyyy-MM-dd}"); }
        var pay = new List<string>();
        if (project.WageAmount is { } wage) { pay.Add($"月工资 {wage:0.##} {project.WageCurrency}"); }
        if (!string.IsNullOrWhiteSpace(project.WorkingHours)) { pay.Add($"工作时间 {project.WorkingHours}"); }
        if (!string.IsNullOrWhiteSpace(project.BoardAndLodging)) { pay.Add($"食宿 {project.BoardAndLodging}"); }
        if (!string.IsNullOrWhiteSpace(project.InsuranceTerms)) { pay.Add($"保险 {project.InsuranceTerms}"); }
        return new()
        {
            JobTypes = project.JobTypes,
            Headcount = project.WorkersRequested > 0 ? project.WorkersRequested : null,
            Schedule = dates.Count > 0 ? string.Join("；", dates) : null,
            Pay = pay.Count > 0 ? string.Join("；", pay) : null,
        };
    }

    public Guid Id { get; private set; }
    public Guid ClientId { get; private set; }
    public Client? Client { get; private set; }
    public Guid ProjectId { get; private set; }
    public CooperationProject? Project { get; private set; }

    /// <summary>1 for the first review of the project, one more for each revision of a rejected one.</summary>
    public int Round { get; private set; }

    /// <summary>The rejected round this one revises.</summary>
    public Guid? RevisesId { get; private set; }

    public ContractReviewState State { get; private set; }

    /// <summary>When the review entered its state: a step's due time counts from here.</summary>
    public DateTimeOffset StateSince { get; private set; }

    /// <summary>When the step now waiting went to the leaders for being overdue; cleared by the next step.</summary>
    public DateTimeOffset? EscalatedAt { get; private set; }

    /// <summary>
    /// The client is graded A (read when the review starts and again when it is submitted): a leader gives an opinion and
    /// records the result.
    /// </summary>
    public bool LeaderRequired { get; private set; }

    /// <summary>How many times the review was submitted: the opinions of the current submission count, earlier ones stay on the timeline.</summary>
    public int Submission { get; private set; }

    public string? JobTypes { get; private set; }
    public int? Headcount { get; private set; }
    public string? Qualifications { get; private set; }
    public string? Schedule { get; private set; }
    public string? Pay { get; private set; }
    public string? RecruitmentSources { get; private set; }
    public string? Training { get; private set; }
    public string? Timeline { get; private set; }

    public string CreatedById { get; private set; } = "";
    public string CreatedByName { get; private set; } = "";
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset? SubmittedAt { get; private set; }
    public string? SubmittedByName { get; private set; }

    /// <summary>The conditions of a pass with conditions, the reason of a rejection, or the decider's remark on a pass.</summary>
    public string? DecisionText { get; private set; }

    public DateTimeOffset? DecidedAt { get; private set; }
    public string? DecidedById { get; private set; }
    public string? DecidedByName { get; private set; }

    /// <summary>The project's number given when this review passed.</summary>
    public string? ProjectNumber { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }
    public uint Version { get; private set; }

    public IReadOnlyCollection<ContractReviewOpinion> Opinions => _opinions;
    public IReadOnlyCollection<ContractReviewEvent> Events => _events;

    public ContractReviewSections Sections => new()
    {
        JobTypes = JobTypes, Headcount = Headcount, Qualifications = Qualifications, Schedule = Schedule, Pay = Pay,
        RecruitmentSources = RecruitmentSources, Training = Training, Timeline = Timeline,
    };

    public bool HasPassed => State is ContractReviewState.Passed or ContractReviewState.PassedWithConditions;

    /// <summary>The seats whose opinion is required: owner and head, and a leader for an A client.</summary>
    public Parties RequiredSeats => Parties.Owner | Parties.DepartmentHead | (LeaderRequired ? Parties.Leader : Parties.None);

    /// <summary>Who records the result: the head, a leader for an A client.</summary>
    public Parties Decider => LeaderRequired ? Parties.Leader : Parties.DepartmentHead;

    /// <summary>The opinions of the current submission, in the order given.</summary>
    public IReadOnlyList<ContractReviewOpinion> CurrentOpinions => _opinions.Where(o => o.Submission == Submission).OrderBy(o => o.At).ToList();

    /// <summary>The required seats no opinion of the current submission fills yet.</summary>
    public Parties MissingSeats => CurrentOpinions.Aggregate(RequiredSeats, (missing, o) => missing & ~o.Seats);

    /// <summary>What a person who is <paramref name="actor"/> to this review may do now: the forms the page shows.</summary>
    public IReadOnlyList<ContractReviewAction> ActionsFor(WorkflowActor actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return Flow.ActionsFor(State, actor.Is, action => WhoRefusal(action, actor));
    }

    /// <summary>Rewrites the sections of a draft. Nothing is checked for completeness until it is submitted.</summary>
    public void Edit(ContractReviewSections sections, WorkflowActor actor, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(sections);
        Flow.Take(State, ContractReviewAction.Edit, actor, null, now);
        CopySections(sections);
        UpdatedAt = now;
    }

    /// <summary>Hands the draft to the reviewers. Every section must be written; the client's grade now says whether a leader reviews.</summary>
    public void Submit(WorkflowActor actor, ClientGrade grade, DateTimeOffset now)
    {
        var step = Flow.Take(State, ContractReviewAction.Submit, actor, null, now, _ => MissingSection());
        LeaderRequired = grade == ClientGrade.A;
        Submission++;
        SubmittedAt = now;
        SubmittedByName = step.Actor.Name;
        // The reviewers are told: the head, and the leaders too when one of them must review.
        Enter(step, ContractReviewEventKind.Submitted, null, step.Tell | (LeaderRequired ? Parties.Leader : Parties.None));
    }

    /// <summary>
    /// A reviewer's opinion on the current submission. One opinion fills every seat its giver holds (a leader standing in for a
    /// department without a head fills both); each person gives one per submission. When the last required opinion is in,
    /// the decider is told.
    /// </summary>
    public void GiveOpinion(WorkflowActor actor, OpinionVerdict? verdict, string? text, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var step = Flow.Take(State, ContractReviewAction.Opinion, actor, text, now, action => WhoRefusal(action, actor)
            ?? (verdict is not { } v || !Enum.IsDefined(v)
                ? new DomainException("ContractReviews.VerdictRequired", "Choose agree, agree with conditions or disagree.", "Verdict")
                : null));
        var opinion = new ContractReviewOpinion(Id, Submission, actor.Is & ReviewerSeats, verdict!.Value, step.Comment!, actor.UserId, actor.Name, now);
        _opinions.Add(opinion);
        UpdatedAt = now;
        _events.Add(new ContractReviewEvent(Id, ContractReviewEventKind.OpinionGiven, now, actor.UserId, actor.Name, $"[{verdict}] {step.Comment}"));
        if (MissingSeats == Parties.None)
        {
            AddDomainEvent(new ContractReviewStepTaken(Id, ClientId, ContractReviewAction.Opinion, State, Decider, actor.UserId, now));
        }
    }

    /// <summary>The head (or a leader) sends the submission back to the owner, saying what is to change. Its opinions stay on the timeline.</summary>
    public void Return(WorkflowActor actor, string? reason, DateTimeOffset now)
    {
        var step = Flow.Take(State, ContractReviewAction.Return, actor, reason, now);
        Enter(step, ContractReviewEventKind.Returned, step.Comment, step.Tell);
    }

    /// <summary>
    /// Records a pass (with conditions, which must be written, or without) and initiates the project (立项) with the next
    /// number of <paramref name="numbers"/>. Refused while a required opinion is missing or a check fails
    /// (<paramref name="checks"/>, run over the facts as they are now).
    /// </summary>
    public void Pass(bool withConditions, WorkflowActor actor, string? text, IReadOnlyList<ContractReviewCheckOutcome> checks, CooperationProject project,
        ProjectNumberCounter numbers, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(checks);
        ArgumentNullException.ThrowIfNull(project);
        ArgumentNullException.ThrowIfNull(numbers);
        if (project.Id != ProjectId)
        {
            throw new ArgumentException("The review is of another project.", nameof(project));
        }

        var action = withConditions ? ContractReviewAction.PassWithConditions : ContractReviewAction.Pass;
        var step = Flow.Take(State, action, actor, text, now, a => WhoRefusal(a, actor) ?? NotReady(checks));
        var number = numbers.Next();
        project.Initiate(number, now);
        ProjectNumber = number;
        Decided(step, withConditions ? ContractReviewEventKind.PassedWithConditions : ContractReviewEventKind.Passed,
            step.Comment is null ? number : $"{number}\n{step.Comment}");
    }

    /// <summary>Rejects the review, with the reasons. Possible before every opinion is in: a reviewer's objection may settle it.</summary>
    public void Reject(WorkflowActor actor, string? reason, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var step = Flow.Take(State, ContractReviewAction.Reject, actor, reason, now, a => WhoRefusal(a, actor));
        Decided(step, ContractReviewEventKind.Rejected, step.Comment);
    }

    /// <summary>A line on the timeline: what someone found out or was told. Allowed in every state.</summary>
    public void AddNote(WorkflowActor actor, string? note, DateTimeOffset now)
    {
        var step = Flow.Take(State, ContractReviewAction.Note, actor, note, now);
        UpdatedAt = now;
        _events.Add(new ContractReviewEvent(Id, ContractReviewEventKind.NoteAdded, now, step.Actor.UserId, step.Actor.Name, step.Comment));
    }

    /// <summary>The step now waiting is overdue: it goes to the leaders, once per step.</summary>
    public void Escalate(DateTimeOffset now)
    {
        if (EscalatedAt is not null || Flow.EscalatesTo(State) == Parties.None)
        {
            return;
        }

        EscalatedAt = now;
        UpdatedAt = now;
        _events.Add(new ContractReviewEvent(Id, ContractReviewEventKind.Escalated, now, null, null, null));
    }

    public static Expression<Func<ContractReview, bool>> DueForEscalation(DateTimeOffset cutoff) =>
        Flow.DueForEscalationWhere<ContractReview>(r => r.State, r => r.StateSince, r => r.EscalatedAt, cutoff);

    /// <summary>
    /// Why a pass is refused now, besides who may: a required opinion missing (naming the seats), or a failing check (naming
    /// the first; the page lists them all). Null when the review may pass.
    /// </summary>
    public DomainException? NotReady(IReadOnlyList<ContractReviewCheckOutcome> checks)
    {
        ArgumentNullException.ThrowIfNull(checks);
        if (MissingSeats is var missing && missing != Parties.None)
        {
            return new DomainException("ContractReviews.OpinionsMissing", $"Opinions still missing: {missing}.", "Opinions");
        }

        return checks.FirstOrDefault(c => !c.Passed) is { } failing
            ? new DomainException("ContractReviews.CheckFailing", $"The check {failing.Code} fails: {failing.Detail}", "Checks")
            : null;
    }

    /// <summary>The first section a submission still lacks, as a refusal naming its field; null when all are written.</summary>
    public DomainException? MissingSection()
    {
        static DomainException Missing(string field) => new($"ContractReviews.{field}Required", $"{field} is required before submitting.", field);
        return string.IsNullOrWhiteSpace(JobTypes) ? Missing(nameof(JobTypes))
            : Headcount is null ? Missing(nameof(Headcount))
            : string.IsNullOrWhiteSpace(Qualifications) ? Missing(nameof(Qualifications))
            : string.IsNullOrWhiteSpace(Schedule) ? Missing(nameof(Schedule))
            : string.IsNullOrWhiteSpace(Pay) ? Missing(nameof(Pay))
            : string.IsNullOrWhiteSpace(RecruitmentSources) ? Missing(nameof(RecruitmentSources))
            : string.IsNullOrWhiteSpace(Training) ? Missing(nameof(Training))
            : string.IsNullOrWhiteSpace(Timeline) ? Missing(nameof(Timeline))
            : null;
    }

    /// <summary>The review's rules of who, beyond the table's roles: a leader decides an A client's review; one opinion per person per submission.</summary>
    private DomainException? WhoRefusal(ContractReviewAction action, WorkflowActor actor) => action switch
    {
        ContractReviewAction.Pass or ContractReviewAction.PassWithConditions or ContractReviewAction.Reject
            when LeaderRequired && !actor.Is.HasFlag(Parties.Leader) =>
            new DomainException("ContractReviews.LeadersDecideA", "A leader records the result of an A client's review."),
        ContractReviewAction.Opinion when CurrentOpinions.Any(o => o.ById == actor.UserId) =>
            new DomainException("ContractReviews.OpinionGiven", "You gave your opinion on this submission already."),
        _ => null,
    };

    private static ContractReview Begin(CooperationProject project, int round, ClientGrade grade, WorkflowActor actor, DateTimeOffset now, Guid? revises)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if ((actor.Is & StartedBy) == 0)
        {
            throw new DomainException("ContractReviews.NotAllowed", "Only the client's owner, its department head or a leader starts a contract review.");
        }

        if (project.IsInitiated)
        {
            throw new DomainException("ContractReviews.AlreadyInitiated", $"The project was initiated already as {project.ProjectNumber}.");
        }

        var review = new ContractReview
        {
            Id = Guid.CreateVersion7(now),
            ClientId = project.ClientId,
            ProjectId = project.Id,
            Round = round,
            RevisesId = revises,
            State = ContractReviewState.Draft,
            StateSince = now,
            LeaderRequired = grade == ClientGrade.A,
            CreatedById = actor.UserId,
            CreatedByName = actor.Name,
            CreatedAt = now,
            UpdatedAt = now,
        };
        review._events.Add(new ContractReviewEvent(review.Id, revises is null ? ContractReviewEventKind.Started : ContractReviewEventKind.Revised, now,
            actor.UserId, actor.Name, null));
        return review;
    }

    private void CopySections(ContractReviewSections s)
    {
        JobTypes = Text(s.JobTypes, nameof(JobTypes));
        if (s.Headcount is < 1 or > MaxHeadcount)
        {
            throw new DomainException("ContractReviews.HeadcountOutOfRange", "Between 1 and 100000 workers.", nameof(Headcount));
        }

        Headcount = s.Headcount;
        Qualifications = Text(s.Qualifications, nameof(Qualifications));
        Schedule = Text(s.Schedule, nameof(Schedule));
        Pay = Text(s.Pay, nameof(Pay));
        RecruitmentSources = Text(s.RecruitmentSources, nameof(RecruitmentSources));
        Training = Text(s.Training, nameof(Training));
        Timeline = Text(s.Timeline, nameof(Timeline));
    }

    private static string? Text(string? value, string field) => WorkflowText.Optional(value, MaxTextLength, "ContractReviews.TextTooLong", field);

    private void Decided(WorkflowStep<ContractReviewState, ContractReviewAction> step, ContractReviewEventKind kind, string? text)
    {
        DecisionText = step.Comment;
        DecidedAt = step.At;
        DecidedById = step.Actor.UserId;
        DecidedByName = step.Actor.Name;
        Enter(step, kind, text, step.Tell);
    }

    private void Enter(WorkflowStep<ContractReviewState, ContractReviewAction> step, ContractReviewEventKind kind, string? text, Parties tell)
    {
        State = step.To;
        StateSince = step.At;
        EscalatedAt = null;
        UpdatedAt = step.At;
        _events.Add(new ContractReviewEvent(Id, kind, step.At, step.Actor.UserId, step.Actor.Name, text));
        AddDomainEvent(new ContractReviewStepTaken(Id, ClientId, step.Action, step.To, tell, step.Actor.UserId, step.At));
    }

    private static WorkflowTable<ContractReviewState, ContractReviewAction> FlowTable()
    {
        ContractReviewState[] decided = [ContractReviewState.Passed, ContractReviewState.PassedWithConditions, ContractReviewState.Rejected];
        return new WorkflowTable<ContractReviewState, ContractReviewAction>("ContractReviews", MaxTextLength)
            .Stay([ContractReviewState.Draft], ContractReviewAction.Edit, Parties.Owner | Parties.DepartmentHead)
            .Allow(ContractReviewState.Draft, ContractReviewAction.Submit, Parties.Owner | Parties.DepartmentHead, ContractReviewState.Submitted)
            .Stay([ContractReviewState.Submitted], ContractReviewAction.Opinion, ReviewerSeats, CommentRule.Required("OpinionText"))
            .Allow(ContractReviewState.Submitted, ContractReviewAction.Return, Parties.DepartmentHead | Parties.Leader, ContractReviewState.Draft,
                CommentRule.Required("ReturnReason"))
            .Allow(ContractReviewState.Submitted, ContractReviewAction.Pass, Parties.DepartmentHead | Parties.Leader, ContractReviewState.Passed,
                CommentRule.Optional(nameof(DecisionText)))
            .Allow(ContractReviewState.Submitted, ContractReviewAction.PassWithConditions, Parties.DepartmentHead | Parties.Leader,
                ContractReviewState.PassedWithConditions, CommentRule.Required("Conditions"))
            .Allow(ContractReviewState.Submitted, ContractReviewAction.Reject, Parties.DepartmentHead | Parties.Leader, ContractReviewState.Rejected,
                CommentRule.Required("RejectReason"))
            .Stay(Enum.GetValues<ContractReviewState>(), ContractReviewAction.Note, Parties.AnyoneInScope, CommentRule.Required("Note"))
            .Final(decided)
            // The reviewers hear of a submission (the leaders too for an A client: Submit adds them); the decider hears when the
            // last required opinion is in (GiveOpinion); the owner of a return and of the result.
            .Tell(ContractReviewAction.Submit, Parties.DepartmentHead)
            .Tell(ContractReviewAction.Return, Parties.Owner)
            .Tell(ContractReviewAction.Pass, Parties.Owner | Parties.DepartmentHead)
            .Tell(ContractReviewAction.PassWithConditions, Parties.Owner | Parties.DepartmentHead)
            .Tell(ContractReviewAction.Reject, Parties.Owner | Parties.DepartmentHead)
            .DueIn(ContractReviewState.Submitted, escalatesTo: Parties.Leader)
            .RefuseOthersWith(Parties.DepartmentHead | Parties.Leader, "ContractReviews.DecidersOnly")
            .RefuseOthersWith(Parties.Owner | Parties.DepartmentHead, "ContractReviews.OwnerOrHead");
    }
}

/// <summary>
/// A step of a contract review was taken. <paramref name="Tell"/> are the parties to tell (the reviewers after a submission,
/// the decider once every opinion is in, the owner after a return or the result); whoever acted is never told.
/// </summary>
public sealed record ContractReviewStepTaken(Guid ReviewId, Guid ClientId, ContractReviewAction Action, ContractReviewState To, Parties Tell,
    string ActorId, DateTimeOffset OccurredAt) : IDomainEvent;

/// <summary>One reviewer's opinion (评审意见) on one submission of a review; never changed. Scoped through its review like a timeline line.</summary>
public class ContractReviewOpinion : IClientRecordLine
{
    private ContractReviewOpinion() { }

    public ContractReviewOpinion(Guid reviewId, int submission, Parties seats, OpinionVerdict verdict, string text, string byId, string byName,
        DateTimeOffset at)
    {
        Id = Guid.CreateVersion7(at);
        (ReviewId, Submission, Seats, Verdict, Text, ById, ByName, At) = (reviewId, submission, seats, verdict, text, byId, byName, at);
    }

    public Guid Id { get; private set; }
    public Guid ReviewId { get; private set; }

    Guid IClientRecordLine.RecordId => ReviewId;

    public ContractReview? Review { get; private set; }

    public int Submission { get; private set; }

    /// <summary>The reviewer seats this opinion fills: what its giver was to the client (owner, head, leader).</summary>
    public Parties Seats { get; private set; }

    public OpinionVerdict Verdict { get; private set; }
    public string Text { get; private set; } = "";
    public string ById { get; private set; } = "";
    public string ByName { get; private set; } = "";
    public DateTimeOffset At { get; private set; }
}

/// <summary>One line of a contract review's timeline; never changed.</summary>
public class ContractReviewEvent : ITimelineLine
{
    private ContractReviewEvent() { }

    public ContractReviewEvent(Guid reviewId, ContractReviewEventKind kind, DateTimeOffset at, string? actorId, string? actorName, string? text)
    {
        Id = Guid.CreateVersion7(at);
        ReviewId = reviewId;
        Kind = kind;
        At = at;
        ActorId = actorId;
        ActorName = actorName;
        Text = text;
    }

    public Guid Id { get; private set; }
    public Guid ReviewId { get; private set; }

    Guid IClientRecordLine.RecordId => ReviewId;

    /// <summary>For the access scope: a line is visible exactly when its review's client is.</summary>
    public ContractReview? Review { get; private set; }

    public ContractReviewEventKind Kind { get; private set; }
    public DateTimeOffset At { get; private set; }
    public string? ActorId { get; private set; }
    public string? ActorName { get; private set; }
    public string? Text { get; private set; }
}
