using ClientCrm.Domain.Grading;
using ClientCrm.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace ClientCrm.Infrastructure.Grading;

public static class GradingSettingsQueries
{
    /// <summary>The leaders' grading thresholds as they stand (one row).</summary>
    public static async Task<GradingThresholds> GradingThresholdsAsync(this CrmDbContext db, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        return (await db.GradingSettings.AsNoTracking().SingleAsync(ct)).Thresholds;
    }
}
