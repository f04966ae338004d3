using ClientCrm.Domain.Clients;
using ClientCrm.Domain.Notifications;
using ClientCrm.Domain.Workflows;
using ClientCrm.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace ClientCrm.Infrastructure.Workflows;

/// <summary>
/// A workflow item's client as its messages need it (whom to tell, what to name), read as the system: the step-notice
/// handlers and the escalation of evaluations, complaints and accountability cases share it.
/// </summary>
public sealed record WorkflowItemClient(Guid Id, Guid ClientId, string Name, string? ChineseName, int DepartmentId, string OwnerId)
{
    public NotificationSubject Subject => new(Id, Name, ChineseName, null, null);

    public static Task<WorkflowItemClient> ReadAsync<TItem>(IQueryable<TItem> items, Guid itemId, CancellationToken ct)
        where TItem : class, IClientRecord, IWorkflowItem
    {
        ArgumentNullException.ThrowIfNull(items);
        return items.IgnoreQueryFilters().AsNoTracking()
            .Where(i => i.Id == itemId)
            .Select(i => new WorkflowItemClient(i.Id, i.ClientId, i.Client!.Name, i.Client.ChineseName, i.Client.DepartmentId, i.Client.OwnerId))
            .SingleAsync(ct);
    }
}
