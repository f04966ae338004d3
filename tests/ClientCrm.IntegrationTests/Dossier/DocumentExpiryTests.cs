using ClientCrm.Domain.Dossier;
using ClientCrm.Domain.Warnings;
using ClientCrm.IntegrationTests.Infrastructure;
using ClientCrm.IntegrationTests.Projects;
using ClientCrm.IntegrationTests.Warnings;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ClientCrm.IntegrationTests.Dossier;

/// <summary>
/// A business license or credit certificate running out (SPEC §6, §7, §8), on a pinned clock: reminded in the owner's and the
/// head's to-do list during its last 30 days, and once past, the major-change warning, pointing to the documents.
/// </summary>
public sealed class DocumentExpiryTests(PostgresFixture postgres) : AppTest(postgres)
{
    private static readonly DateTimeOffset Pinned = new(2026, 12, 10, 2, 0, 0, TimeSpan.Zero);
    private readonly AdjustableClock _clock = new(Pinned);

    protected override void ConfigureApp(IWebHostBuilder builder) =>
        builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(_clock));

    [Fact]
    public async Task A_license_is_reminded_in_its_last_30_days_and_raises_the_major_change_warning_once_past()
    {
        var clientId = await ProjectTestData.FreshActiveClientAsync(App, "staff1a");
        // Its license and credit certificate now run 20 more days.
        var licenseId = await App.WithDbAsync(async db =>
        {
            db.ClientDocuments.RemoveRange(db.ClientDocuments.Where(d => d.ClientId == clientId));
            var client = await db.Clients.SingleAsync(c => c.Id == clientId);
            var documents = DossierArrange.RegistrationDocuments(client, App.Clock, validDays: 20);
            db.ClientDocuments.AddRange(documents);
            await db.SaveChangesAsync();
            return documents.Single(d => d.Type == DocumentType.BusinessLicense).Id;
        });

        foreach (var user in new[] { "staff1a", "head1" })
        {
            var todo = await (await SignedInAsync(user)).GetPageAsync("/Todo?kind=DocumentExpiring");
            var row = todo.QuerySelector($"#todo-table tbody tr[data-id='{licenseId}']");
            Assert.True(row is not null, $"{user} is not reminded");
            Assert.Contains($"/Clients/{clientId}/Documents/{licenseId}", row.InnerHtml, StringComparison.Ordinal);
        }

        Assert.Null((await (await SignedInAsync("staff2a")).GetPageAsync("/Todo")).QuerySelector($"tr[data-id='{licenseId}']"));

        await WarningArrange.RunEngineAsync(App);
        Assert.False(await ExpiredWarningAsync(clientId));

        // The 21st day: both are past their last valid day.
        _clock.Advance(TimeSpan.FromDays(21));
        await WarningArrange.RunEngineAsync(App);
        Assert.True(await ExpiredWarningAsync(clientId));
        var warning = await App.WithDbAsync(db => db.Warnings.SingleAsync(w => w.ClientId == clientId && w.Rule == WarningRule.DocumentExpired));
        Assert.Equal(WarningFamily.MajorChange, warning.Family);
        var page = await (await SignedInAsync("head1")).GetPageAsync($"/Warnings/{warning.Id}");
        Assert.NotNull(page.QuerySelector($"a[href='/Clients/{clientId}/Documents']"));
    }

    private Task<bool> ExpiredWarningAsync(Guid clientId) =>
        App.WithDbAsync(db => db.Warnings.Where(Warning.IsOpen).AnyAsync(w => w.ClientId == clientId && w.Rule == WarningRule.DocumentExpired));
}
