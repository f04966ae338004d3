using ClientCrm.Domain.Clients;
using ClientCrm.Domain.Common;

namespace ClientCrm.Domain.Cooperation;

/// <summary>
/// A cooperation project / recruitment batch (合作项目/招聘批次) with one client. The contract amount keeps its
/// currency; its CNY equivalent is fixed at entry with the rate then in force, so reports do not move with rates.
/// </summary>
public class CooperationProject : IAuditable, IClientRecord
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
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }
    public uint Version { get; private set; }

    public IReadOnlyCollection<WorkerIncident> Incidents => _incidents.AsReadOnly();

    /// <summary>
    /// Statuses in which the contract has been signed. Terminated is not among them: a negotiation that falls through
    /// ends without a contract; a terminated project counts as a batch only when it has a signed date.
    /// </summary>
    public static bool IsContracted(ProjectStatus status) => status is >= ProjectStatus.Recruiting and <= ProjectStatus.Completed;

    /// <summary>
    /// Opens a project. SPEC §2: only an <see cref="ClientStatus.Active"/> client (进入操作程序) may get a new one.
    /// <paramref name="rate"/> must be the quote in force for the currency; null when there is no amount.
    /// </summary>
    public static CooperationProject Open(Client client, ProjectTerms terms, RateQuote? rate, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(client);
        if (client.Status != ClientStatus.Active)
        {
            throw new DomainException("Project.ClientNotActive",
                $"A new project needs an active client; this client is {client.Status}.");
        }

        var project = new CooperationProject { Id = Guid.CreateVersion7(now), ClientId = client.Id, CreatedAt = now };
        project.Apply(terms, rate, now, recomputeAmount: true);
        return project;
    }

    /// <summary>
    /// Changes the terms. The CNY equivalent is recomputed only when amount or currency change (with the rate in
    /// force now); otherwise the figure fixed at entry stays.
    /// </summary>
    public void Revise(ProjectTerms terms, RateQuote? rate, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(terms);
        var amountChanged = terms.ContractAmount != ContractAmount || !SameCurrency(terms.Currency, Currency);
        Apply(terms, rate, now, amountChanged);
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

    private void Apply(ProjectTerms terms, RateQuote? rate, DateTimeOffset now, bool recomputeAmount)
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

        if (IsContracted(terms.Status) && terms.ContractSignedOn is null)
        {
            throw new DomainException("Project.SignedDateRequired", $"A project in status {terms.Status} needs its contract signed date.");
        }

        if (terms.Status is ProjectStatus.Dispatched or ProjectStatus.InService && (terms.WorkersDispatched == 0 || terms.DepartureOn is null))
        {
            throw new DomainException("Project.DispatchRequired", $"A project in status {terms.Status} needs workers dispatched and a departure date.");
        }

        // Computed before anything is assigned, so a refused amount leaves the project as it was.
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
        UpdatedAt = now;
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
