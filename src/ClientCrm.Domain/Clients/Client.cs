using System.Text;
using ClientCrm.Domain.Common;
using ClientCrm.Domain.Grading;

namespace ClientCrm.Domain.Clients;

/// <summary>
/// A foreign employer or intermediary (客户) registered in the client database. Holds the enterprise card,
/// the principal cards, owner (项目负责人), department and status.
/// </summary>
public class Client : RecordsDomainEvents, IAuditable
{
    /// <summary>Card review is due this many days after the last one (SPEC §2 dynamic management).</summary>
    public const int CardReviewIntervalDays = 365;

    private readonly List<Principal> _principals = [];
    private readonly List<ClientCardRevision> _cardRevisions = [];
    private readonly List<GradeChange> _gradeChanges = [];
    private readonly List<ClientStatusChange> _statusChanges = [];

    private Client() { }

    public Guid Id { get; private set; }
    public ClientType Type { get; private set; }
    public LegalForm LegalForm { get; private set; }
    public string Name { get; private set; } = "";
    public string? ChineseName { get; private set; }

    /// <summary>Name folded for duplicate detection: case, spaces and punctuation ignored.</summary>
    public string NormalizedName { get; private set; } = "";

    public string CountryCode { get; private set; } = "";
    public Region Region { get; private set; }
    public Industry Industry { get; private set; }
    public string? Address { get; private set; }
    public string? Postcode { get; private set; }
    public string? Phone { get; private set; }
    public string? Fax { get; private set; }
    public string? Email { get; private set; }
    public string? Website { get; private set; }
    public string? LegalRepresentative { get; private set; }
    public string? BankAccount { get; private set; }
    public string? TaxNumber { get; private set; }
    public string? RegistrationNumber { get; private set; }
    public string? Ownership { get; private set; }
    public string? BusinessScope { get; private set; }
    public int? EmployeeCount { get; private set; }
    public decimal? RegisteredCapital { get; private set; }
    public string? RegisteredCapitalCurrency { get; private set; }
    public int? YearEstablished { get; private set; }
    public CreditRating CreditRating { get; private set; }
    public string? CreditNotes { get; private set; }
    public string? PaymentTerms { get; private set; }
    public OperatingStatus OperatingStatus { get; private set; }
    public DemandTrend DemandTrend { get; private set; }
    public CooperationIntent CooperationIntent { get; private set; }
    public string? ChinaPartners { get; private set; }
    public string? InformationSource { get; private set; }
    public string? Notes { get; private set; }

    /// <summary>User id of the 项目负责人 who owns the client.</summary>
    public string OwnerId { get; private set; } = "";
    public int DepartmentId { get; private set; }
    public ClientStatus Status { get; private set; }

    /// <summary>
    /// Why the client has its current status, as given at the change (required for Paused and Terminated). Kept on the
    /// client so its page and the audit line of the change show it; every earlier reason is in <see cref="StatusChanges"/>.
    /// </summary>
    public string? StatusReason { get; private set; }

    /// <summary>When the approval of the client's latest approved evaluation was decided; the gate's condition.</summary>
    public DateTimeOffset? EvaluationApprovedAt { get; private set; }

    public DateTimeOffset RegisteredAt { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }
    public DateTimeOffset CardReviewedAt { get; private set; }

    /// <summary>
    /// The day the card is next due for review. Stored (and indexed) so the lists and the start page find due cards
    /// without reading every client; null only on rows written before the column existed, until start-up fills it.
    /// </summary>
    public DateOnly? CardReviewDueOn { get; private set; }

    /// <summary>客户分类 (SPEC §4). Changed only through <see cref="ChangeGrade"/>, which keeps the history.</summary>
    public ClientGrade Grade { get; private set; } = ClientGrade.C;
    public DateTimeOffset? GradeSince { get; private set; }

    /// <summary>User id of the leader responsible for an A client (SPEC §4 duties); none for B and C.</summary>
    public string? ResponsibleLeaderId { get; private set; }

    /// <summary>
    /// The last contact with the client, which starts the grade's contact clock. Entered by the owner until service
    /// records (SPEC §8) keep it current.
    /// </summary>
    public DateOnly? LastContactOn { get; private set; }

    /// <summary>
    /// The day the next contact is due under the grade's interval (<see cref="ContactDuty.DueOn"/>). Stored (and
    /// indexed) so overdue contacts are found without evaluating the rule for every client; kept current by every
    /// method that moves the clock or the grade, and by <see cref="ScheduleContact"/> when the intervals change.
    /// </summary>
    public DateOnly? ContactDueOn { get; private set; }

    /// <summary>Secondary classes (seed 001), written by regrade runs; null until the first run.</summary>
    public ClientClasses? Classes { get; private set; }

    /// <summary>Optimistic concurrency token (PostgreSQL xmin): two people editing one card cannot overwrite each other.</summary>
    public uint Version { get; private set; }

    public IReadOnlyCollection<Principal> Principals => _principals.AsReadOnly();

    /// <summary>Earlier versions of the card. Loaded only where history is shown; new ones are added by <see cref="UpdateCard"/>.</summary>
    public IReadOnlyCollection<ClientCardRevision> CardRevisions => _cardRevisions.AsReadOnly();

    public IReadOnlyCollection<GradeChange> GradeChanges => _gradeChanges.AsReadOnly();

    /// <summary>The status history. Loaded only where it is shown; new lines are added by <see cref="ChangeStatus"/>.</summary>
    public IReadOnlyCollection<ClientStatusChange> StatusChanges => _statusChanges.AsReadOnly();

    /// <summary>Registers a prospect at <paramref name="clock"/>'s now; its due days count from the company's date.</summary>
    public static Client Register(ClientCard card, PrincipalCard? firstPrincipal, string ownerId, int departmentId,
        GradingThresholds thresholds, BusinessClock clock)
    {
        ArgumentNullException.ThrowIfNull(card);
        ArgumentNullException.ThrowIfNull(thresholds);
        ArgumentNullException.ThrowIfNull(clock);
        var now = clock.UtcNow;
        if (string.IsNullOrWhiteSpace(ownerId))
        {
            throw new DomainException("Client.OwnerRequired", "A client needs an owner.");
        }

        var client = new Client
        {
            Id = Guid.CreateVersion7(now),
            OwnerId = ownerId,
            DepartmentId = departmentId,
            Status = ClientStatus.Prospect,
            RegisteredAt = now,
        };
        client.ApplyCard(card, clock);
        client.ScheduleContact(thresholds, clock);
        if (firstPrincipal is not null)
        {
            client.AddPrincipal(firstPrincipal, now);
        }

        client.AddDomainEvent(new ClientRegistered(client.Id, client.NormalizedName, client.CountryCode, now));
        return client;
    }

    /// <summary>
    /// Replaces the card. An edit that changes anything archives the previous card; saving it unchanged only
    /// counts as a review.
    /// </summary>
    public void UpdateCard(ClientCard card, BusinessClock clock, string? editedBy = null)
    {
        ArgumentNullException.ThrowIfNull(card);
        ArgumentNullException.ThrowIfNull(clock);
        var previous = CurrentCard();
        ApplyCard(card, clock);
        if (CurrentCard() != previous)
        {
            _cardRevisions.Add(new ClientCardRevision(Id, previous, clock.UtcNow, editedBy));
            AddDomainEvent(new ClientCardChanged(Id, clock.UtcNow));
        }
    }

    /// <summary>The card as it stands, in the shape registration and edits use.</summary>
    public ClientCard CurrentCard() => new()
    {
        Type = Type, LegalForm = LegalForm, Name = Name, ChineseName = ChineseName, CountryCode = CountryCode, Region = Region,
        Industry = Industry, Address = Address, Postcode = Postcode, Phone = Phone, Fax = Fax, Email = Email, Website = Website,
        LegalRepresentative = LegalRepresentative, BankAccount = BankAccount, TaxNumber = TaxNumber,
        RegistrationNumber = RegistrationNumber, Ownership = Ownership, BusinessScope = BusinessScope,
        EmployeeCount = EmployeeCount, RegisteredCapital = RegisteredCapital, RegisteredCapitalCurrency = RegisteredCapitalCurrency,
        YearEstablished = YearEstablished, CreditRating = CreditRating, CreditNotes = CreditNotes, PaymentTerms = PaymentTerms,
        OperatingStatus = OperatingStatus, DemandTrend = DemandTrend, CooperationIntent = CooperationIntent,
        ChinaPartners = ChinaPartners, InformationSource = InformationSource, Notes = Notes,
    };

    /// <summary>The owner confirms the card is still true without changing it.</summary>
    public void ConfirmCardReviewed(BusinessClock clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        MarkCardReviewed(clock);
        UpdatedAt = clock.UtcNow;
    }

    /// <summary>Whether the card is due for its yearly review on the company's date <paramref name="today"/>.</summary>
    public bool IsCardReviewDue(DateOnly today) => IsCardReviewDueOn(CardReviewDueOn, today);

    /// <summary>The same over a stored due day (lists read only the column).</summary>
    public static bool IsCardReviewDueOn(DateOnly? dueOn, DateOnly today) => dueOn <= today;

    /// <summary>The review due day for a card reviewed on the company's date <paramref name="reviewedOn"/>.</summary>
    public static DateOnly CardReviewDueOnAfter(DateOnly reviewedOn) => reviewedOn.AddDays(CardReviewIntervalDays);

    public Principal AddPrincipal(PrincipalCard card, DateTimeOffset now)
    {
        var principal = new Principal(Id, card, now);
        _principals.Add(principal);
        UpdatedAt = now;
        return principal;
    }

    public void UpdatePrincipal(Guid principalId, PrincipalCard card, DateTimeOffset now)
    {
        FindPrincipal(principalId).Update(card, now);
        UpdatedAt = now;
    }

    /// <summary>A principal who left the client stays on file as former (history is archived, not deleted).</summary>
    public void RetirePrincipal(Guid principalId, DateTimeOffset now)
    {
        FindPrincipal(principalId).Retire(now);
        UpdatedAt = now;
    }

    /// <summary>
    /// Moves the client to another status and writes the status history line. Pausing or terminating cooperation needs a
    /// reason (<see cref="ClientStatusRules.NeedsReason"/>); any other move may carry one.
    /// </summary>
    /// <param name="changedById">User id of whoever decides; null for the system.</param>
    public void ChangeStatus(ClientStatus to, bool actorIsLeader, DateTimeOffset now, string? reason = null, string? changedById = null)
    {
        if (!ClientStatusRules.CanMove(Status, to))
        {
            throw new DomainException("Client.StatusMoveNotAllowed", $"A client cannot move from {Status} to {to}.");
        }

        if (ClientStatusRules.NeedsLeader(Status, to) && !actorIsLeader)
        {
            throw new DomainException("Client.StatusNeedsLeader", $"Only a leader may move a client from {Status} to {to}.");
        }

        var why = Clean(reason);
        if (why is null && ClientStatusRules.NeedsReason(to))
        {
            throw new DomainException("Client.StatusReasonRequired", $"Moving a client to {to} needs a reason.");
        }

        _statusChanges.Add(new ClientStatusChange(Id, Status, to, why, changedById, now));
        AddDomainEvent(new ClientStatusChanged(Id, Status, to, now));
        Status = to;
        StatusReason = why;
        UpdatedAt = now;
    }

    /// <summary>
    /// The leaders approved the client's evaluation: it enters the operating procedure (进入操作程序) and turns Active by itself,
    /// through Under evaluation when it was only a prospect. Called by the handler of the approval, once per approval.
    /// </summary>
    public void EnterOperation(DateTimeOffset approvedAt, string? decidedById, DateTimeOffset now)
    {
        RecordEvaluationApproved(approvedAt, now);
        const string reason = "评估通过，进入操作程序 Evaluation approved";
        if (Status == ClientStatus.Prospect)
        {
            ChangeStatus(ClientStatus.UnderEvaluation, actorIsLeader: true, now, reason, decidedById);
        }

        if (Status is ClientStatus.UnderEvaluation or ClientStatus.Paused)
        {
            ChangeStatus(ClientStatus.Active, actorIsLeader: true, now, reason, decidedById);
        }

        UpdatedAt = now;
    }

    /// <summary>
    /// Records when the client's latest evaluation was approved (the business gate's condition) without moving its status:
    /// for a client already in operation, whose status says where it stands.
    /// </summary>
    public void RecordEvaluationApproved(DateTimeOffset approvedAt, DateTimeOffset now)
    {
        if (EvaluationApprovedAt is null || approvedAt > EvaluationApprovedAt)
        {
            EvaluationApprovedAt = approvedAt;
            UpdatedAt = now;
        }
    }

    /// <summary>An evaluation was submitted for a prospect: it is now under evaluation.</summary>
    public void BeginEvaluation(string? submittedById, DateTimeOffset now)
    {
        if (Status == ClientStatus.Prospect)
        {
            ChangeStatus(ClientStatus.UnderEvaluation, actorIsLeader: false, now, null, submittedById);
        }
    }

    /// <summary>Hands the client to another owner (交接); the department follows the new owner.</summary>
    public void AssignOwner(string ownerId, int departmentId, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(ownerId))
        {
            throw new DomainException("Client.OwnerRequired", "A client needs an owner.");
        }

        OwnerId = ownerId;
        DepartmentId = departmentId;
        UpdatedAt = now;
    }

    /// <summary>
    /// Sets the grade and writes the history line. Whoever calls decides who may (see <see cref="GradeDecisionRules"/>);
    /// an A client must name its responsible leader, and leaving A clears it.
    /// </summary>
    public void ChangeGrade(ClientGrade to, GradeChangeKind kind, GradeDecider by, string? reason,
        IReadOnlyList<CriterionResult>? criteria, string? responsibleLeaderId, Guid? proposalId, GradingThresholds thresholds, BusinessClock clock)
    {
        ArgumentNullException.ThrowIfNull(by);
        ArgumentNullException.ThrowIfNull(thresholds);
        ArgumentNullException.ThrowIfNull(clock);
        var now = clock.UtcNow;
        if (!GradeDecisionRules.MayDecide(by.IsLeader, by.IsDepartmentHead, Grade, to))
        {
            throw new DomainException("Grade.NeedsLeader", "A change that involves grade A is a leader's decision.");
        }

        if (to == Grade)
        {
            throw new DomainException("Grade.Unchanged", $"The client is already {to}.");
        }

        if (kind == GradeChangeKind.Manual && string.IsNullOrWhiteSpace(reason))
        {
            throw new DomainException("Grade.ReasonRequired", "A grade set by hand needs a reason.");
        }

        if (to == ClientGrade.A && string.IsNullOrWhiteSpace(responsibleLeaderId ?? ResponsibleLeaderId))
        {
            throw new DomainException("Grade.ResponsibleLeaderRequired", "An A client needs a responsible leader.");
        }

        _gradeChanges.Add(new GradeChange(Id, Grade, to, kind, by, reason, criteria, proposalId, now));
        AddDomainEvent(new ClientGradeChanged(Id, Grade, to, now));
        ResponsibleLeaderId = to == ClientGrade.A ? responsibleLeaderId ?? ResponsibleLeaderId : null;
        Grade = to;
        GradeSince = now;
        UpdatedAt = now;
        ScheduleContact(thresholds, clock);
    }

    public void NameResponsibleLeader(string leaderId, DateTimeOffset now)
    {
        if (Grade != ClientGrade.A)
        {
            throw new DomainException("Grade.ResponsibleLeaderOnlyForA", "Only an A client has a responsible leader.");
        }

        if (string.IsNullOrWhiteSpace(leaderId))
        {
            throw new DomainException("Grade.ResponsibleLeaderRequired", "An A client needs a responsible leader.");
        }

        ResponsibleLeaderId = leaderId;
        UpdatedAt = now;
    }

    /// <summary>The owner records a contact; it restarts the grade's contact clock. It may not be after the company's today.</summary>
    public void RecordContact(DateOnly on, GradingThresholds thresholds, BusinessClock clock)
    {
        ArgumentNullException.ThrowIfNull(thresholds);
        ArgumentNullException.ThrowIfNull(clock);
        if (on > clock.Today)
        {
            throw new DomainException("Client.ContactInFuture", "A contact cannot be in the future.");
        }

        if (LastContactOn is { } last && on < last)
        {
            throw new DomainException("Client.ContactBeforeLast", "A contact earlier than the last one recorded does not move the clock.");
        }

        LastContactOn = on;
        UpdatedAt = clock.UtcNow;
        ScheduleContact(thresholds, clock);
    }

    /// <summary>
    /// Sets <see cref="ContactDueOn"/> from the grade and the contact clock under <paramref name="thresholds"/>: after
    /// anything that moves either, and for every client when leaders change the intervals.
    /// </summary>
    public void ScheduleContact(GradingThresholds thresholds, BusinessClock clock) =>
        ContactDueOn = ContactDuty.DueOn(Grade, ContactClockStart(clock), thresholds);

    /// <summary>
    /// The day the contact clock started: the last contact, or the company's date of registration when there has been
    /// none.
    /// </summary>
    public DateOnly ContactClockStart(BusinessClock clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        return ContactClockStartOf(LastContactOn, clock.DateOf(RegisteredAt));
    }

    /// <summary>The same, for lists that read the two columns without loading the client.</summary>
    public static DateOnly ContactClockStartOf(DateOnly? lastContactOn, DateOnly registeredOn) => lastContactOn ?? registeredOn;

    public static string NormalizeName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var sb = new StringBuilder(name.Length);
        foreach (var ch in name.Normalize(NormalizationForm.FormKC))
        {
            if (char.IsLetterOrDigit(ch))
            {
                sb.Append(char.ToUpperInvariant(ch));
            }
        }

        return sb.ToString();
    }

    private Principal FindPrincipal(Guid principalId) =>
        _principals.FirstOrDefault(p => p.Id == principalId)
        ?? throw new DomainException("Client.PrincipalNotFound", "No such principal on this client.");

    private void ApplyCard(ClientCard card, BusinessClock clock)
    {
        if (card.LegalForm == LegalForm.Individual)
        {
            // Decree 620 Art. 22: a foreign individual may not be the employer of workers sent abroad.
            throw new DomainException("Client.IndividualNotAllowed", "Only organisations can be registered as clients.");
        }

        if (string.IsNullOrWhiteSpace(card.Name))
        {
            throw new DomainException("Client.NameRequired", "A client needs a name.");
        }

        var country = Countries.Find(card.CountryCode)
            ?? throw new DomainException("Client.UnknownCountry", $"Unknown country code {card.CountryCode}.");

        Type = card.Type;
        LegalForm = card.LegalForm;
        Name = card.Name.Trim();
        ChineseName = Clean(card.ChineseName);
        NormalizedName = NormalizeName(Name);
        CountryCode = country.Code;
        Region = card.Region;
        Industry = card.Industry;
        Address = Clean(card.Address);
        Postcode = Clean(card.Postcode);
        Phone = Clean(card.Phone);
        Fax = Clean(card.Fax);
        Email = Clean(card.Email);
        Website = Clean(card.Website);
        LegalRepresentative = Clean(card.LegalRepresentative);
        BankAccount = Clean(card.BankAccount);
        TaxNumber = Clean(card.TaxNumber);
        RegistrationNumber = Clean(card.RegistrationNumber);
        Ownership = Clean(card.Ownership);
        BusinessScope = Clean(card.BusinessScope);
        EmployeeCount = card.EmployeeCount;
        RegisteredCapital = card.RegisteredCapital;
        RegisteredCapitalCurrency = Clean(card.RegisteredCapitalCurrency)?.ToUpperInvariant();
        YearEstablished = card.YearEstablished;
        CreditRating = card.CreditRating;
        CreditNotes = Clean(card.CreditNotes);
        PaymentTerms = Clean(card.PaymentTerms);
        OperatingStatus = card.OperatingStatus;
        DemandTrend = card.DemandTrend;
        CooperationIntent = card.CooperationIntent;
        ChinaPartners = Clean(card.ChinaPartners);
        InformationSource = Clean(card.InformationSource);
        Notes = Clean(card.Notes);
        UpdatedAt = clock.UtcNow;
        MarkCardReviewed(clock);
    }

    private void MarkCardReviewed(BusinessClock clock)
    {
        CardReviewedAt = clock.UtcNow;
        CardReviewDueOn = CardReviewDueOnAfter(clock.Today);
    }

    internal static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
