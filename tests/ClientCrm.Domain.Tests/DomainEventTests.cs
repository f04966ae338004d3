using ClientCrm.Domain.Clients;
using ClientCrm.Domain.Common;
using ClientCrm.Domain.Cooperation;
using ClientCrm.Domain.Grading;
using ClientCrm.Domain.Warnings;

namespace ClientCrm.Domain.Tests;

/// <summary>
/// The behaviour methods record what happened, for the handlers that act after the save: one event per change, with the ids
/// and facts a handler needs, and nothing when the method refuses or nothing changed.
/// </summary>
public sealed class DomainEventTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 8, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Later = Now.AddHours(2);
    private static readonly DateOnly Today = new(2026, 11, 22);
    private static readonly GradeDecider Leader = new("leader-1", "Leader One", IsLeader: true, IsDepartmentHead: false);
    private static readonly GradeDecider Head = new("head-1", "Head One", IsLeader: false, IsDepartmentHead: true);

    private static Client Registered()
    {
        var client = Client.Register(ClientTests.Card(), null, "owner-id", 1, GradingThresholds.Default, TestClock.At(Now));
        client.ClearDomainEvents();
        return client;
    }

    private static Client Active()
    {
        var client = Registered();
        client.ChangeStatus(ClientStatus.UnderEvaluation, true, Now);
        client.ChangeStatus(ClientStatus.Active, true, Now, "approved by the leaders");
        client.ClearDomainEvents();
        return client;
    }

    private static CooperationProject Project(Client client)
    {
        var project = ContractReviews.InitiatedProjects.Open(client, new ProjectTerms
        {
            Name = "Welders 2026", WorkCountryCode = "AE", WorkersRequested = 20, WorkersDispatched = 10, Status = ProjectStatus.Dispatched,
            ContractSignedOn = new DateOnly(2026, 3, 1), DepartureOn = new DateOnly(2026, 5, 1),
        }, null, Today, Now);
        project.ClearDomainEvents();
        return project;
    }

    private static IncidentDetails Arrears(IncidentStatus status = IncidentStatus.Open) => new()
    {
        Type = IncidentType.WageArrears, OccurredOn = new DateOnly(2026, 11, 20), WorkersAffected = 4, ArrearsAmount = 6_000m, ArrearsCurrency = "USD",
        Description = "Two months of wages unpaid", Status = status, HandlingRecord = status == IncidentStatus.Resolved ? "Paid in full" : null,
    };

    [Fact]
    public void Registering_a_client_records_its_registration_under_its_normalised_name_and_country()
    {
        var client = Client.Register(ClientTests.Card(), null, "owner-id", 1, GradingThresholds.Default, TestClock.At(Now));

        var registered = Assert.IsType<ClientRegistered>(Assert.Single(client.DomainEvents));
        Assert.Equal((client.Id, "GULFSTARLLC", "AE", Now), (registered.ClientId, registered.NormalizedName, registered.CountryCode, registered.OccurredAt));
    }

    [Fact]
    public void An_edit_that_changes_the_card_records_one_card_change_and_an_unchanged_save_none()
    {
        var client = Registered();

        client.UpdateCard(client.CurrentCard(), TestClock.At(Later));
        Assert.Empty(client.DomainEvents);

        client.UpdateCard(client.CurrentCard() with { OperatingStatus = OperatingStatus.Declining }, TestClock.At(Later));
        Assert.Equal([new ClientCardChanged(client.Id, Later)], client.DomainEvents);
    }

    [Fact]
    public void A_status_move_records_where_from_and_where_to_and_a_refused_one_records_nothing()
    {
        var client = Registered();

        client.ChangeStatus(ClientStatus.UnderEvaluation, actorIsLeader: false, Later);
        Assert.Throws<DomainException>(() => client.ChangeStatus(ClientStatus.Active, actorIsLeader: false, Later));

        Assert.Equal([new ClientStatusChanged(client.Id, ClientStatus.Prospect, ClientStatus.UnderEvaluation, Later)], client.DomainEvents);
    }

    [Fact]
    public void A_grade_change_records_the_old_and_new_grade_and_a_refused_one_records_nothing()
    {
        var client = Registered();

        Assert.Throws<DomainException>(() =>
            client.ChangeGrade(ClientGrade.A, GradeChangeKind.Manual, Head, "not a head's to decide", null, "leader-1", null, GradingThresholds.Default,
                TestClock.At(Later)));
        client.ChangeGrade(ClientGrade.B, GradeChangeKind.Manual, Leader, "volume grew", null, null, null, GradingThresholds.Default, TestClock.At(Later));

        Assert.Equal([new ClientGradeChanged(client.Id, ClientGrade.C, ClientGrade.B, Later)], client.DomainEvents);
    }

    [Fact]
    public void Opening_and_revising_a_project_record_each_with_the_client_and_the_project()
    {
        var client = Active();
        var project = ContractReviews.InitiatedProjects.Open(client, new ProjectTerms { Name = "Fitters", WorkCountryCode = "AE", WorkersRequested = 5 }, null, Today, Now);
        Assert.Equal([new ProjectOpened(client.Id, project.Id, Now)], project.DomainEvents);

        project.ClearDomainEvents();
        project.Revise(new ProjectTerms { Name = "Fitters and welders", WorkCountryCode = "AE", WorkersRequested = 8 }, null, Today, Later);

        Assert.Equal([new ProjectRevised(client.Id, project.Id, Later)], project.DomainEvents);
    }

    [Fact]
    public void A_project_refused_for_a_client_not_active_records_nothing_on_the_client()
    {
        var client = Registered();

        Assert.Throws<DomainException>(() => ContractReviews.InitiatedProjects.Open(client, new ProjectTerms { Name = "Fitters", WorkCountryCode = "AE" }, null, Today, Now));

        Assert.Empty(client.DomainEvents);
    }

    [Fact]
    public void Recording_and_revising_an_incident_record_them_on_the_incident()
    {
        var client = Active();
        var project = Project(client);

        var incident = project.RecordIncident(Arrears(), TestClock.At(Now));
        Assert.Equal([new IncidentRecorded(client.Id, project.Id, incident.Id, IncidentType.WageArrears, Now)], incident.DomainEvents);

        incident.ClearDomainEvents();
        project.ReviseIncident(incident, Arrears(IncidentStatus.Resolved), TestClock.At(Later));

        Assert.Equal([new IncidentRevised(client.Id, project.Id, incident.Id, IncidentType.WageArrears, IncidentStatus.Resolved, Later)],
            incident.DomainEvents);
    }

    [Fact]
    public void An_incident_refused_for_its_batch_records_nothing()
    {
        var project = Project(Active());

        Assert.Throws<DomainException>(() => project.RecordIncident(Arrears() with { WorkersAffected = 11 }, TestClock.At(Now)));

        Assert.Empty(project.DomainEvents);
    }

    [Fact]
    public void A_warning_filed_by_hand_records_who_filed_it_and_a_rule_warning_its_rule()
    {
        var client = Registered();
        var staff = new WarningActor("staff-1", "Staff One", IsLeader: false, IsDepartmentHead: false);

        var filed = Warning.File(client, WarningFamily.Abnormal, "Tension on site", null, staff, Now);
        var raised = Warning.Raise(client.Id, ClientGrade.C, new RuleFinding(WarningRule.WageArrears, [new WarningFigure("OpenWageArrearsIncidents", "1")]),
            null, Later);

        Assert.Equal([new WarningFiled(filed.Id, client.Id, WarningFamily.Abnormal, WarningSeverity.High, "staff-1", Now)], filed.DomainEvents);
        Assert.Equal([new WarningRaised(raised.Id, client.Id, WarningRule.WageArrears, WarningFamily.Abnormal, WarningSeverity.High, Later)],
            raised.DomainEvents);
    }

    [Fact]
    public void Acknowledging_and_closing_a_warning_record_a_step_to_tell_the_owner_of_and_a_note_records_none()
    {
        var client = Registered();
        var head = new WarningActor("head-1", "Head One", IsLeader: false, IsDepartmentHead: true);
        var warning = Warning.File(client, WarningFamily.MajorChange, "Moving the plant", null,
            new WarningActor("staff-1", "Staff One", IsLeader: false, IsDepartmentHead: false), Now);
        warning.ClearDomainEvents();

        warning.Acknowledge(head, "Visit the employer this week", Later);
        warning.AddNote(head, "Called the HR manager", Later);
        warning.Dismiss(head, "The move was cancelled", [], Later);

        Assert.Equal([
            new WarningStepTaken(warning.Id, client.Id, WarningAction.Acknowledge, WarningState.Acknowledged, Workflows.Parties.Owner, "head-1", Later),
            new WarningStepTaken(warning.Id, client.Id, WarningAction.Dismiss, WarningState.Dismissed, Workflows.Parties.Owner, "head-1", Later),
        ], warning.DomainEvents);
    }

    [Fact]
    public void Events_accumulate_in_order_until_they_are_cleared()
    {
        var client = Registered();

        client.ChangeStatus(ClientStatus.UnderEvaluation, true, Now);
        client.UpdateCard(client.CurrentCard() with { DemandTrend = DemandTrend.Falling }, TestClock.At(Later));
        Assert.Equal([typeof(ClientStatusChanged), typeof(ClientCardChanged)], client.DomainEvents.Select(e => e.GetType()));

        client.ClearDomainEvents();
        Assert.Empty(client.DomainEvents);
    }
}
