using ClientCrm.Development.Seeding;
using System.Globalization;
using ClientCrm.Domain.Clients;
using ClientCrm.Domain.Common;
using ClientCrm.Domain.Cooperation;
using ClientCrm.Domain.Workflows;
using ClientCrm.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace ClientCrm.IntegrationTests.Projects;

/// <summary>Clients, projects and form values shared by the cooperation-record tests.</summary>
internal static class ProjectTestData
{
    /// <summary>The company's today, as the test apps (real time, default zone) see it.</summary>
    public static DateOnly Today => BusinessClock.For(TimeProvider.System, BusinessClock.DefaultTimeZoneId).Today;

    public static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>A demo client owned by <paramref name="userName"/>, Active or not.</summary>
    public static Task<Guid> ClientOfAsync(CrmAppFactory app, string userName, bool active) =>
        app.WithDbAsync(db => db.Clients
            .Where(c => (c.Status == ClientStatus.Active) == active && c.OwnerId == db.Users.First(u => u.UserName == userName).Id)
            .OrderBy(c => c.Name)
            .Select(c => c.Id)
            .FirstAsync());

    /// <summary>
    /// A new Active client of <paramref name="userName"/> without any project (the demo company's Active clients have
    /// seeded projects), copied from one of their demo cards.
    /// </summary>
    public static Task<Guid> FreshActiveClientAsync(CrmAppFactory app, string userName) => app.WithDbAsync(async db =>
    {
        var owner = await db.Users.SingleAsync(u => u.UserName == userName);
        var template = await db.Clients.Where(c => c.OwnerId == owner.Id).OrderBy(c => c.Name).FirstAsync();
        var clock = app.Clock;
        var now = clock.UtcNow;
        var card = template.CurrentCard() with
        {
            Name = "Project Test Co " + Guid.NewGuid().ToString("N")[..8],
            ChineseName = null,
            RegistrationNumber = null,
            TaxNumber = null,
        };
        var client = Client.Register(card, null, owner.Id, owner.DepartmentId!.Value, ClientCrm.Domain.Grading.GradingThresholds.Default, clock);
        client.ChangeStatus(ClientStatus.UnderEvaluation, actorIsLeader: true, now);
        client.ChangeStatus(ClientStatus.Active, actorIsLeader: true, now, "approved by the leaders");
        db.Clients.Add(client);
        PassGate(db, client, clock);
        await db.SaveChangesAsync();
        return client.Id;
    });

    /// <summary>
    /// The business gate's conditions met, as the evaluation workflow leaves them (SPEC §5.2): a valid business license and
    /// credit certificate on file (added to <paramref name="db"/>), and the evaluation approved.
    /// </summary>
    public static void PassGate(ClientCrm.Infrastructure.Persistence.CrmDbContext db, Client client, BusinessClock clock)
    {
        db.ClientDocuments.AddRange(Dossier.DossierArrange.RegistrationDocuments(client, clock));
        client.RecordEvaluationApproved(clock.UtcNow, clock.UtcNow);
    }

    public static Task SetStatusAsync(CrmAppFactory app, Guid clientId, ClientStatus status) => app.WithDbAsync(async db =>
    {
        var client = await db.Clients.SingleAsync(c => c.Id == clientId);
        client.ChangeStatus(status, actorIsLeader: true, DateTimeOffset.UtcNow, "arranged for a project test");
        await db.SaveChangesAsync();
    });

    /// <summary>A project saved straight into the database (the client must be Active at that moment).</summary>
    public static Task<Guid> ArrangeProjectAsync(CrmAppFactory app, Guid clientId, string name) => app.WithDbAsync(async db =>
    {
        var client = await db.Clients.SingleAsync(c => c.Id == clientId);
        // In service, so initiated by a contract review that passed (ContractReviewWalk), as the app requires.
        var project = ContractReviewWalk.OpenContracted(db, client, new ProjectTerms
        {
            Name = name,
            JobTypes = "焊工 Welder",
            WorkCountryCode = client.CountryCode,
            WorkersRequested = 20,
            WorkersDispatched = 8,
            ContractSignedOn = new DateOnly(2025, 3, 1),
            DepartureOn = new DateOnly(2025, 4, 1),
            Status = ProjectStatus.InService,
        }, null, await ReviewPeople.OfAsync(db, client), ContractReviewWalk.Counters(db), Today, DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddDays(-1));
        await db.SaveChangesAsync();
        return project.Id;
    });

    /// <summary>
    /// A contracted batch entered through the forms the way the app allows it: created in contract review, its review passed
    /// (ContractReviewWalk, through the domain), then saved with <paramref name="values"/> (recruiting or later). Returns the
    /// edit form's response.
    /// </summary>
    public static async Task<HttpResponseMessage> CreateInitiatedAsync(CrmAppFactory app, CrmClient staff, Guid clientId, Dictionary<string, string?> values)
    {
        ArgumentNullException.ThrowIfNull(staff);
        ArgumentNullException.ThrowIfNull(values);
        using (var created = await staff.SubmitAsync($"/Clients/{clientId}/Projects/Create", "#project-form",
                   new Dictionary<string, string?>(values) { ["Input.Status"] = "ContractReview" }))
        {
            Assert.Equal(System.Net.HttpStatusCode.Redirect, created.StatusCode);
        }

        var name = values["Input.Name"]!.Trim();
        var projectId = await app.WithDbAsync(async db =>
        {
            var project = await db.CooperationProjects.SingleAsync(p => p.ClientId == clientId && p.Name == name);
            var client = await db.Clients.SingleAsync(c => c.Id == clientId);
            db.ContractReviews.Add(ContractReviewWalk.Pass(project, client.Grade, await ReviewPeople.OfAsync(db, client), ContractReviewWalk.Counters(db),
                app.Clock.UtcNow));
            await db.SaveChangesAsync();
            return project.Id;
        });
        return await staff.SubmitAsync($"/Clients/{clientId}/Projects/{projectId}/Edit", "#project-form", values);
    }

    public static Dictionary<string, string?> ValidProject(string name) => new()
    {
        ["Input.Name"] = name,
        ["Input.JobTypes"] = "钢筋工, 木工",
        ["Input.WorkersRequested"] = "40",
        ["Input.WorkersDispatched"] = "0",
        ["Input.ContractAmount"] = "",
        ["Input.Currency"] = "",
        ["Input.ContractSignedOn"] = "",
        ["Input.DepartureOn"] = "",
        ["Input.ContractEndOn"] = "",
        ["Input.Status"] = "Negotiating",
        ["Input.Notes"] = "首批 First batch",
    };

    public static Task<Guid> ProjectIdAsync(CrmAppFactory app, string name) =>
        app.WithDbAsync(db => db.CooperationProjects.Where(p => p.Name == name).Select(p => p.Id).SingleAsync());
}
