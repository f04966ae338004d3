using ClientCrm.Domain.Clients;
using ClientCrm.Domain.Common;
using ClientCrm.Domain.Cooperation;
using ClientCrm.Domain.Grading;

namespace ClientCrm.Domain.Tests;

/// <summary>
/// The domain's dates are the company's (Beijing) dates, whatever the UTC date of the instant: between 00:00 and 08:00
/// Beijing time the UTC date is still yesterday.
/// </summary>
public sealed class CompanyDateTests
{
    // 2026-12-02 01:30 in Beijing; 2026-12-01 in UTC.
    private static readonly DateTimeOffset HalfPastOneInBeijing = new(2026, 12, 1, 17, 30, 0, TimeSpan.Zero);
    private static readonly DateOnly BeijingDate = new(2026, 12, 2);

    // 2026-12-02 18:00 in Beijing; the same date in UTC (10:00).
    private static readonly DateTimeOffset BeijingEvening = new(2026, 12, 2, 10, 0, 0, TimeSpan.Zero);

    private static readonly GradingThresholds Thresholds = GradingThresholds.Default;
    private static readonly GradeDecider Head = new("head-1", "Head One", IsLeader: false, IsDepartmentHead: true);

    private static Client Registered(DateTimeOffset at) =>
        Client.Register(ClientTests.Card(), null, "owner-id", 1, Thresholds, TestClock.At(at));

    [Fact]
    public void A_client_registered_at_half_past_one_in_Beijing_counts_its_review_and_contact_days_from_the_Beijing_date()
    {
        var client = Registered(HalfPastOneInBeijing);

        Assert.Equal(HalfPastOneInBeijing, client.RegisteredAt);
        Assert.Equal(BeijingDate, client.ContactClockStart(TestClock.At(HalfPastOneInBeijing)));
        Assert.Equal(BeijingDate.AddDays(Client.CardReviewIntervalDays), client.CardReviewDueOn);
        Assert.Equal(BeijingDate.AddDays(Thresholds.ContactDays(ClientGrade.C)), client.ContactDueOn);
    }

    [Fact]
    public void A_grade_change_reschedules_the_contact_from_the_Beijing_registration_date()
    {
        var client = Registered(HalfPastOneInBeijing);

        client.ChangeGrade(ClientGrade.B, GradeChangeKind.Manual, Head, "steady orders", null, null, null, Thresholds,
            TestClock.At(HalfPastOneInBeijing.AddDays(3)));

        Assert.Equal(BeijingDate.AddDays(Thresholds.ContactDays(ClientGrade.B)), client.ContactDueOn);
    }

    [Fact]
    public void A_card_review_confirmed_at_half_past_one_in_Beijing_falls_due_a_year_after_the_Beijing_date()
    {
        var client = Registered(HalfPastOneInBeijing.AddDays(-30));

        client.ConfirmCardReviewed(TestClock.At(HalfPastOneInBeijing));

        Assert.Equal(HalfPastOneInBeijing, client.CardReviewedAt);
        Assert.Equal(BeijingDate.AddDays(Client.CardReviewIntervalDays), client.CardReviewDueOn);
        Assert.False(client.IsCardReviewDue(BeijingDate.AddDays(Client.CardReviewIntervalDays - 1)));
        Assert.True(client.IsCardReviewDue(BeijingDate.AddDays(Client.CardReviewIntervalDays)));
    }

    [Fact]
    public void A_contact_may_be_dated_on_the_Beijing_date_but_not_on_the_day_after()
    {
        var client = Registered(HalfPastOneInBeijing.AddDays(-30));

        client.RecordContact(BeijingDate, Thresholds, TestClock.At(HalfPastOneInBeijing));
        Assert.Equal(BeijingDate, client.LastContactOn);

        // In the Beijing evening the UTC date is the same as Beijing's: tomorrow is tomorrow.
        var ex = Assert.Throws<DomainException>(() => client.RecordContact(BeijingDate.AddDays(1), Thresholds, TestClock.At(BeijingEvening)));
        Assert.Equal("Client.ContactInFuture", ex.Code);
    }

    [Fact]
    public void An_incident_resolved_at_half_past_one_in_Beijing_is_resolved_on_the_Beijing_date_and_cannot_happen_tomorrow()
    {
        var client = Registered(HalfPastOneInBeijing.AddDays(-30));
        client.ChangeStatus(ClientStatus.UnderEvaluation, actorIsLeader: true, HalfPastOneInBeijing.AddDays(-30));
        client.ChangeStatus(ClientStatus.Active, actorIsLeader: true, HalfPastOneInBeijing.AddDays(-30), "approved by the leaders");
        var project = ContractReviews.InitiatedProjects.Open(client, new ProjectTerms { Name = "Batch 1", WorkCountryCode = "AE", WorkersRequested = 10 }, null,
            TestClock.At(HalfPastOneInBeijing.AddDays(-20)).Today, HalfPastOneInBeijing.AddDays(-20));
        var details = new IncidentDetails { Type = IncidentType.WageArrears, OccurredOn = BeijingDate, WorkersAffected = 3, Description = "Unpaid",
            ArrearsAmount = 4_500m, ArrearsCurrency = "AED" };

        var incident = project.RecordIncident(details, TestClock.At(HalfPastOneInBeijing));
        project.ReviseIncident(incident, details with { Status = IncidentStatus.Resolved, HandlingRecord = "Paid" }, TestClock.At(HalfPastOneInBeijing.AddMinutes(5)));

        Assert.Equal(BeijingDate, incident.ResolvedOn);
        var ex = Assert.Throws<DomainException>(() =>
            project.RecordIncident(details with { OccurredOn = BeijingDate.AddDays(1) }, TestClock.At(BeijingEvening)));
        Assert.Equal("Incident.InFuture", ex.Code);
    }

    [Fact]
    public void A_decided_proposal_records_the_instant_of_the_clock_it_was_decided_with()
    {
        var client = Registered(HalfPastOneInBeijing.AddDays(-30));
        var proposal = new GradeProposal(Guid.NewGuid(), client.Id, client.Grade,
            new GradeAssessment(ClientGrade.B, []), HalfPastOneInBeijing.AddDays(-1));

        proposal.Confirm(client, Head, null, new GradeAssessment(ClientGrade.B, []), Thresholds, TestClock.At(HalfPastOneInBeijing));

        Assert.Equal(HalfPastOneInBeijing, proposal.DecidedAt);
        Assert.Equal(HalfPastOneInBeijing, client.GradeSince);
    }

    [Fact]
    public void The_stored_day_helpers_take_company_dates()
    {
        Assert.Equal(BeijingDate.AddDays(365), Client.CardReviewDueOnAfter(BeijingDate));
        Assert.Equal(BeijingDate, Client.ContactClockStartOf(null, BeijingDate));
        Assert.Equal(BeijingDate.AddDays(-5), Client.ContactClockStartOf(BeijingDate.AddDays(-5), BeijingDate.AddDays(-40)));
    }

    [Fact]
    public void A_clock_stopped_at_an_instant_keeps_the_company_zone()
    {
        var clock = BusinessClock.For(TimeProvider.System, "America/Los_Angeles").At(HalfPastOneInBeijing);

        Assert.Equal(HalfPastOneInBeijing, clock.UtcNow);
        Assert.Equal(new DateOnly(2026, 12, 1), clock.Today);
        Assert.Equal("America/Los_Angeles (UTC-08:00)", clock.Describe());
        Assert.Equal("Asia/Shanghai (UTC+08:00)", TestClock.At(HalfPastOneInBeijing).Describe());
    }
}
