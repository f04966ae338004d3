using System.Text.Json;
using ClientCrm.Infrastructure.Persistence;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ClientCrm.Web.Setup;

/// <summary>/health: is PostgreSQL reachable. Says nothing else, since it answers without sign-in.</summary>
internal sealed class DatabaseHealthCheck(CrmDbContext db) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            return await db.Database.CanConnectAsync(cancellationToken)
                ? HealthCheckResult.Healthy("database reachable")
                : HealthCheckResult.Unhealthy("database unreachable");
        }
#pragma warning disable CA1031 // Any failure to reach the database is the answer, not an error of the check.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            return HealthCheckResult.Unhealthy("database unreachable", ex);
        }
    }

    public static Task WriteJson(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync(JsonSerializer.Serialize(new
        {
            status = report.Status.ToString(),
            database = report.Entries.TryGetValue("database", out var db) ? db.Status.ToString() : "Unknown",
        }));
    }
}
