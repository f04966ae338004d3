using ClientCrm.Domain.Clients;
using ClientCrm.Domain.Common;
using ClientCrm.Domain.Cooperation;

namespace ClientCrm.Domain.Tests;

public sealed class CooperationProjectTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 8, 0, 0, TimeSpan.Zero);
    private static readonly DateOnly Today = new(2026, 11, 22);
    private static readonly RateQuote Usd = new("USD", 7.1234m, new DateOnly(2026, 11, 1));
    private static readonly RateQuote UsdLater = new("USD", 7.5m, new DateOnly(2026, 12, 1));

    private static Client ActiveClient()
    {
        var client = Client.Register(ClientTests.Card(), null, "owner-id", 1, ClientCrm.Domain.Grading.GradingThresholds.Default, TestClock.At(Now));
        client.ChangeStatus(ClientStatus.UnderEvaluation, true, Now);
        client.ChangeStatus(ClientStatus.Active, true, Now, "approved by the leaders");
        return client;
    }

    private static ProjectTerms Terms() => new()
    {
        Name = "  Welders for Jebel Ali 2026 ",
        JobTypes = "welder, fitter",
        WorkCountryCode = "ae",
        WorkersRequested = 50,
        WorkersDispatched = 0,
        ContractAmount = 1234.56m,
        Currency = "USD",
        Status = ProjectStatus.Negotiating,
    };

    private static ProjectTerms Signed() => Terms() with
    {
        ContractSignedOn = new DateOnly(2026, 3, 1),
        DepartureOn = new DateOnly(2026, 5, 1),
        ContractEndOn = new DateOnly(2028, 4, 30),
        Status = ProjectStatus.Recruiting,
    };

    private static CooperationProject Open(ProjectTerms? terms = null, RateQuote? rate = null) =>
        ContractReviews.InitiatedProjects.Open(ActiveClient(), terms ?? Terms(), rate ?? Usd, Today, Now);

    private static string Code(Action action) => Assert.Throws<DomainException>(action).Code;

    [Fact]
    public void An_active_client_gets_a_project_with_its_amount_fixed_in_CNY_at_the_rate_in_force()
    {
        var client = ActiveClient();

        var project = ContractReviews.InitiatedProjects.Open(client, Terms(), Usd, Today, Now);

        Assert.Equal(client.Id, project.ClientId);
        Assert.Equal("Welders for Jebel Ali 2026", project.Name);
        Assert.Equal("AE", project.WorkCountryCode);
        Assert.Equal((1234.56m, "USD"), (project.ContractAmount, project.Currency));
        Assert.Equal(8794.26m, project.AmountCny);
        Assert.Equal((7.1234m, new DateOnly(2026, 11, 1)), (project.RateUsed, project.RateDate));
    }

    [Theory]
    [InlineData(0.5, 0.01, 0.01)]
    [InlineData(1000, 7.1234, 7123.40)]
    [InlineData(3, 0.333335, 1.00)]
    public void The_CNY_equivalent_is_amount_times_rate_rounded_to_two_decimals(double amount, double rate, double expected)
    {
        var project = Open(Terms() with { ContractAmount = (decimal)amount }, Usd with { CnyPerUnit = (decimal)rate });

        Assert.Equal((decimal)expected, project.AmountCny);
    }

    [Fact]
    public void An_amount_in_yuan_counts_one_to_one()
    {
        var project = Open(Terms() with { ContractAmount = 800_000m, Currency = "cny" }, RateQuote.Identity(Today));

        Assert.Equal(("CNY", 800_000m), (project.Currency, project.AmountCny));
    }

    [Theory]
    [InlineData(ClientStatus.Prospect)]
    [InlineData(ClientStatus.UnderEvaluation)]
    [InlineData(ClientStatus.Paused)]
    [InlineData(ClientStatus.Terminated)]
    public void A_client_that_is_not_active_gets_no_new_project(ClientStatus status)
    {
        var client = Client.Register(ClientTests.Card(), null, "owner-id", 1, ClientCrm.Domain.Grading.GradingThresholds.Default, TestClock.At(Now));
        ClientStatus[] path = status switch
        {
            ClientStatus.UnderEvaluation => [ClientStatus.UnderEvaluation],
            ClientStatus.Paused => [ClientStatus.UnderEvaluation, ClientStatus.Active, ClientStatus.Paused],
            ClientStatus.Terminated => [ClientStatus.Terminated],
            _ => [],
        };
        foreach (var step in path)
        {
            client.ChangeStatus(step, true, Now, "arranged for the test");
        }

        Assert.Equal(status, client.Status);
        Assert.Equal("Project.ClientNotActive", Code(() => ContractReviews.InitiatedProjects.Open(client, Terms(), Usd, Today, Now)));
    }

    [Fact]
    public void An_amount_without_a_rate_for_its_currency_is_refused()
    {
        Assert.Equal("Project.NoRate", Code(() => ContractReviews.InitiatedProjects.Open(ActiveClient(), Terms(), null, Today, Now)));
        Assert.Equal("Project.NoRate", Code(() => ContractReviews.InitiatedProjects.Open(ActiveClient(), Terms(), Usd with { Currency = "EUR" }, Today, Now)));
    }

    [Fact]
    public void An_amount_needs_its_currency()
    {
        Assert.Equal("Project.CurrencyRequired", Code(() => Open(Terms() with { Currency = " " })));
    }

    [Fact]
    public void A_project_without_an_amount_needs_no_rate()
    {
        var terms = Terms() with { ContractAmount = null, Currency = null };

        var project = ContractReviews.InitiatedProjects.Open(ActiveClient(), terms, null, Today, Now);

        Assert.False(CooperationProject.NeedsRate(terms));
        Assert.Null(project.AmountCny);
        Assert.Null(project.RateUsed);
    }

    [Fact]
    public void Revising_other_terms_keeps_the_CNY_figure_fixed_at_entry_even_when_the_rate_has_moved()
    {
        var project = Open();
        ContractReviews.InitiatedProjects.Pass(project, Now.AddDays(20));

        project.Revise(Signed() with { Currency = "usd" }, UsdLater, Today, Now.AddDays(30));

        Assert.Equal(ProjectStatus.Recruiting, project.Status);
        Assert.Equal(8794.26m, project.AmountCny);
        Assert.Equal((7.1234m, new DateOnly(2026, 11, 1)), (project.RateUsed, project.RateDate));
    }

    [Fact]
    public void Revising_other_terms_needs_no_rate()
    {
        var project = Open();

        project.Revise(Terms() with { WorkersRequested = 60 }, null, Today, Now.AddDays(1));

        Assert.Equal(60, project.WorkersRequested);
        Assert.Equal(8794.26m, project.AmountCny);
    }

    [Fact]
    public void Changing_the_amount_recomputes_the_CNY_figure_with_the_rate_in_force_now()
    {
        var project = Open();

        project.Revise(Terms() with { ContractAmount = 2000m }, UsdLater, Today, Now.AddDays(40));

        Assert.Equal(15000m, project.AmountCny);
        Assert.Equal((7.5m, new DateOnly(2026, 12, 1)), (project.RateUsed, project.RateDate));
    }

    [Fact]
    public void Changing_the_currency_recomputes_the_CNY_figure()
    {
        var project = Open();

        project.Revise(Terms() with { Currency = "EUR" }, new RateQuote("EUR", 8m, Today), Today, Now.AddDays(1));

        Assert.Equal(("EUR", 9876.48m), (project.Currency, project.AmountCny));
    }

    [Fact]
    public void A_refused_revision_leaves_the_project_as_it_was()
    {
        var project = Open();

        Assert.Equal("Project.NoRate", Code(() => project.Revise(Terms() with { ContractAmount = 2000m, WorkersRequested = 99 }, null, Today, Now.AddDays(1))));

        Assert.Equal((1234.56m, 8794.26m, 50), (project.ContractAmount, project.AmountCny, project.WorkersRequested));
    }

    [Fact]
    public void Removing_the_amount_clears_the_CNY_figure()
    {
        var project = Open();

        project.Revise(Terms() with { ContractAmount = null, Currency = null }, null, Today, Now.AddDays(1));

        Assert.Equal(((decimal?)null, (string?)null, (decimal?)null), (project.ContractAmount, project.Currency, project.AmountCny));
    }

    [Fact]
    public void More_workers_dispatched_than_requested_is_refused_and_as_many_is_fine()
    {
        var terms = Signed() with { Status = ProjectStatus.Dispatched, WorkersRequested = 50 };

        Assert.Equal("Project.DispatchedOverRequested", Code(() => Open(terms with { WorkersDispatched = 51 })));
        Assert.Equal(50, Open(terms with { WorkersDispatched = 50 }).WorkersDispatched);
    }

    [Fact]
    public void Negative_worker_counts_and_amounts_are_refused()
    {
        Assert.Equal("Project.NegativeWorkers", Code(() => Open(Terms() with { WorkersRequested = -1 })));
        Assert.Equal("Project.NegativeAmount", Code(() => Open(Terms() with { ContractAmount = -1m })));
    }

    [Fact]
    public void Dates_must_run_signed_then_departure_then_contract_end()
    {
        var signed = Signed();

        Assert.Equal("Project.DatesOutOfOrder", Code(() => Open(signed with { DepartureOn = new DateOnly(2026, 2, 28) })));
        Assert.Equal("Project.DatesOutOfOrder", Code(() => Open(signed with { ContractEndOn = new DateOnly(2026, 4, 30) })));
        Assert.Equal("Project.DatesOutOfOrder", Code(() => Open(signed with { DepartureOn = null, ContractEndOn = new DateOnly(2026, 2, 28) })));

        var sameDay = new DateOnly(2026, 3, 1);
        var project = Open(signed with { DepartureOn = sameDay, ContractEndOn = sameDay });
        Assert.Equal(sameDay, project.ContractEndOn);
    }

    [Theory]
    [InlineData(ProjectStatus.Recruiting)]
    [InlineData(ProjectStatus.Dispatched)]
    [InlineData(ProjectStatus.InService)]
    [InlineData(ProjectStatus.Completed)]
    public void A_project_from_recruiting_on_needs_its_contract_signed_date(ProjectStatus status)
    {
        var terms = Signed() with { Status = status, WorkersDispatched = 10, ContractSignedOn = null };

        Assert.Equal("Project.SignedDateRequired", Code(() => Open(terms)));
        Assert.True(CooperationProject.IsContracted(status));
    }

    [Theory]
    [InlineData(ProjectStatus.Negotiating)]
    [InlineData(ProjectStatus.Terminated)]
    [InlineData(ProjectStatus.ContractReview)]
    public void A_project_before_recruiting_or_one_that_fell_through_needs_no_signed_date(ProjectStatus status)
    {
        var project = Open(Terms() with { Status = status });

        Assert.Null(project.ContractSignedOn);
        Assert.False(CooperationProject.IsContracted(status));
    }

    [Theory]
    [InlineData(ProjectStatus.Dispatched)]
    [InlineData(ProjectStatus.InService)]
    public void A_dispatched_project_needs_workers_dispatched_and_a_departure_date(ProjectStatus status)
    {
        Assert.Equal("Project.DispatchRequired", Code(() => Open(Signed() with { Status = status, WorkersDispatched = 0 })));
        Assert.Equal("Project.DispatchRequired", Code(() => Open(Signed() with { Status = status, WorkersDispatched = 10, DepartureOn = null })));
        Assert.Equal(status, Open(Signed() with { Status = status, WorkersDispatched = 10 }).Status);
    }

    [Fact]
    public void A_project_needs_a_name_and_a_known_work_country()
    {
        Assert.Equal("Project.NameRequired", Code(() => Open(Terms() with { Name = "  " })));
        Assert.Equal("Client.UnknownCountry", Code(() => Open(Terms() with { WorkCountryCode = "XX" })));
    }

    private static IncidentDetails Incident(IncidentStatus status = IncidentStatus.Open, string? handling = null) => new()
    {
        Type = IncidentType.WageArrears,
        OccurredOn = new DateOnly(2026, 11, 20),
        WorkersAffected = 12,
        ArrearsAmount = 43_200m,
        ArrearsCurrency = "usd",
        Description = "Two months of wages unpaid at site 3",
        Status = status,
        HandlingRecord = handling,
    };

    [Fact]
    public void An_incident_belongs_to_the_project_and_its_client_and_stays_open_until_resolved()
    {
        var project = Open(Signed() with { Status = ProjectStatus.InService, WorkersDispatched = 40 });

        var incident = project.RecordIncident(Incident(), TestClock.At(Now));

        Assert.Equal((project.Id, project.ClientId), (incident.ProjectId, incident.ClientId));
        Assert.Single(project.Incidents);
        Assert.True(incident.IsOpen);
        Assert.Null(incident.ResolvedOn);

        project.ReviseIncident(incident, Incident(IncidentStatus.Handling, "Met the employer"), TestClock.At(Now.AddDays(1)));
        Assert.True(incident.IsOpen);
        Assert.Null(incident.ResolvedOn);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("   ")]
    public void A_resolved_incident_needs_its_handling_record(string? handling)
    {
        var project = Open(Signed());

        Assert.Equal("Incident.HandlingRequired", Code(() => project.RecordIncident(Incident(IncidentStatus.Resolved, handling), TestClock.At(Now))));

        var incident = project.RecordIncident(Incident(), TestClock.At(Now));
        Assert.Equal("Incident.HandlingRequired", Code(() => project.ReviseIncident(incident, Incident(IncidentStatus.Resolved, handling), TestClock.At(Now.AddDays(1)))));
        Assert.True(incident.IsOpen);
    }

    [Fact]
    public void Resolving_an_incident_records_the_day_it_was_resolved_and_keeps_it_on_later_edits()
    {
        var project = Open(Signed());
        var incident = project.RecordIncident(Incident(), TestClock.At(Now));

        project.ReviseIncident(incident, Incident(IncidentStatus.Resolved, "Wages paid in full on 2026-11-24"), TestClock.At(Now.AddDays(2)));
        Assert.False(incident.IsOpen);
        Assert.Equal(new DateOnly(2026, 11, 24), incident.ResolvedOn);

        project.ReviseIncident(incident, Incident(IncidentStatus.Resolved, "Wages paid in full; receipts filed"), TestClock.At(Now.AddDays(5)));
        Assert.Equal(new DateOnly(2026, 11, 24), incident.ResolvedOn);

        project.ReviseIncident(incident, Incident(IncidentStatus.Open), TestClock.At(Now.AddDays(6)));
        Assert.True(incident.IsOpen);
        Assert.Null(incident.ResolvedOn);
    }

    [Fact]
    public void An_incident_needs_a_description_and_cannot_lie_in_the_future()
    {
        var project = Open(Signed());

        Assert.Equal("Incident.DescriptionRequired", Code(() => project.RecordIncident(Incident() with { Description = " " }, TestClock.At(Now))));
        Assert.Equal("Incident.InFuture", Code(() => project.RecordIncident(Incident() with { OccurredOn = Today.AddDays(2) }, TestClock.At(Now))));
        Assert.Empty(project.Incidents);
    }

    [Fact]
    public void An_exchange_rate_is_a_positive_rate_for_a_three_letter_foreign_currency()
    {
        var rate = new ExchangeRate(" usd ", 7.1234m, new DateOnly(2026, 11, 1), "leader-1", Now);

        Assert.Equal("USD", rate.Currency);
        Assert.Equal(new RateQuote("USD", 7.1234m, new DateOnly(2026, 11, 1)), rate.ToQuote());
    }

    [Theory]
    [InlineData("CNY")]
    [InlineData("cny")]
    public void The_yuan_gets_no_exchange_rate(string currency)
    {
        Assert.Equal("Rate.CnyIsOne", Code(() => _ = new ExchangeRate(currency, 1m, Today, "leader-1", Now)));
    }

    [Theory]
    [InlineData("")]
    [InlineData("US")]
    [InlineData("USDD")]
    [InlineData("U5D")]
    [InlineData("美元元")]
    public void A_currency_that_is_not_three_letters_is_refused(string currency)
    {
        Assert.Equal("Rate.BadCurrency", Code(() => _ = new ExchangeRate(currency, 7m, Today, "leader-1", Now)));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-7.1)]
    public void A_rate_must_be_above_zero(double cnyPerUnit)
    {
        Assert.Equal("Rate.NotPositive", Code(() => _ = new ExchangeRate("USD", (decimal)cnyPerUnit, Today, "leader-1", Now)));
    }
}
