using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace ClientCrm.Infrastructure.Persistence;

public static class DbUpdateExceptions
{
    /// <summary>True when PostgreSQL refused the save because a unique index already holds the value.</summary>
    public static bool IsUniqueViolation(this DbUpdateException exception) =>
        exception?.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation };
}
