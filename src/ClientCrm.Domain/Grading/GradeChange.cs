using ClientCrm.Domain.Clients;

namespace ClientCrm.Domain.Grading;

/// <summary>One line of a client's grade history: when, who, from → to, why, and the figures it rested on.</summary>
public class GradeChange : IClientRecord
{
    private GradeChange() { }

    internal GradeChange(Guid clientId, ClientGrade from, ClientGrade to, GradeChangeKind kind, GradeDecider by, string? reason,
        IReadOnlyList<CriterionResult>? criteria, Guid? proposalId, DateTimeOffset now)
    {
        Id = Guid.CreateVersion7(now);
        ClientId = clientId;
        FromGrade = from;
        ToGrade = to;
        Kind = kind;
        ById = by.UserId;
        ByName = by.Name;
        Reason = Client.Clean(reason);
        Criteria = criteria ?? [];
        ProposalId = proposalId;
        At = now;
    }

    public Guid Id { get; private set; }
    public Guid ClientId { get; private set; }
    public Client? Client { get; private set; }
    public ClientGrade FromGrade { get; private set; }
    public ClientGrade ToGrade { get; private set; }
    public GradeChangeKind Kind { get; private set; }
    public string ById { get; private set; } = "";
    public string ByName { get; private set; } = "";
    public string? Reason { get; private set; }
    public IReadOnlyList<CriterionResult> Criteria { get; private set; } = [];
    public Guid? ProposalId { get; private set; }
    public DateTimeOffset At { get; private set; }
}
