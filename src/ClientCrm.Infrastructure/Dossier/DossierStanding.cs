using System.Linq.Expressions;
using ClientCrm.Domain.Dossier;

namespace ClientCrm.Infrastructure.Dossier;

/// <summary>Which of a client's documents the completeness rule (<see cref="DossierCompleteness"/>) reads.</summary>
public static class DossierStanding
{
    private static readonly DocumentType[] RequiredTypes = [.. DossierCompleteness.Required];

    /// <summary>
    /// Current documents of the required types (archived ones never count). An expression, so the queries that read them
    /// with more of the client in one statement (<see cref="Evaluations.GateFactsQuery"/>) or by due date (the to-do list)
    /// share it.
    /// </summary>
    public static readonly Expression<Func<ClientDocument, bool>> Counted = d => d.ArchivedAt == null && RequiredTypes.Contains(d.Type);
}
