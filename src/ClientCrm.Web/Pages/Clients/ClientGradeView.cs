using ClientCrm.Domain.Clients;
using ClientCrm.Domain.Common;
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

    /// <summary>The pending proposal is one today's figures no longer give: it can only be overridden with a reason.</summary>
    public bool PendingOutdated => PendingProposal is { } pending && !GradeProposal.Supports(pending.Proposed, Assessment);
    public required GradingThresholds Thresholds { get; init; }
    public DateOnly? LastContactOn { get; init; }
    public required DateOnly ContactDueOn { get; init; }
    public required bool ContactOverdue { get; init; }
    public ParetoClass? ParetoClass { get; init; }
    public LifecycleStage? LifecycleStage { get; init; }
    public IReadOnlyList<GradeHistoryRow> History { get; init; } = [];

    public static async Task<ClientGradeView> LoadAsync(CrmDbContext db, Client client, GradingThresholds thresholds,
        IReadOnlyDictionary<string, string> people, BusinessClock clock, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(clock);
        return Compose(client, await ReadAsync(db, client.Id, clock.Today, ct), thresholds, people, clock);
    }

    /// <summary>What the card reads from the database: the client's grading figures, its pending proposal and its history.</summary>
    public static async Task<GradeReads> ReadAsync(CrmDbContext db, Guid clientId, DateOnly today, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var facts = await GradingFactsQuery.For(db, db.Clients.Where(c => c.Id == clientId), today).SingleAsync(ct);
        var pending = await db.GradeProposals.Where(p => p.ClientId == clientId && p.State == ProposalState.Pending)
            .OrderByDescending(p => p.CreatedAt).Select(p => new { p.Id, p.ProposedGrade }).FirstOrDefaultAsync(ct);
        var history = await db.GradeChanges.AsNoTracking().Where(g => g.ClientId == clientId).OrderByDescending(g => g.At)
            .Select(g => new GradeHistoryRow(g.At, g.ByName, g.FromGrade, g.ToGrade, g.Kind, g.Reason, g.Criteria))
            .ToListAsync(ct);
        return new GradeReads(facts.ToFacts(), pending is null ? null : (pending.Id, pending.ProposedGrade), history);
    }

    public static ClientGradeView Compose(Client client, GradeReads reads, GradingThresholds thresholds, IReadOnlyDictionary<string, string> people,
        BusinessClock clock)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(reads);
        ArgumentNullException.ThrowIfNull(people);
        ArgumentNullException.ThrowIfNull(clock);
        var (facts, pending, history) = reads;
        var contactClockStart = client.ContactClockStart(clock);
        return new ClientGradeView
        {
            Grade = client.Grade,
            GradeSince = client.GradeSince,
            ResponsibleLeaderName = client.ResponsibleLeaderId is null ? null : people.GetValueOrDefault(client.ResponsibleLeaderId),
            Assessment = GradingEngine.Assess(facts, thresholds),
            PendingProposal = pending,
            Thresholds = thresholds,
            LastContactOn = client.LastContactOn,
            ContactDueOn = ContactDuty.DueOn(client.Grade, contactClockStart, thresholds),
            ContactOverdue = ContactDuty.IsOverdue(client.Grade, client.Status, contactClockStart, clock.Today, thresholds),
            ParetoClass = client.Classes?.Pareto,
            LifecycleStage = client.Classes?.Lifecycle,
            History = history,
        };
    }
}

/// <summary>The grade card's database reads (<see cref="ClientGradeView.ReadAsync"/>), which a client page may keep.</summary>
public sealed record GradeReads(GradingFacts Facts, (Guid Id, ClientGrade Grade)? Pending, IReadOnlyList<GradeHistoryRow> History);
