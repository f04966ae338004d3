using ClientCrm.Domain.Access;

namespace ClientCrm.Domain.Grading;

/// <summary>
/// One regrade run (SPEC §4): on demand by a leader or department head over their scope, or quarterly over all
/// clients. It keeps the counts; the changes it found are its <see cref="GradeProposal"/>s.
/// </summary>
public class GradingRun
{
    private GradingRun() { }

    public GradingRun(GradingTrigger trigger, AccessScope scope, string? startedById, string? startedByName, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(scope);
        Id = Guid.CreateVersion7(now);
        Trigger = trigger;
        ScopeLevel = scope.Level;
        DepartmentId = scope.Level == ScopeLevel.Department ? scope.DepartmentId : null;
        StartedById = startedById;
        StartedByName = startedByName;
        StartedAt = now;
    }

    public Guid Id { get; private set; }
    public GradingTrigger Trigger { get; private set; }
    public ScopeLevel ScopeLevel { get; private set; }
    public int? DepartmentId { get; private set; }
    public string? StartedById { get; private set; }
    public string? StartedByName { get; private set; }
    public DateTimeOffset StartedAt { get; private set; }
    public DateTimeOffset? FinishedAt { get; private set; }
    public int ClientsAssessed { get; private set; }
    public int ChangesProposed { get; private set; }

    public void Finish(int clientsAssessed, int changesProposed, DateTimeOffset now)
    {
        ClientsAssessed = clientsAssessed;
        ChangesProposed = changesProposed;
        FinishedAt = now;
    }
}

/// <summary>Who decides a grade, and in which role.</summary>
public sealed record GradeDecider(string UserId, string Name, bool IsLeader, bool IsDepartmentHead);
