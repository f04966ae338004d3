using ClientCrm.Domain.Cooperation;
using ClientCrm.Domain.Warnings;
using ClientCrm.Infrastructure.Warnings;
using ClientCrm.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ClientCrm.IntegrationTests.Warnings;

/// <summary>Runs the warning engine and puts incidents in place as the system (outside any request), for warning tests.</summary>
internal static class WarningArrange
{
    /// <summary>A company-wide on-demand run, as the scheduler's system actor does it.</summary>
    public static async Task<WarningRun> RunEngineAsync(CrmAppFactory app, WarningRunTrigger trigger = WarningRunTrigger.OnDemand)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<WarningEngine>().RunAsync(trigger);
    }

    /// <summary>An incident on the client's first project, recorded straight through the domain (no page, so no trigger).</summary>
    public static Task IncidentAsync(CrmAppFactory app, Guid clientId, IncidentType type, int daysAgo, int workers) =>
        app.WithDbAsync(async db =>
        {
            var project = await db.CooperationProjects.Include(p => p.Incidents).FirstAsync(p => p.ClientId == clientId);
            project.RecordIncident(new IncidentDetails
            {
                Type = type, OccurredOn = app.Clock.Today.AddDays(-daysAgo), WorkersAffected = workers,
                Description = $"{type} on site, {workers} workers",
                // Wage arrears carry the wages owed.
                ArrearsAmount = type == IncidentType.WageArrears ? workers * 1_500m : null,
                ArrearsCurrency = type == IncidentType.WageArrears ? "USD" : null,
            }, app.Clock);
            await db.SaveChangesAsync();
        });

    public static Task<List<Warning>> WarningsAsync(CrmAppFactory app, Guid clientId) =>
        app.WithDbAsync(db => db.Warnings.Include(w => w.Events).Where(w => w.ClientId == clientId).OrderBy(w => w.RaisedAt).ToListAsync());

    public static Task<Guid> OpenWarningAsync(CrmAppFactory app, Guid clientId, WarningRule rule) =>
        app.WithDbAsync(db => db.Warnings.Where(w => w.ClientId == clientId && w.Rule == rule).Where(Warning.IsOpen).Select(w => w.Id).SingleAsync());
}

/// <summary>More arrangements the engine tests need: grades, resolved incidents, requested workers per window.</summary>
internal static class WarningDataArrange
{
    public static Task SetGradeAsync(CrmAppFactory app, Guid clientId, Domain.Grading.ClientGrade grade) =>
        app.WithDbAsync(async db =>
        {
            var leader = await db.Users.SingleAsync(u => u.UserName == "leader");
            var client = await db.Clients.SingleAsync(c => c.Id == clientId);
            client.ChangeGrade(grade, Domain.Grading.GradeChangeKind.Manual, new Domain.Grading.GradeDecider(leader.Id, leader.DisplayName, true, false),
                "arranged for a warning test", null, grade == Domain.Grading.ClientGrade.A ? leader.Id : null, null,
                (await db.GradingSettings.SingleAsync()).Thresholds, app.Clock);
            await db.SaveChangesAsync();
        });

    public static Task ResolveIncidentsAsync(CrmAppFactory app, Guid clientId, IncidentType type) =>
        app.WithDbAsync(async db =>
        {
            foreach (var incident in await db.WorkerIncidents.Include(i => i.Project).Where(i => i.ClientId == clientId && i.Type == type).ToListAsync())
            {
                incident.Project!.ReviseIncident(incident, new IncidentDetails
                {
                    Type = incident.Type, OccurredOn = incident.OccurredOn, WorkersAffected = incident.WorkersAffected,
                    Description = incident.Description, Status = IncidentStatus.Resolved, HandlingRecord = "Paid in full after mediation",
                    ArrearsAmount = incident.ArrearsAmount, ArrearsCurrency = incident.ArrearsCurrency,
                }, app.Clock);
            }

            await db.SaveChangesAsync();
        });

    public static Task<int> CountAsync<T>(CrmAppFactory app) where T : class =>
        app.WithDbAsync(db => db.Set<T>().IgnoreQueryFilters().CountAsync());
}
