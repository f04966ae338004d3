using ClientCrm.Domain.Clients;
using ClientCrm.Domain.Dossier;
using ClientCrm.Domain.Evaluations;

namespace ClientCrm.Domain.Tests.Evaluations;

/// <summary>The business gate (SPEC §5.2): every missing condition is named, and a long pause after approval needs a new evaluation.</summary>
public sealed class BusinessGateTests
{
    private static readonly DateTimeOffset Approved = new(2025, 1, 10, 2, 0, 0, TimeSpan.Zero);
    private static readonly EvaluationSettings Settings = new() { PauseNeedsNewEvaluationDays = 365 };

    [Fact]
    public void A_prospect_with_nothing_done_misses_every_condition()
    {
        var facts = new GateFacts(ClientStatus.Prospect, [DocumentType.BusinessLicense, DocumentType.CreditCertificate], null, [], Approved);

        Assert.Equal([GateCondition.ClientActive, GateCondition.BusinessLicense, GateCondition.CreditCertificate, GateCondition.EvaluationApproved],
            BusinessGate.Missing(facts, Settings));
    }

    [Fact]
    public void An_active_client_with_its_documents_on_file_and_approved_passes()
    {
        var facts = new GateFacts(ClientStatus.Active, [], Approved, [(ClientStatus.Active, Approved)], Approved.AddDays(400));

        Assert.Empty(BusinessGate.Missing(facts, Settings));
    }

    [Theory]
    [InlineData(365, false)]
    [InlineData(366, true)]
    public void A_pause_longer_than_the_setting_since_the_approval_needs_a_new_evaluation(int pausedDays, bool needsNew)
    {
        var paused = Approved.AddDays(30);
        var facts = new GateFacts(ClientStatus.Active, [], Approved,
            [(ClientStatus.Active, Approved), (ClientStatus.Paused, paused), (ClientStatus.Active, paused.AddDays(pausedDays))], paused.AddDays(pausedDays + 10));

        Assert.Equal(needsNew, BusinessGate.Missing(facts, Settings).Contains(GateCondition.EvaluationCurrent));
        Assert.Equal(TimeSpan.FromDays(pausedDays), BusinessGate.LongestPause(facts));
    }

    [Fact]
    public void A_client_still_paused_counts_its_pause_up_to_now()
    {
        var paused = Approved.AddDays(10);
        var facts = new GateFacts(ClientStatus.Paused, [], Approved, [(ClientStatus.Paused, paused)], paused.AddDays(400));

        Assert.Equal([GateCondition.ClientActive, GateCondition.EvaluationCurrent], BusinessGate.Missing(facts, Settings));
    }

    [Theory]
    [InlineData(DocumentType.BusinessLicense, GateCondition.BusinessLicense)]
    [InlineData(DocumentType.CreditCertificate, GateCondition.CreditCertificate)]
    public void A_missing_registration_document_is_named_by_the_gate(DocumentType missing, GateCondition named)
    {
        var facts = new GateFacts(ClientStatus.Active, [missing], Approved, [(ClientStatus.Active, Approved)], Approved.AddDays(10));

        Assert.Equal([named], BusinessGate.Missing(facts, Settings));
    }
}
