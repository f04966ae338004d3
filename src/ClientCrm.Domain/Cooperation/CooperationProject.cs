using ClientCrm.Domain.Clients;
using ClientCrm.Domain.Common;

namespace ClientCrm.Domain.Cooperation;

/// <summary>
/// A cooperation project / recruitment batch (合作项目/招聘批次) with one client. The contract amount keeps its
/// currency; its CNY equivalent is fixed at entry with the rate then in force, so reports do not move with rates.
/// </summary>
public class CooperationProject : RecordsDomainEvents, IAuditable, IClientRecord
{
    private readonly List<WorkerIncident> _incidents = [];

    private CooperationProject() { }

    public Guid Id { get; private set; }
    public Guid ClientId { get; private set; }
    public Client? Client { get; private set; }
    public string Name { get; private set; } = "";
    public string? JobTypes { get; private set; }
    public string WorkCountryCode { get; private set; } = "";
    public int WorkersRequested { get; private set; }
    public int WorkersDispatched { get; private set; }
    public decimal? ContractAmount { get; private set; }
    public string? Currency { get; private set; }
    public decimal? AmountCny { get; private set; }
    /// <summary>CNY per unit used for <see cref="AmountCny"/>, and the date that rate took effect.</summary>
    public decimal? RateUsed { get; private set; }
    public DateOnly? RateDate { get; private set; }
    public DateOnly? ContractSignedOn { get; private set; }
    public DateOnly? DepartureOn { get; private set; }
    public DateOnly? ContractEndOn { get; private set; }
    public ProjectStatus Status { get; private set; }
    public string? Notes { get; private set; }

    // The terms a labor-export batch is sent under (SPEC §3). Amounts keep their currency and get no CNY equivalent:
    // they describe the batch, they are not revenue.
    public string? EmployerContractNumber { get; private set; }
    public string? WorkSite { get; private set; }
    /// <summary>Monthly wage per worker, in <see cref="WageCurrency"/>.</summary>
    public decimal? WageAmount { get; private set; }
    public string? WageCurrency { get; private set; }
    public string? WorkingHours { get; private set; }
    public string? BoardAndLodging { get; private set; }
    public string? InsuranceTerms { get; private set; }
    /// <summary>Service fee per worker, in <see cref="ServiceFeeCurrency"/>, paid by <see cref="ServiceFeePaidBy"/>.</summary>
    public decimal? ServiceFeeAmount { get; private set; }
    public string? ServiceFeeCurrency { get; private set; }
    public ServiceFeePayer? ServiceFeePaidBy { get; private set; }
    /// <summary>The commerce authority's filing of the batch (商务主管部门备案号、备案日期).</summary>
    public string? FilingNumber { get; private set; }
    public DateOnly? FiledOn { get; private set; }

    /// <summary>The trade test (考工): the day the client tests the workers' skills, before departure.</summary>
    public DateOnly? TradeTestOn { get; private set; }

    /// <summary>
    /// The number the project was initiated (立项) with when its contract review passed (<see cref="ContractReviews.ContractReview.Pass"/>),
    /// e.g. <c>LX-2026-0001</c>; null before. Projects already contracted before reviews existed got <c>LX-legacy-…</c>.
    /// </summary>
    public string? ProjectNumber { get; private set; }

    public DateTimeOffset? InitiatedAt { get; private set; }

    public bool IsInitiated => InitiatedAt is not null;

    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }
    public uint Version { get; private set; }

    public IReadOnlyCollection<WorkerIncident> Incidents => _incidents.AsReadOnly();

    /// <summary>
    /// The workers of the batch an incident can concern: those dispatched, or, before any are, those requested. Zero
    /// when neither is known, and then an incident's count has no ceiling.
    /// </summary>
    public int BatchWorkerCount => WorkersDispatched > 0 ? WorkersDispatched : WorkersRequested;

    /// <summary>
    /// Statuses in which the contract has been signed. Terminated is not among them: a negotiation that falls through
    /// ends without a contract; a terminated project counts as a batch only when it has a signed date.
    /// </summary>
    public static bool IsContracted(ProjectStatus status) => status is >= ProjectStatus.Recruiting and <= ProjectStatus.Completed;

    /// <summary>
    /// Opens a project. SPEC §2: only an <see cref="ClientStatus.Active"/> client (进入操作程序) may get a new one.
    /// <paramref name="rate"/> must be the quote in force for the currency; null when there is no amount.
    /// <paramref name="today"/> is the company's date (BusinessClock): a filing cannot be dated after it.
    /// </summary>
    public static CooperationProject Open(Client client, ProjectTerms terms, RateQuote? rate, DateOnly today, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(client);
        if (client.Status != ClientStatus.Active)
        {
            throw new DomainException("Project.ClientNotActive",
                $"A new project needs an active client; this client is {client.Status}.");
        }

        var project = new CooperationProject { Id = Guid.CreateVersion7(now), ClientId = client.Id, CreatedAt = now };
        project.Apply(terms, rate, today, now, recomputeAmount: true);
        project.AddDomainEvent(new ProjectOpened(project.ClientId, project.Id, now));
        return project;
    }

    /// <summary>
    /// Changes the terms. The CNY equivalent is recomputed only when amount or currency change (with the rate in
    /// force now); otherwise the figure fixed at entry stays.
    /// </summary>
    public void Revise(ProjectTerms terms, RateQuote? rate, DateOnly today, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(terms);
        var amountChanged = terms.ContractAmount != ContractAmount || !SameCurrency(terms.Currency, Currency);
        Apply(terms, rate, today, now, amountChanged);
        AddDomainEvent(new ProjectRevised(ClientId, Id, now));
    }

    /// <summary>True when the given terms need a rate to compute the CNY equivalent.</summary>
    public static bool NeedsRate(ProjectTerms terms)
    {
        ArgumentNullException.ThrowIfNull(terms);
        return terms.ContractAmount is not null;
    }

    /// <summary>Records an incident at <paramref name="clock"/>'s now; its date may not be after the company's today.</summary>
    public WorkerIncident RecordIncident(IncidentDetails details, BusinessClock clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        var incident = new WorkerIncident(this, details, clock);
        _incidents.Add(incident);
        UpdatedAt = clock.UtcNow;
        return incident;
    }

    /// <summary>Updates one of this project's incidents; the workers affected are checked against the batch as it is now.</summary>
    public void ReviseIncident(WorkerIncident incident, IncidentDetails details, BusinessClock clock)
    {
        ArgumentNullException.ThrowIfNull(incident);
        ArgumentNullException.ThrowIfNull(clock);
        if (incident.ProjectId != Id)
        {
            throw new DomainException("Incident.NotOnProject", "The incident belongs to another project.");
        }

        incident.Revise(this, details, clock);
    }

    private void Apply(ProjectTerms terms, RateQuote? rate, DateOnly today, DateTimeOffset now, bool recomputeAmount)
    {
        ArgumentNullException.ThrowIfNull(terms);
        if (string.IsNullOrWhiteSpace(terms.Name))
        {
            throw new DomainException("Project.NameRequired", "A project needs a name.");
        }

        if (Countries.Find(terms.WorkCountryCode) is null)
        {
            throw new DomainException("Client.UnknownCountry", $"Unknown country code {terms.WorkCountryCode}.");
        }

        if (terms.WorkersRequested < 0 || terms.WorkersDispatched < 0)
        {
            throw new DomainException("Project.NegativeWorkers", "Worker counts cannot be negative.");
        }

        if (terms.WorkersDispatched > terms.WorkersRequested)
        {
            throw new DomainException("Project.DispatchedOverRequested", "More workers dispatched than requested.");
        }

        if (terms.DepartureOn < terms.ContractSignedOn || terms.ContractEndOn < (terms.DepartureOn ?? terms.ContractSignedOn))
        {
            throw new DomainException("Project.DatesOutOfOrder", "Dates must run signed → departure → contract end.");
        }

        if (terms.TradeTestOn > terms.DepartureOn)
        {
            throw new DomainException("Project.TradeTestAfterDeparture", "The trade test comes before the workers leave.");
        }

        // ISO 9001: no recruiting, or anything after, before the contract review passed and initiated the project. A
        // project that is contracted already stays so (its review passed, or it was contracted before reviews existed).
        if (IsContracted(terms.Status) && !IsInitiated)
        {
            throw CooperationProjectInitiation.NotInitiated(terms.Status);
        }

        if (IsContracted(terms.Status) && terms.ContractSignedOn is null)
        {
            throw new DomainException("Project.SignedDateRequired", $"A project in status {terms.Status} needs its contract signed date.");
        }

        if (terms.Status is ProjectStatus.Dispatched or ProjectStatus.InService && (terms.WorkersDispatched == 0 || terms.DepartureOn is null))
        {
            throw new DomainException("Project.DispatchRequired", $"A project in status {terms.Status} needs workers dispatched and a departure date.");
        }

        // Checked before anything is assigned, so a refused revision leaves the project as it was.
        var wage = Money.Check(terms.WageAmount, terms.WageCurrency, "Project.Wage");
        var fee = Money.Check(terms.ServiceFeeAmount, terms.ServiceFeeCurrency, "Project.ServiceFee");
        var payerKnown = terms.ServiceFeePaidBy is { } payer && Enum.IsDefined(payer);
        if ((fee.Amount is not null || terms.ServiceFeePaidBy is not null) && !payerKnown)
        {
            throw new DomainException("Project.ServiceFeePayerRequired", "A service fee needs to say who pays it.");
        }

        var filingNumber = Client.Clean(terms.FilingNumber);
        CheckFiling(filingNumber, terms.FiledOn, today);

        var amount = recomputeAmount ? PriceInCny(terms.ContractAmount, terms.Currency, rate) : (ContractAmount, Currency, AmountCny, RateUsed, RateDate);
        (ContractAmount, Currency, AmountCny, RateUsed, RateDate) = amount;

        Name = terms.Name.Trim();
        JobTypes = Client.Clean(terms.JobTypes);
        WorkCountryCode = terms.WorkCountryCode.Trim().ToUpperInvariant();
        WorkersRequested = terms.WorkersRequested;
        WorkersDispatched = terms.WorkersDispatched;
        ContractSignedOn = terms.ContractSignedOn;
        DepartureOn = terms.DepartureOn;
        ContractEndOn = terms.ContractEndOn;
        Status = terms.Status;
        Notes = Client.Clean(terms.Notes);
        EmployerContractNumber = Client.Clean(terms.EmployerContractNumber);
        WorkSite = Client.Clean(terms.WorkSite);
        (WageAmount, WageCurrency) = wage;
        WorkingHours = Client.Clean(terms.WorkingHours);
        BoardAndLodging = Client.Clean(terms.BoardAndLodging);
        InsuranceTerms = Client.Clean(terms.InsuranceTerms);
        (ServiceFeeAmount, ServiceFeeCurrency) = fee;
        ServiceFeePaidBy = terms.ServiceFeePaidBy;
        FilingNumber = filingNumber;
        FiledOn = terms.FiledOn;
        TradeTestOn = terms.TradeTestOn;
        UpdatedAt = now;
    }

    /// <summary>The contract review passed: the project gets its number (立项). Only the review initiates a project, once.</summary>
    internal void Initiate(string number, DateTimeOffset now)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(number);
        if (IsInitiated)
        {
            throw new DomainException("Project.AlreadyInitiated", $"The project was initiated already as {ProjectNumber}.");
        }

        (ProjectNumber, InitiatedAt, UpdatedAt) = (number, now, now);
        AddDomainEvent(new ProjectInitiated(ClientId, Id, number, now));
    }

    /// <summary>A filing (商务主管部门备案) has both its number and its date, and the date has come.</summary>
    private static void CheckFiling(string? number, DateOnly? filedOn, DateOnly today)
    {
        if (number is not null && filedOn is null)
        {
            throw new DomainException("Project.FilingDateRequired", "A filing number needs its filing date.");
        }

        if (filedOn is { } day)
        {
            if (number is null)
            {
                throw new DomainException("Project.FilingNumberRequired", "A filing date needs its filing number.");
            }

            if (day > today)
            {
                throw new DomainException("Project.FilingInFuture", "A filing cannot be dated after the company's today.");
            }
        }
    }

    private static (decimal? Amount, string? Currency, decimal? Cny, decimal? Rate, DateOnly? RateDate) PriceInCny(
        decimal? amount, string? currency, RateQuote? rate)
    {
        if (amount is null)
        {
            return (null, null, null, null, null);
        }

        if (amount < 0)
        {
            throw new DomainException("Project.NegativeAmount", "A contract amount cannot be negative.");
        }

        var code = Client.Clean(currency)?.ToUpperInvariant()
            ?? throw new DomainException("Project.CurrencyRequired", "An amount needs its currency.");
        if (rate is null || !SameCurrency(rate.Currency, code))
        {
            throw new DomainException("Project.NoRate", $"No exchange rate for {code}.");
        }

        return (amount, code, decimal.Round(amount.Value * rate.CnyPerUnit, 2, MidpointRounding.AwayFromZero), rate.CnyPerUnit, rate.EffectiveFrom);
    }

    private static bool SameCurrency(string? a, string? b) =>
        string.Equals(a?.Trim(), b?.Trim(), StringComparison.OrdinalIgnoreCase);
}
