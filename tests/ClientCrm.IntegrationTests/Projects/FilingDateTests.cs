using System.Net;
using ClientCrm.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static ClientCrm.IntegrationTests.Projects.ProjectTestData;

namespace ClientCrm.IntegrationTests.Projects;

/// <summary>A batch's commerce-bureau filing date may not lie after the company's today, whatever the server's UTC date.</summary>
public sealed class FilingDateTests(PostgresFixture postgres) : AppTest(postgres)
{
    // 17:30 UTC on 2 December is 01:30 on 3 December in Beijing: the UTC date is still the 2nd.
    private static readonly DateTimeOffset HalfPastOneInBeijing = new(2026, 12, 2, 17, 30, 0, TimeSpan.Zero);
    private readonly AdjustableClock _clock = new(HalfPastOneInBeijing);

    protected override void ConfigureApp(IWebHostBuilder builder) =>
        builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(_clock));

    [Fact]
    public async Task At_half_past_one_in_Beijing_a_filing_of_the_Beijing_date_is_accepted_and_one_of_the_next_day_is_refused()
    {
        var clientId = await FreshActiveClientAsync(App, "staff1a");
        var staff = await SignedInAsync("staff1a");
        var createUrl = $"/Clients/{clientId}/Projects/Create";
        var values = ValidProject("北京时间凌晨备案的批次");
        values["Input.FilingNumber"] = "外劳备〔2026〕1203号";
        values["Input.FiledOn"] = "2026-12-04";

        using (var tomorrow = await staff.SubmitAsync(createUrl, "#project-form", values))
        {
            Assert.Equal(HttpStatusCode.OK, tomorrow.StatusCode);
            var page = await CrmClient.ParseAsync(tomorrow);
            Assert.Contains("备案日期不能晚于今天", HtmlAssert.FieldError(page, "Input.FiledOn"), StringComparison.Ordinal);
            Assert.Equal("2026-12-04", HtmlAssert.FieldValue(page, "Input.FiledOn"));
            Assert.Equal("外劳备〔2026〕1203号", HtmlAssert.FieldValue(page, "Input.FilingNumber"));
        }

        values["Input.FiledOn"] = "2026-12-03";
        using (var today = await staff.SubmitAsync(createUrl, "#project-form", values))
        {
            Assert.Equal(HttpStatusCode.Redirect, today.StatusCode);
        }

        var filed = await App.WithDbAsync(db => db.CooperationProjects.Where(p => p.ClientId == clientId).Select(p => p.FiledOn).SingleAsync());
        Assert.Equal(new DateOnly(2026, 12, 3), filed);
    }
}
