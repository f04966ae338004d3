namespace ClientCrm.IntegrationTests.Infrastructure;

/// <summary>Form values for a valid registration; tests change the fields they are about.</summary>
public static class ClientForms
{
    public static Dictionary<string, string?> ValidRegistration(string name, string? registrationNumber = null) => new()
    {
        ["Input.Type"] = "Employer",
        ["Input.LegalForm"] = "Company",
        ["Input.Name"] = name,
        ["Input.ChineseName"] = name + " 中文名",
        ["Input.CountryCode"] = "AE",
        ["Input.Region"] = "ME",
        ["Input.Industry"] = "Construction",
        ["Input.Address"] = "Sheikh Zayed Road 1, Dubai",
        ["Input.Phone"] = "+971 4 555 0101",
        ["Input.Email"] = "hr@" + name.Replace(" ", "", StringComparison.Ordinal).ToLowerInvariant() + ".example",
        ["Input.RegistrationNumber"] = registrationNumber ?? "REG-" + Guid.NewGuid().ToString("N")[..10],
        ["Input.TaxNumber"] = "TAX-" + Guid.NewGuid().ToString("N")[..8],
        ["Input.BankAccount"] = "AE07 0331 2345 6789 0123 456",
        ["Input.CreditRating"] = "Good",
        ["Input.CreditNotes"] = "Bank reference from Emirates NBD",
        ["Input.OperatingStatus"] = "Good",
        ["Input.DemandTrend"] = "Growing",
        ["Input.CooperationIntent"] = "Strong",
        ["Input.InformationSource"] = "驻外机构介绍",
        ["Input.Notes"] = "First contact at the Dubai fair",
        ["Principal.Name"] = "Omar Haddad",
        ["Principal.Title"] = "HR Director",
        ["Principal.Phone"] = "+971 50 123 4567",
        ["Principal.Email"] = "omar.haddad@example.com",
        ["Principal.Hobbies"] = "Falconry",
    };
}
