using System.Net;
using ClientCrm.IntegrationTests.Admin;
using ClientCrm.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static ClientCrm.IntegrationTests.Projects.ProjectTestData;

namespace ClientCrm.IntegrationTests.Projects;

/// <summary>The leaders' exchange rates and the CNY equivalent fixed when a contract amount is entered.</summary>
public sealed class ExchangeRateTests(PostgresFixture postgres) : AppTest(postgres)
{
    private const string RatesUrl = "/Settings/ExchangeRates";

    [Theory]
    [InlineData("staff1a")]
    [InlineData("head1")]
    public async Task Only_leaders_reach_the_exchange_rate_setting(string userName)
    {
        var user = await SignedInAsync(userName);

        using var response = await user.GetAsync(RatesUrl);

        AdminTestData.AssertForbidden(response);
        var home = await user.GetPageAsync("/");
        Assert.Null(home.QuerySelector("#nav-exchange-rates"));
    }

    [Fact]
    public async Task The_leader_adds_a_rate_and_a_second_one_for_the_same_currency_and_day_is_refused_next_to_the_date()
    {
        var leader = await SignedInAsync("leader");
        var home = await leader.GetPageAsync("/");
        Assert.NotNull(home.QuerySelector("#nav-exchange-rates"));

        var before = await App.WithDbAsync(db => db.ExchangeRates.CountAsync());
        await AddRateAsync(leader, "usd", "7.1234", Today);
        var page = await leader.GetPageAsync(RatesUrl);
        var row = Assert.Single(page.QuerySelectorAll($"#rate-table tbody tr[data-currency='USD'][data-effective-from='{Day(Today)}']"));
        Assert.Equal("7.1234", row.QuerySelector(".rate-value")!.TextContent.Trim());
        Assert.Equal("公司领导 李强", row.QuerySelector(".rate-entered-by")!.TextContent.Trim());
        Assert.Same(row, page.QuerySelector("#rate-table tbody tr"));

        using var duplicate = await leader.SubmitAsync(RatesUrl, "#rate-form", RateValues("USD", "7.5", Today));
        Assert.Equal(HttpStatusCode.OK, duplicate.StatusCode);
        var refused = await CrmClient.ParseAsync(duplicate);
        Assert.Contains("已有汇率", HtmlAssert.FieldError(refused, "Input.EffectiveFrom"), StringComparison.Ordinal);
        Assert.Equal("7.5", HtmlAssert.FieldValue(refused, "Input.CnyPerUnit"));
        Assert.Equal("USD", HtmlAssert.FieldValue(refused, "Input.Currency"));
        Assert.Equal(before + 1, await App.WithDbAsync(db => db.ExchangeRates.CountAsync()));

        using var bad = await leader.SubmitAsync(RatesUrl, "#rate-form", RateValues("US", "0", Today));
        var badPage = await CrmClient.ParseAsync(bad);
        Assert.Contains("三位字母", HtmlAssert.FieldError(badPage, "Input.Currency"), StringComparison.Ordinal);
        Assert.Contains("大于零", HtmlAssert.FieldError(badPage, "Input.CnyPerUnit"), StringComparison.Ordinal);

        using var yuan = await leader.SubmitAsync(RatesUrl, "#rate-form", RateValues("CNY", "1", Today));
        Assert.Contains("人民币无需设定汇率", HtmlAssert.FieldError(await CrmClient.ParseAsync(yuan), "Input.Currency"), StringComparison.Ordinal);
        Assert.Equal(before + 1, await App.WithDbAsync(db => db.ExchangeRates.CountAsync()));
    }

    [Fact]
    public async Task A_usd_amount_takes_the_rate_in_force_on_the_entry_day_and_keeps_it_when_the_rate_changes()
    {
        var leader = await SignedInAsync("leader");
        await AddRateAsync(leader, "USD", "7.1", Today.AddDays(-10));
        await AddRateAsync(leader, "USD", "9.9", Today.AddDays(5));

        var clientId = await FreshActiveClientAsync(App, "staff1a");
        var staff = await SignedInAsync("staff1a");
        var createUrl = $"/Clients/{clientId}/Projects/Create";
        var form = await staff.GetPageAsync(createUrl);
        var offered = form.QuerySelectorAll("select[name='Input.Currency'] option").Select(o => o.GetAttribute("value")).ToList();
        Assert.Equal("", offered[0]);
        Assert.Equal("CNY", offered[1]);
        Assert.Contains("USD", offered);
        Assert.DoesNotContain("XTS", offered);

        var values = ValidProject("美元合同批次");
        values["Input.ContractAmount"] = "10000";
        values["Input.Currency"] = "USD";
        using var saved = await staff.SubmitAsync(form, createUrl, "#project-form", values);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var detailsUrl = saved.Headers.Location!.OriginalString;

        var details = await staff.GetPageAsync(detailsUrl);
        Assert.Equal("10,000.00 美元 USD", details.QuerySelector("#project-amount")!.TextContent.Trim());
        Assert.Equal("71,000.00", details.QuerySelector("#project-amount-cny")!.TextContent.Trim());
        var rate = details.QuerySelector("#project-rate")!.TextContent;
        Assert.Contains("1 USD = 7.1 元人民币", rate, StringComparison.Ordinal);
        Assert.Contains(Day(Today.AddDays(-10)), rate, StringComparison.Ordinal);

        // A leader changes the rate from today; the project keeps the figure fixed at entry, also when it is edited.
        await AddRateAsync(leader, "USD", "7.3", Today);
        var projectId = await ProjectIdAsync(App, "美元合同批次");
        using var edited = await staff.SubmitAsync($"{detailsUrl}/Edit", "#project-form", new Dictionary<string, string?>
        {
            ["Input.Notes"] = "汇率调整后修改备注 edited after the rate change",
        });
        Assert.Equal(HttpStatusCode.Redirect, edited.StatusCode);
        var project = await App.WithDbAsync(db => db.CooperationProjects.SingleAsync(p => p.Id == projectId));
        Assert.Equal(71_000m, project.AmountCny);
        Assert.Equal(7.1m, project.RateUsed);
        Assert.Equal(Today.AddDays(-10), project.RateDate);
        Assert.Equal("汇率调整后修改备注 edited after the rate change", project.Notes);
        Assert.Equal("71,000.00", (await staff.GetPageAsync(detailsUrl)).QuerySelector("#project-amount-cny")!.TextContent.Trim());

        // A project entered now takes the new rate.
        var later = ValidProject("新汇率批次");
        later["Input.ContractAmount"] = "100";
        later["Input.Currency"] = "USD";
        using (var laterSaved = await staff.SubmitAsync(createUrl, "#project-form", later))
        {
            Assert.Equal(HttpStatusCode.Redirect, laterSaved.StatusCode);
        }

        Assert.Equal(730m, await App.WithDbAsync(db => db.CooperationProjects.Where(p => p.Name == "新汇率批次").Select(p => p.AmountCny).SingleAsync()));
    }

    private static Dictionary<string, string?> RateValues(string currency, string rate, DateOnly from) => new()
    {
        ["Input.Currency"] = currency,
        ["Input.CnyPerUnit"] = rate,
        ["Input.EffectiveFrom"] = Day(from),
    };

    private static async Task AddRateAsync(CrmClient leader, string currency, string rate, DateOnly from)
    {
        using var response = await leader.SubmitAsync(RatesUrl, "#rate-form", RateValues(currency, rate, from));
        Assert.True(response.StatusCode == HttpStatusCode.Redirect,
            $"adding {currency} {rate} from {Day(from)} answered {(int)response.StatusCode}: {CrmClient.Shorten(await response.Content.ReadAsStringAsync())}");
    }
}
