using ClientCrm.Development.Seeding;
using ClientCrm.Domain.Clients;
using ClientCrm.Domain.Cooperation;
using ClientCrm.Infrastructure.Persistence;
using ClientCrm.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace ClientCrm.IntegrationTests.Grading;

/// <summary>Puts clients into the shape a grading test needs, through the domain, as the system.</summary>
internal static class GradingArrange
{
    /// <summary>An active client of <paramref name="owner"/> whose card and projects meet every A criterion of SPEC §4.</summary>
    public static async Task<Guid> KeyClientAsync(CrmAppFactory app, string owner, string name)
    {
        var id = await ActiveClientAsync(app, owner, name, card => card with
        {
            CreditRating = CreditRating.Good, OperatingStatus = OperatingStatus.Good, DemandTrend = DemandTrend.Growing,
            CooperationIntent = CooperationIntent.Strong,
        });
        // Three batches this year and one the year before, 40 workers each: 4 batches, 2 years, 160 workers.
        await ProjectsAsync(app, id, [30, 90, 150, 420], workers: 40, amountCny: 400_000m);
        return id;
    }

    /// <summary>An active client whose figures meet B but not A (two years, 35 workers, demand stable).</summary>
    public static async Task<Guid> RegularClientAsync(CrmAppFactory app, string owner, string name)
    {
        var id = await ActiveClientAsync(app, owner, name, card => card with
        {
            CreditRating = CreditRating.Good, OperatingStatus = OperatingStatus.Stable, DemandTrend = DemandTrend.Stable,
            CooperationIntent = CooperationIntent.Normal,
        });
        await ProjectsAsync(app, id, [60, 400], workers: 20, amountCny: 200_000m);
        return id;
    }

    public static Task<Guid> ActiveClientAsync(CrmAppFactory app, string owner, string name, Func<ClientCard, ClientCard> card) =>
        app.WithDbAsync(async db =>
        {
            var ownerUser = await db.Users.SingleAsync(u => u.UserName == owner);
            var clock = app.Clock;
            var now = clock.UtcNow;
            var baseCard = new ClientCard
            {
                Type = ClientType.Employer, LegalForm = LegalForm.Company, Name = name, CountryCode = "AE", Region = Region.ME,
                Industry = Industry.Construction, CreditRating = CreditRating.Good, OperatingStatus = OperatingStatus.Good,
                DemandTrend = DemandTrend.Stable, CooperationIntent = CooperationIntent.Normal,
                RegistrationNumber = "REG-" + Guid.NewGuid().ToString("N")[..12],
            };
            var client = Client.Register(card(baseCard), null, ownerUser.Id, ownerUser.DepartmentId!.Value, ClientCrm.Domain.Grading.GradingThresholds.Default, clock.At(now.AddYears(-3)));
            client.ChangeStatus(ClientStatus.UnderEvaluation, actorIsLeader: true, now);
            client.ChangeStatus(ClientStatus.Active, actorIsLeader: true, now, "approved by the leaders");
            db.Clients.Add(client);
            Projects.ProjectTestData.PassGate(db, client, clock);
            await db.SaveChangesAsync();
            return client.Id;
        });

    /// <summary>One in-service project per entry, signed that many days ago, each with its workers and CNY amount.</summary>
    public static Task ProjectsAsync(CrmAppFactory app, Guid clientId, int[] signedDaysAgo, int workers, decimal amountCny) =>
        app.WithDbAsync(async db =>
        {
            var client = await db.Clients.SingleAsync(c => c.Id == clientId);
            var now = app.Clock.UtcNow;
            var today = app.Clock.Today;
            var people = await ReviewPeople.OfAsync(db, client);
            var numbers = ContractReviewWalk.Counters(db);
            foreach (var days in signedDaysAgo)
            {
                var signed = today.AddDays(-days);
                // In service, so initiated by a contract review that passed before the signing (ContractReviewWalk).
                ContractReviewWalk.OpenContracted(db, client, new ProjectTerms
                {
                    Name = $"Batch {signed:yyyy-MM-dd}", JobTypes = "钢筋工", WorkCountryCode = "AE",
                    WorkersRequested = workers, WorkersDispatched = workers, ContractAmount = amountCny, Currency = "CNY",
                    ContractSignedOn = signed, DepartureOn = signed.AddDays(20), ContractEndOn = signed.AddYears(2),
                    Status = ProjectStatus.InService,
                }, RateQuote.Identity(today), people, numbers, today, now, now.AddDays(-days - 5));
            }

            await db.SaveChangesAsync();
        });

    public static Task WageArrearsAsync(CrmAppFactory app, Guid clientId) =>
        app.WithDbAsync(async db =>
        {
            var project = await db.CooperationProjects.Include(p => p.Incidents).FirstAsync(p => p.ClientId == clientId);
            project.RecordIncident(new IncidentDetails
            {
                Type = IncidentType.WageArrears, OccurredOn = app.Clock.Today.AddDays(-3), WorkersAffected = 12,
                ArrearsAmount = 12 * 2 * 1_800m, ArrearsCurrency = "USD",
                Description = "Two months of wages unpaid on site 3",
            }, app.Clock);
            await db.SaveChangesAsync();
        });

    /// <summary>Presses "run a regrade now" and returns the run the app redirected to.</summary>
    public static async Task<Guid> StartRunAsync(CrmClient user)
    {
        using var response = await user.SubmitAsync("/Grading", "#regrade-form");
        Assert.Equal(System.Net.HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!.OriginalString;
        Assert.True(location.StartsWith("/Grading/Runs/", StringComparison.Ordinal), location);
        return Guid.Parse(location["/Grading/Runs/".Length..]);
    }

    public static Task<Guid> PendingProposalAsync(CrmAppFactory app, Guid clientId) =>
        app.WithDbAsync(db => db.GradeProposals.Where(p => p.ClientId == clientId && p.State == Domain.Grading.ProposalState.Pending)
            .Select(p => p.Id).SingleAsync());

    public static Task<T> ClientAsync<T>(CrmAppFactory app, Guid id, System.Linq.Expressions.Expression<Func<Client, T>> select) =>
        app.WithDbAsync(db => db.Clients.Where(c => c.Id == id).Select(select).SingleAsync());

    public static Task<List<GradeChangeLine>> HistoryAsync(CrmAppFactory app, Guid id) =>
        app.WithDbAsync(db => db.GradeChanges.Where(g => g.ClientId == id).OrderBy(g => g.At)
            .Select(g => new GradeChangeLine(g.FromGrade, g.ToGrade, g.ByName, g.Reason)).ToListAsync());
}

internal sealed record GradeChangeLine(Domain.Grading.ClientGrade From, Domain.Grading.ClientGrade To, string By, string? Reason);
