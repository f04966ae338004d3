namespace ClientCrm.Domain.Clients;

/// <summary>雇主 / 中介商.</summary>
public enum ClientType
{
    Employer = 1,
    Intermediary = 2,
}

/// <summary>
/// The legal form of the client. Decree 620 Art. 22 lets only organisations employ workers sent abroad,
/// so <see cref="Individual"/> exists only to be named and refused.
/// </summary>
public enum LegalForm
{
    Company = 1,
    Partnership = 2,
    PublicInstitution = 3,
    OtherOrganisation = 4,
    Individual = 9,
}

/// <summary>SPEC §2 client status. Only <see cref="Active"/> clients may get new cooperation projects.</summary>
public enum ClientStatus
{
    Prospect = 1,
    UnderEvaluation = 2,
    Active = 3,
    Paused = 4,
    Terminated = 5,
}

public enum OperatingStatus
{
    Good = 1,
    Stable = 2,
    Declining = 3,
    Distressed = 4,
}

public enum DemandTrend
{
    Growing = 1,
    Stable = 2,
    Falling = 3,
}

public enum CooperationIntent
{
    Strong = 1,
    Normal = 2,
    Weak = 3,
}

public enum CreditRating
{
    Excellent = 1,
    Good = 2,
    Fair = 3,
    Poor = 4,
    Unknown = 9,
}

/// <summary>Region codes used by the company's reports (AS, EU, AF, AM, AU, ME).</summary>
public enum Region
{
    AS = 1,
    EU = 2,
    AF = 3,
    AM = 4,
    AU = 5,
    ME = 6,
}

public enum Industry
{
    Construction = 1,
    Manufacturing = 2,
    Agriculture = 3,
    Fishery = 4,
    Seafaring = 5,
    Hospitality = 6,
    Healthcare = 7,
    DomesticService = 8,
    Mining = 9,
    Transport = 10,
    Services = 11,
    Other = 99,
}

public enum Gender
{
    Male = 1,
    Female = 2,
    Other = 3,
}

/// <summary>The principal's part in the client's decisions about hiring through us.</summary>
public enum DecisionRole
{
    DecisionMaker = 1,
    Influencer = 2,
    Contact = 3,
    Other = 9,
}
