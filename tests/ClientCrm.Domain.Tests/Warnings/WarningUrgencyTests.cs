using ClientCrm.Domain.Warnings;

namespace ClientCrm.Domain.Tests;

/// <summary>When a warning must be acknowledged by: what the review queue and the overdue list order by within a severity.</summary>
public sealed class WarningUrgencyTests
{
    private static readonly DateTimeOffset Raised = new(2026, 11, 22, 13, 58, 0, TimeSpan.FromHours(8));

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(10)]
    public void A_warning_is_due_for_acknowledgement_the_given_days_after_it_was_raised(int days)
    {
        Assert.Equal(Raised.AddDays(days), Warning.AcknowledgementDue(Raised, days));
    }

    [Fact]
    public void A_warning_is_escalated_exactly_when_its_acknowledgement_is_due()
    {
        var due = Warning.AcknowledgementDue(Raised, 3);

        Assert.True(Warning.IsDueForEscalation(WarningState.Open, Raised, null, due, 3));
        Assert.False(Warning.IsDueForEscalation(WarningState.Open, Raised, null, due.AddMinutes(-1), 3));
    }

    [Fact]
    public void The_earlier_raised_warning_is_due_earlier_whatever_the_setting()
    {
        foreach (var days in new[] { 1, 3, 30 })
        {
            Assert.True(Warning.AcknowledgementDue(Raised, days) < Warning.AcknowledgementDue(Raised.AddMinutes(1), days));
        }
    }
}
