using System.Net;
using ClientCrm.IntegrationTests.Infrastructure;
using ClientCrm.Web.Validation;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace ClientCrm.IntegrationTests.Web;

/// <summary>
/// Validators are made once per culture and kept (<see cref="CultureValidators"/>): a kept validator speaks the language of
/// the request at hand, and a rule about "this year" reads the business clock when the form is checked, not when the
/// validator was made.
/// </summary>
public sealed class KeptValidatorTests(PostgresFixture postgres) : AppTest(postgres)
{
    /// <summary>2026-12-31 23:30 in Beijing: half an hour before the company's new year.</summary>
    private static readonly DateTimeOffset NewYearsEveInBeijing = new(2026, 12, 31, 15, 30, 0, TimeSpan.Zero);

    private readonly AdjustableClock _clock = new(NewYearsEveInBeijing);

    protected override void ConfigureApp(IWebHostBuilder builder) =>
        builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(_clock));

    [Fact]
    public async Task A_kept_validator_answers_in_each_users_language_and_knows_the_new_year_once_it_comes_in_Beijing()
    {
        var chinese = await SignedInAsync("staff1a");
        var english = await SignedInAsync("staff1b");
        await UiWalk.UseCultureAsync(english, "en-US");

        Assert.Equal("成立年份应在1800年至2026年之间", await YearErrorAsync(chinese, "Next Year Trading", "2027"));
        Assert.Equal("Year established must be between 1800 and 2026", await YearErrorAsync(english, "Next Year Shipping", "2027"));
        Assert.Equal("成立年份应在1800年至2026年之间", await YearErrorAsync(chinese, "Next Year Foods", "2027"));

        // 00:30 on 1 January in Beijing (still 31 December in UTC): 2027 is this year now, for the validators already made.
        _clock.Advance(TimeSpan.FromHours(1));
        var values = ClientForms.ValidRegistration("New Year Builders");
        values["Input.YearEstablished"] = "2027";
        using (var saved = await chinese.SubmitAsync("/Clients/Create", "#client-form", values))
        {
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        }

        Assert.Equal("Year established must be between 1800 and 2027", await YearErrorAsync(english, "Year After Shipping", "2028"));
    }

    [Fact]
    public void Validators_that_take_the_requests_database_context_are_made_per_request_and_the_others_are_kept()
    {
        Assert.True(CultureValidators.Keepable(typeof(ClientCrm.Web.Pages.Clients.ClientInputValidator)));
        Assert.True(CultureValidators.Keepable(typeof(ClientCrm.Web.Pages.Accountability.AccountabilityInputValidator)));
        Assert.False(CultureValidators.Keepable(typeof(ClientCrm.Web.Pages.Admin.Users.UserInputValidator)));

        // The app resolves them so: a kept one is the same object in two requests of one culture.
        using var first = App.Services.CreateScope();
        using var second = App.Services.CreateScope();
        var kept = typeof(FluentValidation.IValidator<ClientCrm.Web.Pages.Clients.ClientInput>);
        var perRequest = typeof(FluentValidation.IValidator<ClientCrm.Web.Pages.Admin.Users.UserInput>);
        Assert.Same(first.ServiceProvider.GetRequiredService(kept), second.ServiceProvider.GetRequiredService(kept));
        Assert.NotSame(first.ServiceProvider.GetRequiredService(perRequest), second.ServiceProvider.GetRequiredService(perRequest));
    }

    private static async Task<string?> YearErrorAsync(CrmClient user, string name, string year)
    {
        var values = ClientForms.ValidRegistration(name);
        values["Input.YearEstablished"] = year;
        using var response = await user.SubmitAsync("/Clients/Create", "#client-form", values);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await CrmClient.ParseAsync(response);
        Assert.Equal(year, HtmlAssert.FieldValue(page, "Input.YearEstablished"));
        return HtmlAssert.FieldError(page, "Input.YearEstablished");
    }
}
