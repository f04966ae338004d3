using ClientCrm.Domain.Clients;
using ClientCrm.Domain.Grading;
using ClientCrm.Infrastructure.Grading;
using ClientCrm.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace ClientCrm.Web.Pages.Clients;

public sealed record GradeHistoryRow(DateTimeOffset At, string ByName, ClientGrade From, ClientGrade To, GradeChangeKind Kind, string? Reason,
    IReadOnlyList<CriterionResult> Criteria);

/// <summary>
/// What the client page shows about the grade (SPEC §4): the grade and its duties, what the rules would give today
/// with every figure, the pending proposal, the contact clock and the grade history.
/// </summary>
public sealed class ClientGradeView
{
    public required ClientGrade Grade { get; init; }
    public DateTimeOffset? GradeSince { get; init; }
    public string? ResponsibleLeaderName { get; init; }
    public required GradeAssessment Assessment { get; init; }
    public (Guid Id, ClientGrade Proposed)? PendingProposal { get; init; }
    public required GradingThresholds Thresholds { get; init; }
    public DateOnly? LastContactOn { get; init; }
    public required DateOnly ContactDueOn { get; init; }
    public required bool ContactOverdue { get; init; }
    public ParetoClass? ParetoClass { get; init; }
    public LifecycleStage? LifecycleStage { get; init; }
    public IReadOnlyList<GradeHistoryRow> History { get; init; } = [];

    public static async Task<ClientGradeView> LoadAsync(CrmDbContext db, Client client, GradingThresholds thresholds,
        IReadOnlyDictionary<string, string> people, DateOnly today, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(people);
        var facts = await GradingFactsQuery.For(db, db.Clients.Where(c => c.Id == client.Id), today).SingleAsync(ct);
        var pending = await db.GradeProposals.Where(p => p.ClientId == client.Id && p.State == ProposalState.Pending)
            .OrderByDescending(p => p.CreatedAt).Select(p => new { p.Id, p.ProposedGrade }).FirstOrDefaultAsync(ct);
        var history = await db.GradeChanges.AsNoTracking().Where(g => g.ClientId == client.Id).OrderByDescending(g => g.At)
            .Select(g => new GradeHistoryRow(g.At, g.ByName, g.FromGrade, g.ToGrade, g.Kind, g.Reason, g.Criteria))
            .ToListAsync(ct);
        return new ClientGradeView
        {
            Grade = client.Grade,
            GradeSince = client.GradeSince,
            ResponsibleLeaderName = client.ResponsibleLeaderId is null ? null : people.GetValueOrDefault(client.ResponsibleLeaderId),
            Assessment = GradingEngine.Assess(facts.ToFacts(), thresholds),
            PendingProposal = pending is null ? null : (pending.Id, pending.ProposedGrade),
            Thresholds = thresholds,
            LastContactOn = client.LastContactOn,
            ContactDueOn = ContactDuty.DueOn(client.Grade, client.ContactClockStart, thresholds),
            ContactOverdue = ContactDuty.IsOverdue(client.Grade, client.Status, client.ContactClockStart, today, thresholds),
            ParetoClass = client.Classes?.Pareto,
            LifecycleStage = client.Classes?.Lifecycle,
            History = history,
        };
    }
}
