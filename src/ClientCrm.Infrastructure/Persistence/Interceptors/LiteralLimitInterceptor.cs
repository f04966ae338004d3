using System.Data.Common;
using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace ClientCrm.Infrastructure.Persistence.Interceptors;

/// <summary>
/// Writes the row limit of a query into its SQL: <c>LIMIT @p</c> with p = 26 becomes <c>LIMIT 26</c>.
/// </summary>
/// <remarks>
/// EF Core sends Take(n) as a parameter. PostgreSQL plans "LIMIT $1" as if a tenth of the rows were wanted, finds that
/// generic plan far dearer than one for the real limit, and so plans the prepared statement anew on every execution;
/// with the indexes "Clients" has for every sort and scope, planning costs more than running the page query. With the
/// limit in the text, each page size is its own prepared statement whose generic plan PostgreSQL keeps. (EF.Constant
/// would do the same inside EF, but EF then generates the SQL again on every execution.) The limits are a handful of
/// constants, so the statements stay few.
/// </remarks>
public sealed partial class LiteralLimitInterceptor : DbCommandInterceptor
{
    public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData,
        InterceptionResult<DbDataReader> result)
    {
        Inline(command);
        return result;
    }

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Inline(command);
        return ValueTask.FromResult(result);
    }

    internal static void Inline(DbCommand command)
    {
        ArgumentNullException.ThrowIfNull(command);
        var text = command.CommandText;
        if (!text.Contains("LIMIT @", StringComparison.Ordinal))
        {
            return;
        }

        command.CommandText = Limit().Replace(text, match =>
        {
            var name = match.Groups["name"].Value;
            var parameter = Find(command, name);
            return parameter?.Value switch
            {
                int n when n >= 0 => "LIMIT " + n.ToString(CultureInfo.InvariantCulture),
                long n when n >= 0 => "LIMIT " + n.ToString(CultureInfo.InvariantCulture),
                _ => match.Value,
            };
        });

        // A parameter used only for the limit is no longer referenced; it is dropped so the statement has no loose ends.
        for (var i = command.Parameters.Count - 1; i >= 0; i--)
        {
            if (!Mentions(command.CommandText, command.Parameters[i].ParameterName.TrimStart('@')))
            {
                command.Parameters.RemoveAt(i);
            }
        }
    }

    private static bool Mentions(string text, string name)
    {
        for (var at = text.IndexOf("@" + name, StringComparison.Ordinal); at >= 0; at = text.IndexOf("@" + name, at + 1, StringComparison.Ordinal))
        {
            var end = at + 1 + name.Length;
            if (end == text.Length || !(char.IsLetterOrDigit(text[end]) || text[end] == '_'))
            {
                return true;
            }
        }

        return false;
    }

    private static DbParameter? Find(DbCommand command, string name)
    {
        foreach (DbParameter p in command.Parameters)
        {
            if (string.Equals(p.ParameterName.TrimStart('@'), name, StringComparison.Ordinal))
            {
                return p;
            }
        }

        return null;
    }

    [GeneratedRegex(@"\bLIMIT @(?<name>[A-Za-z_][A-Za-z0-9_]*)\b", RegexOptions.CultureInvariant)]
    private static partial Regex Limit();
}
