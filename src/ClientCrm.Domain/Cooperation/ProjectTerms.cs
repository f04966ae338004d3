namespace ClientCrm.Domain.Cooperation;

/// <summary>What staff enter for a cooperation project; the CNY equivalent is computed, not entered.</summary>
public sealed record ProjectTerms
{
    public required string Name { get; init; }
    public string? JobTypes { get; init; }
    /// <summary>Where the workers go; usually the client's country, not always (an intermediary recruits for others).</summary>
    public required string WorkCountryCode { get; init; }
    public int WorkersRequested { get; init; }
    public int WorkersDispatched { get; init; }
    public decimal? ContractAmount { get; init; }
    public string? Currency { get; init; }
    public DateOnly? ContractSignedOn { get; init; }
    public DateOnly? DepartureOn { get; init; }
    public DateOnly? ContractEndOn { get; init; }
    public ProjectStatus Status { get; init; } = ProjectStatus.Negotiating;
    public string? Notes { get; init; }

    /// <summary>The number of the employer contract (劳务合作合同) this batch works under.</summary>
    public string? EmployerContractNumber { get; init; }
    /// <summary>City and site where the workers work (工作城市/地点).</summary>
    public string? WorkSite { get; init; }
    /// <summary>Monthly wage per worker in <see cref="WageCurrency"/> (工资标准).</summary>
    public decimal? WageAmount { get; init; }
    public string? WageCurrency { get; init; }
    public string? WorkingHours { get; init; }
    public string? BoardAndLodging { get; init; }
    public string? InsuranceTerms { get; init; }
    /// <summary>Service fee per worker in <see cref="ServiceFeeCurrency"/>, and who pays it.</summary>
    public decimal? ServiceFeeAmount { get; init; }
    public string? ServiceFeeCurrency { get; init; }
    public ServiceFeePayer? ServiceFeePaidBy { get; init; }
    /// <summary>The commerce authority's filing number and date (商务主管部门备案号、备案日期).</summary>
    public string? FilingNumber { get; init; }
    public DateOnly? FiledOn { get; init; }
    /// <summary>The day the client tests the workers' skills (考工); before they leave.</summary>
    public DateOnly? TradeTestOn { get; init; }
}

/// <summary>A leader-set rate: one unit of <see cref="Currency"/> is worth <see cref="CnyPerUnit"/> yuan from <see cref="EffectiveFrom"/>.</summary>
public sealed record RateQuote(string Currency, decimal CnyPerUnit, DateOnly EffectiveFrom)
{
    public const string Cny = "CNY";

    /// <summary>The yuan needs no rate.</summary>
    public static RateQuote Identity(DateOnly on) => new(Cny, 1m, on);
}
