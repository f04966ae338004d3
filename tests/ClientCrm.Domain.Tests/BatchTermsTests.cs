using ClientCrm.Domain.Clients;
using ClientCrm.Domain.Common;
using ClientCrm.Domain.Cooperation;
using ClientCrm.Domain.Grading;

namespace ClientCrm.Domain.Tests;

/// <summary>
/// The terms a labor-export batch records (contract number, site, wage, hours, board, insurance, service fee, filing)
/// and what an incident adds (wages in arrears; workers affected within the batch).
/// </summary>
public sealed class BatchTermsTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 8, 0, 0, TimeSpan.Zero);
    private static readonly DateOnly Today = new(2026, 11, 22);

    private static Client ActiveClient()
    {
        var client = Client.Register(ClientTests.Card(), null, "owner-id", 1, GradingThresholds.Default, TestClock.At(Now));
        client.ChangeStatus(ClientStatus.UnderEvaluation, true, Now);
        client.ChangeStatus(ClientStatus.Active, true, Now, "approved by the leaders");
        return client;
    }

    private static ProjectTerms Terms() => new()
    {
        Name = "Jebel Ali welders 2026",
        WorkCountryCode = "AE",
        WorkersRequested = 30,
        WorkersDispatched = 20,
        ContractSignedOn = new DateOnly(2026, 3, 1),
        DepartureOn = new DateOnly(2026, 4, 10),
        Status = ProjectStatus.InService,
        EmployerContractNumber = "  EC-2026-AE-0101 ",
        WorkSite = " 迪拜杰贝阿里 Jebel Ali, Dubai ",
        WageAmount = 2300m,
        WageCurrency = " aed ",
        WorkingHours = "每天 8 小时，每周 6 天",
        BoardAndLodging = "雇主免费提供宿舍和三餐",
        InsuranceTerms = "雇主投保工伤和医疗保险",
        ServiceFeeAmount = 3600m,
        ServiceFeeCurrency = "cny",
        ServiceFeePaidBy = ServiceFeePayer.Worker,
        FilingNumber = " 外劳备〔2026〕0101号 ",
        FiledOn = new DateOnly(2026, 3, 13),
    };

    private static CooperationProject Open(ProjectTerms terms, DateOnly? today = null) =>
        ContractReviews.InitiatedProjects.Open(ActiveClient(), terms, null, today ?? Today, Now);

    private static string Code(Action action) => Assert.Throws<DomainException>(action).Code;

    [Fact]
    public void A_batch_keeps_its_terms_cleaned_with_amounts_in_their_own_currency()
    {
        var project = Open(Terms());

        Assert.Equal(("EC-2026-AE-0101", "迪拜杰贝阿里 Jebel Ali, Dubai"), (project.EmployerContractNumber, project.WorkSite));
        Assert.Equal((2300m, "AED"), (project.WageAmount, project.WageCurrency));
        Assert.Equal(("每天 8 小时，每周 6 天", "雇主免费提供宿舍和三餐", "雇主投保工伤和医疗保险"),
            (project.WorkingHours, project.BoardAndLodging, project.InsuranceTerms));
        Assert.Equal((3600m, "CNY", ServiceFeePayer.Worker), (project.ServiceFeeAmount, project.ServiceFeeCurrency, project.ServiceFeePaidBy));
        Assert.Equal(("外劳备〔2026〕0101号", new DateOnly(2026, 3, 13)), (project.FilingNumber, project.FiledOn));
        Assert.Null(project.AmountCny);
    }

    [Fact]
    public void Revising_the_terms_replaces_them_and_clearing_an_amount_clears_its_currency()
    {
        var project = Open(Terms());

        project.Revise(Terms() with { WageAmount = null, WageCurrency = "AED", ServiceFeeAmount = 250m, ServiceFeeCurrency = "USD", ServiceFeePaidBy = ServiceFeePayer.Employer, WorkSite = "  " },
            null, Today, Now.AddDays(1));

        Assert.Equal(((decimal?)null, (string?)null), (project.WageAmount, project.WageCurrency));
        Assert.Equal((250m, "USD", ServiceFeePayer.Employer), (project.ServiceFeeAmount, project.ServiceFeeCurrency, project.ServiceFeePaidBy));
        Assert.Null(project.WorkSite);
    }

    [Fact]
    public void Negative_wages_and_service_fees_are_refused_and_zero_is_fine()
    {
        Assert.Equal("Project.WageNegative", Code(() => Open(Terms() with { WageAmount = -0.01m })));
        Assert.Equal("Project.ServiceFeeNegative", Code(() => Open(Terms() with { ServiceFeeAmount = -1m })));

        var free = Open(Terms() with { ServiceFeeAmount = 0m, ServiceFeePaidBy = ServiceFeePayer.Employer });
        Assert.Equal(0m, free.ServiceFeeAmount);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("  ")]
    public void A_wage_or_service_fee_needs_its_currency(string? currency)
    {
        Assert.Equal("Project.WageCurrencyRequired", Code(() => Open(Terms() with { WageCurrency = currency })));
        Assert.Equal("Project.ServiceFeeCurrencyRequired", Code(() => Open(Terms() with { ServiceFeeCurrency = currency })));
    }

    [Theory]
    [InlineData("US")]
    [InlineData("DOLLAR")]
    [InlineData("美元元")]
    public void A_currency_that_is_not_a_three_letter_code_is_refused(string currency)
    {
        Assert.Equal("Project.WageBadCurrency", Code(() => Open(Terms() with { WageCurrency = currency })));
        Assert.Equal("Project.ServiceFeeBadCurrency", Code(() => Open(Terms() with { ServiceFeeCurrency = currency })));
    }

    [Fact]
    public void A_service_fee_says_who_pays_it()
    {
        Assert.Equal("Project.ServiceFeePayerRequired", Code(() => Open(Terms() with { ServiceFeePaidBy = null })));
        Assert.Equal("Project.ServiceFeePayerRequired", Code(() => Open(Terms() with { ServiceFeePaidBy = (ServiceFeePayer)42 })));

        // Who pays may be known before the amount is.
        var project = Open(Terms() with { ServiceFeeAmount = null, ServiceFeeCurrency = null, ServiceFeePaidBy = ServiceFeePayer.Shared });
        Assert.Equal(ServiceFeePayer.Shared, project.ServiceFeePaidBy);
    }

    [Fact]
    public void A_filing_is_dated_on_or_before_the_companys_today()
    {
        // The company's today decides, not the UTC date of the instant (still the 22nd here): a filing of the company's
        // 23 November is today's, one of the 24th is in the future.
        var beijingToday = new DateOnly(2026, 11, 23);

        Assert.Equal(beijingToday, Open(Terms() with { FiledOn = beijingToday }, beijingToday).FiledOn);
        Assert.Equal("Project.FilingInFuture", Code(() => Open(Terms() with { FiledOn = beijingToday.AddDays(1) }, beijingToday)));
    }

    [Fact]
    public void A_filing_has_both_its_number_and_its_date()
    {
        Assert.Equal("Project.FilingDateRequired", Code(() => Open(Terms() with { FiledOn = null })));
        Assert.Equal("Project.FilingNumberRequired", Code(() => Open(Terms() with { FilingNumber = " " })));

        var unfiled = Open(Terms() with { FilingNumber = null, FiledOn = null });
        Assert.Null(unfiled.FilingNumber);
    }

    [Fact]
    public void A_refused_revision_of_the_terms_leaves_the_batch_as_it_was()
    {
        var project = Open(Terms());

        Assert.Equal("Project.FilingInFuture", Code(() => project.Revise(Terms() with { WageAmount = 9999m, FiledOn = Today.AddDays(1) }, null, Today, Now)));

        Assert.Equal((2300m, new DateOnly(2026, 3, 13)), (project.WageAmount, project.FiledOn));
    }

    private static IncidentDetails Arrears(int workers = 9, decimal? amount = 41_400m, string? currency = "AED") => new()
    {
        Type = IncidentType.WageArrears,
        OccurredOn = new DateOnly(2026, 11, 10),
        WorkersAffected = workers,
        Description = "Nine workers unpaid for two months",
        ArrearsAmount = amount,
        ArrearsCurrency = currency,
    };

    [Fact]
    public void A_wage_arrears_incident_keeps_the_wages_owed_in_their_currency()
    {
        var incident = Open(Terms()).RecordIncident(Arrears(currency: " aed "), TestClock.At(Now));

        Assert.Equal((41_400m, "AED"), (incident.ArrearsAmount, incident.ArrearsCurrency));
    }

    [Theory]
    [InlineData(null)]
    [InlineData(0)]
    public void A_wage_arrears_incident_without_an_amount_owed_is_refused(int? amount)
    {
        var project = Open(Terms());

        Assert.Equal("Incident.ArrearsRequired", Code(() => project.RecordIncident(Arrears(amount: amount), TestClock.At(Now))));
        Assert.Empty(project.Incidents);
    }

    [Fact]
    public void Arrears_are_never_negative_and_need_their_currency_on_any_incident()
    {
        var project = Open(Terms());
        var dispute = Arrears() with { Type = IncidentType.LaborDispute };

        Assert.Equal("Incident.ArrearsNegative", Code(() => project.RecordIncident(Arrears(amount: -5m), TestClock.At(Now))));
        Assert.Equal("Incident.ArrearsCurrencyRequired", Code(() => project.RecordIncident(Arrears(currency: null), TestClock.At(Now))));
        Assert.Equal("Incident.ArrearsBadCurrency", Code(() => project.RecordIncident(dispute with { ArrearsCurrency = "DIRHAM" }, TestClock.At(Now))));

        // Other incidents may name money owed, or not.
        Assert.Null(project.RecordIncident(dispute with { ArrearsAmount = null, ArrearsCurrency = "AED" }, TestClock.At(Now)).ArrearsCurrency);
        Assert.Equal(500m, project.RecordIncident(dispute with { ArrearsAmount = 500m }, TestClock.At(Now)).ArrearsAmount);
    }

    [Fact]
    public void Workers_affected_cannot_exceed_the_workers_dispatched()
    {
        var project = Open(Terms());

        Assert.Equal("Incident.AffectedOverBatch", Code(() => project.RecordIncident(Arrears(workers: 21), TestClock.At(Now))));
        Assert.Equal(20, project.RecordIncident(Arrears(workers: 20), TestClock.At(Now)).WorkersAffected);
    }

    [Fact]
    public void Before_anyone_is_dispatched_the_workers_requested_are_the_ceiling_and_without_either_there_is_none()
    {
        var recruiting = Open(Terms() with { WorkersDispatched = 0, DepartureOn = null, Status = ProjectStatus.Recruiting });
        Assert.Equal(30, recruiting.BatchWorkerCount);
        Assert.Equal("Incident.AffectedOverBatch", Code(() => recruiting.RecordIncident(Arrears(workers: 31), TestClock.At(Now))));

        var unknown = Open(Terms() with { WorkersRequested = 0, WorkersDispatched = 0, DepartureOn = null, Status = ProjectStatus.Recruiting });
        Assert.Equal(0, unknown.BatchWorkerCount);
        Assert.Equal(500, unknown.RecordIncident(Arrears(workers: 500), TestClock.At(Now)).WorkersAffected);
    }

    [Fact]
    public void Revising_an_incident_checks_the_batch_as_it_is_now_and_refuses_another_projects_incident()
    {
        var project = Open(Terms());
        var incident = project.RecordIncident(Arrears(workers: 15), TestClock.At(Now));
        project.Revise(Terms() with { WorkersDispatched = 10 }, null, Today, Now.AddDays(1));

        Assert.Equal("Incident.AffectedOverBatch", Code(() => project.ReviseIncident(incident, Arrears(workers: 15), TestClock.At(Now.AddDays(2)))));
        Assert.Equal(15, incident.WorkersAffected);
        project.ReviseIncident(incident, Arrears(workers: 10, amount: 46_000m), TestClock.At(Now.AddDays(2)));
        Assert.Equal((10, 46_000m), (incident.WorkersAffected, incident.ArrearsAmount));

        var other = Open(Terms());
        Assert.Equal("Incident.NotOnProject", Code(() => other.ReviseIncident(incident, Arrears(), TestClock.At(Now.AddDays(3)))));
    }
}
