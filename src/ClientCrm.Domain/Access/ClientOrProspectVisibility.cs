using System.Linq.Expressions;
using ClientCrm.Domain.Clients;

namespace ClientCrm.Domain.Access;

/// <summary>
/// SPEC §1 for records that may have no client yet (<see cref="IClientOrProspectRecord"/>), one expression per filter shape
/// like <see cref="ClientVisibility"/>: staff see what they wrote and the records of the clients they own; a head sees the
/// records of the department's clients and, without a client, those written in the department; leaders see all. The data
/// layer makes each the query filter of every such record, so no page decides it.
/// </summary>
public static class ClientOrProspectVisibility
{
    public static readonly Expression<Func<IClientOrProspectRecord, AccessScope, bool>> Owned =
        (record, scope) => record.ReporterId == scope.OwnerSeen || (record.Client != null && record.Client.OwnerId == scope.OwnerSeen);

    public static readonly Expression<Func<IClientOrProspectRecord, AccessScope, bool>> InDepartment =
        (record, scope) => (record.ClientId == null && record.ReporterDepartmentId == scope.DepartmentSeen)
                           || (record.Client != null && record.Client.DepartmentId == scope.DepartmentSeen);

    /// <summary>The filter of a shape; null for <see cref="ScopeFilterShape.All"/>.</summary>
    public static Expression<Func<IClientOrProspectRecord, AccessScope, bool>>? Filter(ScopeFilterShape shape) => shape switch
    {
        ScopeFilterShape.Department => InDepartment,
        ScopeFilterShape.Owner => Owned,
        _ => null,
    };
}
