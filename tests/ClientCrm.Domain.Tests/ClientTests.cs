using ClientCrm.Domain.Clients;
using ClientCrm.Domain.Common;

namespace ClientCrm.Domain.Tests;

public sealed class ClientTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 8, 0, 0, TimeSpan.Zero);

    internal static ClientCard Card(string name = "Gulf Star LLC", LegalForm form = LegalForm.Company, string country = "AE") => new()
    {
        Type = ClientType.Employer,
        LegalForm = form,
        Name = name,
        CountryCode = country,
        Region = Region.ME,
        Industry = Industry.Construction,
        OperatingStatus = OperatingStatus.Good,
        DemandTrend = DemandTrend.Growing,
        CooperationIntent = CooperationIntent.Strong,
        RegistrationNumber = "  REG-1 ",
        Notes = "   ",
    };

    [Fact]
    public void Registration_creates_a_prospect_owned_by_the_owner_in_their_department()
    {
        var client = Client.Register(Card(), new PrincipalCard { Name = "Omar" }, "u1", 3, ClientCrm.Domain.Grading.GradingThresholds.Default, TestClock.At(Now));
        Assert.Equal(ClientStatus.Prospect, client.Status);
        Assert.Equal(("u1", 3), (client.OwnerId, client.DepartmentId));
        Assert.Single(client.Principals);
        Assert.Equal(Now, client.CardReviewedAt);
        Assert.Equal("REG-1", client.RegistrationNumber);
        Assert.Null(client.Notes);
    }

    [Fact]
    public void A_foreign_individual_cannot_be_registered_as_a_client()
    {
        var ex = Assert.Throws<DomainException>(() => Client.Register(Card(form: LegalForm.Individual), null, "u1", 1, ClientCrm.Domain.Grading.GradingThresholds.Default, TestClock.At(Now)));
        Assert.Equal("Client.IndividualNotAllowed", ex.Code);
    }

    [Fact]
    public void An_unknown_country_is_refused()
    {
        var ex = Assert.Throws<DomainException>(() => Client.Register(Card(country: "XX"), null, "u1", 1, ClientCrm.Domain.Grading.GradingThresholds.Default, TestClock.At(Now)));
        Assert.Equal("Client.UnknownCountry", ex.Code);
    }

    [Theory]
    [InlineData("Gulf Star LLC", "GULFSTARLLC")]
    [InlineData("gulf-star, l.l.c.", "GULFSTARLLC")]
    [InlineData("  Ｇｕｌｆ Star LLC ", "GULFSTARLLC")]
    [InlineData("海湾之星有限公司", "海湾之星有限公司")]
    public void Names_are_folded_for_duplicate_detection(string name, string expected)
    {
        Assert.Equal(expected, Client.NormalizeName(name));
    }

    [Fact]
    public void Only_a_leader_may_make_a_client_active()
    {
        var client = Client.Register(Card(), null, "u1", 1, ClientCrm.Domain.Grading.GradingThresholds.Default, TestClock.At(Now));
        client.ChangeStatus(ClientStatus.UnderEvaluation, actorIsLeader: false, Now);
        var ex = Assert.Throws<DomainException>(() => client.ChangeStatus(ClientStatus.Active, actorIsLeader: false, Now));
        Assert.Equal("Client.StatusNeedsLeader", ex.Code);
        // Set by hand it is the leader's override of the evaluation workflow: it needs its reason.
        Assert.Equal("Client.StatusReasonRequired", Assert.Throws<DomainException>(() => client.ChangeStatus(ClientStatus.Active, actorIsLeader: true, Now)).Code);
        client.ChangeStatus(ClientStatus.Active, actorIsLeader: true, Now, "approved at the leaders' meeting");
        Assert.Equal(ClientStatus.Active, client.Status);
    }

    [Theory]
    [InlineData(ClientStatus.Prospect, ClientStatus.Active)]
    [InlineData(ClientStatus.Prospect, ClientStatus.Paused)]
    [InlineData(ClientStatus.Terminated, ClientStatus.Active)]
    public void Illegal_status_moves_are_refused_even_for_leaders(ClientStatus from, ClientStatus to)
    {
        var client = Client.Register(Card(), null, "u1", 1, ClientCrm.Domain.Grading.GradingThresholds.Default, TestClock.At(Now));
        foreach (var step in PathTo(from))
        {
            client.ChangeStatus(step, actorIsLeader: true, Now, "arranged for the test");
        }

        var ex = Assert.Throws<DomainException>(() => client.ChangeStatus(to, actorIsLeader: true, Now));
        Assert.Equal("Client.StatusMoveNotAllowed", ex.Code);
    }

    [Fact]
    public void Card_review_falls_due_twelve_months_after_the_last_review()
    {
        var client = Client.Register(Card(), null, "u1", 1, ClientCrm.Domain.Grading.GradingThresholds.Default, TestClock.At(Now));
        var today = TestClock.At(Now).Today;
        Assert.Equal(today.AddDays(365), client.CardReviewDueOn);
        Assert.False(client.IsCardReviewDue(today.AddDays(364)));
        Assert.True(client.IsCardReviewDue(today.AddDays(365)));
        client.ConfirmCardReviewed(TestClock.At(Now.AddDays(365)));
        Assert.Equal(today.AddDays(730), client.CardReviewDueOn);
        Assert.False(client.IsCardReviewDue(today.AddDays(366)));
    }

    [Fact]
    public void A_retired_principal_stays_on_file_as_former()
    {
        var client = Client.Register(Card(), new PrincipalCard { Name = "Omar" }, "u1", 1, ClientCrm.Domain.Grading.GradingThresholds.Default, TestClock.At(Now));
        var id = client.Principals.Single().Id;
        client.RetirePrincipal(id, Now);
        var principal = Assert.Single(client.Principals);
        Assert.False(principal.IsCurrent);
    }

    [Fact]
    public void Handover_moves_owner_and_department_together()
    {
        var client = Client.Register(Card(), null, "u1", 1, ClientCrm.Domain.Grading.GradingThresholds.Default, TestClock.At(Now));
        client.AssignOwner("u2", 2, Now);
        Assert.Equal(("u2", 2), (client.OwnerId, client.DepartmentId));
        Assert.Throws<DomainException>(() => client.AssignOwner(" ", 2, Now));
    }

    [Fact]
    public void An_edit_archives_the_previous_card_and_an_unchanged_save_does_not()
    {
        var client = Client.Register(Card(), null, "u1", 1, ClientCrm.Domain.Grading.GradingThresholds.Default, TestClock.At(Now));
        client.UpdateCard(Card() with { Notes = "   " }, TestClock.At(Now.AddDays(1)), "staff1a");
        Assert.Empty(client.CardRevisions);

        client.UpdateCard(Card() with { Address = "New Industrial Area 7" }, TestClock.At(Now.AddDays(2)), "staff1a");
        var revision = Assert.Single(client.CardRevisions);
        Assert.Null(revision.Card.Address);
        Assert.Equal("REG-1", revision.Card.RegistrationNumber);
        Assert.Equal(("staff1a", Now.AddDays(2)), (revision.ArchivedBy, revision.ArchivedAt));
        Assert.Equal("New Industrial Area 7", client.CurrentCard().Address);
    }

    private static IEnumerable<ClientStatus> PathTo(ClientStatus target) => target switch
    {
        ClientStatus.Terminated => [ClientStatus.Terminated],
        ClientStatus.UnderEvaluation => [ClientStatus.UnderEvaluation],
        _ => [],
    };

    [Fact]
    public void The_next_contact_day_is_stored_at_registration_and_moves_with_each_contact_and_grade_change()
    {
        var thresholds = ClientCrm.Domain.Grading.GradingThresholds.Default;
        var today = TestClock.At(Now).Today;
        var client = Client.Register(Card(), null, "u1", 1, thresholds, TestClock.At(Now));
        Assert.Equal(today.AddDays(thresholds.ContactDays(ClientCrm.Domain.Grading.ClientGrade.C)), client.ContactDueOn);

        client.RecordContact(today.AddDays(10), thresholds, TestClock.At(Now.AddDays(10)));
        Assert.Equal(today.AddDays(10 + thresholds.ContactDays(ClientCrm.Domain.Grading.ClientGrade.C)), client.ContactDueOn);

        client.ChangeGrade(ClientCrm.Domain.Grading.ClientGrade.B, ClientCrm.Domain.Grading.GradeChangeKind.Manual,
            new ClientCrm.Domain.Grading.GradeDecider("h", "Head", false, true), "steady orders", null, null, null, thresholds, TestClock.At(Now.AddDays(11)));
        Assert.Equal(today.AddDays(10 + thresholds.ContactDays(ClientCrm.Domain.Grading.ClientGrade.B)), client.ContactDueOn);

        var shorter = thresholds with { ContactDaysB = 7 };
        client.ScheduleContact(shorter, TestClock.At(Now.AddDays(12)));
        Assert.Equal(today.AddDays(17), client.ContactDueOn);
    }
}
