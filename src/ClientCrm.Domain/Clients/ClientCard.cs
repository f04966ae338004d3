namespace ClientCrm.Domain.Clients;

/// <summary>
/// The enterprise card (客户企业资料卡) of SPEC §2 as plain values: what registration collects and what an
/// edit replaces. Owner, department and status are not part of the card; they change through their own methods.
/// </summary>
public sealed record ClientCard
{
    public required ClientType Type { get; init; }
    public required LegalForm LegalForm { get; init; }
    public required string Name { get; init; }
    public string? ChineseName { get; init; }
    public required string CountryCode { get; init; }
    public required Region Region { get; init; }
    public required Industry Industry { get; init; }
    public string? Address { get; init; }
    public string? Postcode { get; init; }
    public string? Phone { get; init; }
    public string? Fax { get; init; }
    public string? Email { get; init; }
    public string? Website { get; init; }
    public string? LegalRepresentative { get; init; }
    public string? BankAccount { get; init; }
    public string? TaxNumber { get; init; }
    public string? RegistrationNumber { get; init; }
    public string? Ownership { get; init; }
    public string? BusinessScope { get; init; }
    public int? EmployeeCount { get; init; }
    public decimal? RegisteredCapital { get; init; }
    public string? RegisteredCapitalCurrency { get; init; }
    public int? YearEstablished { get; init; }
    public CreditRating CreditRating { get; init; } = CreditRating.Unknown;
    public string? CreditNotes { get; init; }
    public string? PaymentTerms { get; init; }
    public OperatingStatus OperatingStatus { get; init; } = OperatingStatus.Stable;
    public DemandTrend DemandTrend { get; init; } = DemandTrend.Stable;
    public CooperationIntent CooperationIntent { get; init; } = CooperationIntent.Normal;
    public string? ChinaPartners { get; init; }
    public string? InformationSource { get; init; }
    public string? Notes { get; init; }
}

/// <summary>The principal card (客户负责人资料卡) of SPEC §2 as plain values.</summary>
public sealed record PrincipalCard
{
    public required string Name { get; init; }
    public string? Title { get; init; }
    public Gender? Gender { get; init; }
    public DateOnly? Birthday { get; init; }
    public string? Phone { get; init; }
    public string? Email { get; init; }
    public string? MessagingId { get; init; }
    public string? Languages { get; init; }
    public string? Family { get; init; }
    public string? Hobbies { get; init; }
    public string? Personality { get; init; }
    public DecisionRole? DecisionRole { get; init; }
    public string? Notes { get; init; }
}
