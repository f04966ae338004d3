using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using ClientCrm.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.ModelBinding.Metadata;

namespace ClientCrm.IntegrationTests.Web;

/// <summary>
/// Every message a user can trigger reads as text written for this product, in the user's language: each form of the app
/// is submitted empty and with values of the wrong kind (letters in number and date fields, choices that are not on the
/// list, text far over the length limit), and every message on the answer (next to a field, at the top of the form, in
/// the flash, in the data-val-* attributes) is checked. Framework wording fails: FluentValidation's and ASP.NET Core's
/// own templates in either language ("'需求人数' 不能为Null。", "The value 'abc' is not valid for …", "'X' must not be
/// empty."), an English-only sentence or "null" in the Chinese UI, Chinese in the English UI, and property names such as
/// ContactOn.
/// </summary>
[LongRunning(210)]
public sealed partial class UserMessageTests(PostgresFixture postgres) : AppTest(postgres)
{
    private const string Letters = "abc";

    public static TheoryData<string, string> RolesAndCultures => UiWalk.RolesAndCultures();

    [Theory]
    [MemberData(nameof(RolesAndCultures))]
    public async Task Every_form_answers_empty_and_mistyped_input_with_messages_written_for_users(string role, string culture)
    {
        var records = await UiWalk.ArrangeAsync(App, () => SignedInAsync("leader"), role);
        var user = await SignedInAsync(role);
        await UiWalk.UseCultureAsync(user, culture);
        var pages = await UiWalk.WalkAsync(user, UiWalk.StartPages(role, records));

        var forms = pages
            .SelectMany(p => p.Document.QuerySelectorAll("form").OfType<IHtmlFormElement>().Where(IsUserForm).Select(f => (p.Url, Selector: SelectorOf(f))))
            .DistinctBy(f => (UiWalk.KindOf(f.Url), f.Selector))
            .ToList();
        var problems = new List<string>();
        var messagesSeen = 0;
        foreach (var (url, selector) in forms)
        {
            IHtmlDocument? refused = null;
            foreach (var mistyped in new[] { false, true })
            {
                // A refused form comes back filled in, with a fresh token: the second submission starts from it.
                var page = refused ?? await user.GetPageAsync(url);
                if (page.QuerySelector(selector) is not IHtmlFormElement form)
                {
                    break; // an earlier submission changed the record (a warning moved on, a proposal was decided)
                }

                (var messages, refused) = await SubmitAsync(user, page, url, selector, ValuesFor(form, mistyped));
                messagesSeen += messages.Count;
                problems.AddRange(messages.Select(m => Judge(m, culture)).OfType<string>()
                    .Select(p => $"{url} {selector} ({(mistyped ? "mistyped" : "empty")}): {p}"));
            }
        }

        var anonymous = Anonymous();
        await UiWalk.UseCultureAsync(anonymous, culture);
        foreach (var mistyped in new[] { false, true })
        {
            var login = await anonymous.GetPageAsync("/Account/Login");
            var (messages, _) = await SubmitAsync(anonymous, login, "/Account/Login", "#login-form",
                ValuesFor((IHtmlFormElement)login.QuerySelector("#login-form")!, mistyped));
            messagesSeen += messages.Count;
            problems.AddRange(messages.Select(m => Judge(m, culture)).OfType<string>().Select(p => $"/Account/Login: {p}"));
        }

        Assert.True(problems.Count == 0, $"{role} ({culture}), {forms.Count} forms:\n" + string.Join("\n", problems.Distinct()));
        Assert.True(messagesSeen > forms.Count, $"{messagesSeen} messages from {forms.Count} forms: the forms were not refused as expected");
    }

    [Fact]
    public void The_checks_recognise_the_framework_messages_users_saw()
    {
        Assert.NotNull(Judge("'需求人数' 不能为Null。", "zh-CN"));
        Assert.NotNull(Judge("'企业规模（员工人数）' 必须在 1 (包含)和 10000000 (包含)之间， 您输入了 -5。", "zh-CN"));
        Assert.NotNull(Judge("The value 'abc' is not valid for 连续合作年数.", "zh-CN"));
        Assert.NotNull(Judge("The 用户名 field is required.", "zh-CN"));
        Assert.NotNull(Judge("'Name' must not be empty.", "en-US"));
        Assert.NotNull(Judge("The value '' is invalid.", "en-US"));
        Assert.NotNull(Judge("“ContactOn”请填写日期。", "zh-CN"));
        Assert.Null(Judge("请填写“客户名称（原文）”。", "zh-CN"));
        Assert.Null(Judge("“需求人数”应在 0 到 1,000,000 之间。", "zh-CN"));
        Assert.Null(Judge("Please fill in Name (original).", "en-US"));
        Assert.Null(Judge("Please enter a number.", "en-US"));
    }

    [Theory]
    [InlineData("zh-CN", "亚洲 AS", "美元 USD")]
    [InlineData("en-US", "Asia AS", "USD (US dollar)")]
    public async Task Regions_and_currencies_are_named_not_shown_as_bare_codes(string culture, string asia, string dollar)
    {
        var records = await UiWalk.ArrangeAsync(App, () => SignedInAsync("leader"), "staff1a");
        var staff = await SignedInAsync("staff1a");
        await UiWalk.UseCultureAsync(staff, culture);

        var list = await staff.GetPageAsync("/Clients");
        Assert.Equal(asia, list.QuerySelector("#client-filter select[name='region'] option[value='AS']")!.TextContent.Trim());
        Assert.All(list.QuerySelectorAll("#client-filter select[name='region'] option[value]:not([value=''])"),
            o => Assert.NotEqual(o.GetAttribute("value"), o.TextContent.Trim()));

        var form = await staff.GetPageAsync($"/Clients/{records.ClientId}/Projects/Create");
        Assert.Equal(dollar, form.QuerySelector("select[name='Input.Currency'] option[value='USD']")!.TextContent.Trim());

        var leader = await SignedInAsync("leader");
        await UiWalk.UseCultureAsync(leader, culture);
        var rates = await leader.GetPageAsync("/Settings/ExchangeRates");
        Assert.Contains(dollar, rates.QuerySelector("#rate-table tbody tr[data-currency='USD'] td")!.TextContent, StringComparison.Ordinal);
    }

    /// <summary>
    /// Why <paramref name="message"/> is not a message for this product's users in <paramref name="culture"/>, or null
    /// when it is one.
    /// </summary>
    private static string? Judge(string message, string culture)
    {
        if (FrameworkTemplates.FirstOrDefault(t => t.IsMatch(message)) is { } template)
        {
            return $"framework text \"{UiWalk.Shorten(message)}\" (template {template})";
        }

        if (UiWalk.NullWord().IsMatch(message))
        {
            return $"\"null\" in \"{UiWalk.Shorten(message)}\"";
        }

        if (UiWalk.Identifier().Match(message) is { Success: true } identifier)
        {
            return $"property name {identifier.Value} in \"{UiWalk.Shorten(message)}\"";
        }

        if (culture == "zh-CN" && !UiWalk.HasCjk(message) && UiWalk.TwoWords().IsMatch(message))
        {
            return $"English sentence in the Chinese UI: \"{UiWalk.Shorten(message)}\"";
        }

        if (culture == "en-US" && UiWalk.HasCjk(message))
        {
            return $"Chinese in the English UI: \"{UiWalk.Shorten(message)}\"";
        }

        return null;
    }

    /// <summary>
    /// The built-in messages of the frameworks, as patterns: FluentValidation's in English and Chinese, ASP.NET Core's
    /// model-binding and DataAnnotations messages, ASP.NET Core Identity's. A message that matches one was written by a
    /// framework for developers, not by this product for its users.
    /// </summary>
    private static readonly Regex[] FrameworkTemplates = BuildTemplates();

    private static Regex[] BuildTemplates()
    {
        string[] validators =
        [
            "EmailValidator", "GreaterThanOrEqualValidator", "GreaterThanValidator", "LengthValidator", "MinimumLengthValidator",
            "MaximumLengthValidator", "LessThanOrEqualValidator", "LessThanValidator", "NotEmptyValidator", "NotEqualValidator",
            "NotNullValidator", "PredicateValidator", "AsyncPredicateValidator", "RegularExpressionValidator", "EqualValidator",
            "ExactLengthValidator", "InclusiveBetweenValidator", "ExclusiveBetweenValidator", "CreditCardValidator",
            "ScalePrecisionValidator", "EmptyValidator", "NullValidator", "EnumValidator",
        ];
        var builtIn = new FluentValidation.Resources.LanguageManager();
        var templates = new List<string>();
        foreach (var language in new[] { "en", "zh-CN" })
        {
            templates.AddRange(validators.Select(v => builtIn.GetString(v, CultureInfo.GetCultureInfo(language))));
        }

        var binding = new DefaultModelBindingMessageProvider();
        templates.AddRange([
            binding.AttemptedValueIsInvalidAccessor("{0}", "{1}"), binding.NonPropertyAttemptedValueIsInvalidAccessor("{0}"),
            binding.MissingBindRequiredValueAccessor("{0}"), binding.MissingKeyOrValueAccessor(), binding.MissingRequestBodyRequiredValueAccessor(),
            binding.ValueMustNotBeNullAccessor("{0}"), binding.UnknownValueIsInvalidAccessor("{0}"), binding.NonPropertyUnknownValueIsInvalidAccessor(),
            binding.ValueIsInvalidAccessor("{0}"), binding.ValueMustBeANumberAccessor("{0}"), binding.NonPropertyValueMustBeANumberAccessor(),
            new System.ComponentModel.DataAnnotations.RequiredAttribute().FormatErrorMessage("{0}"),
            new System.ComponentModel.DataAnnotations.EmailAddressAttribute().FormatErrorMessage("{0}"),
        ]);

        var identity = new IdentityErrorDescriber();
        templates.AddRange(new[]
        {
            identity.DefaultError(), identity.ConcurrencyFailure(), identity.PasswordMismatch(), identity.InvalidToken(),
            identity.InvalidUserName("{0}"), identity.InvalidEmail("{0}"), identity.DuplicateUserName("{0}"), identity.DuplicateEmail("{0}"),
            identity.UserLockoutNotEnabled(), identity.PasswordTooShort(98765), identity.PasswordRequiresNonAlphanumeric(),
            identity.PasswordRequiresDigit(), identity.PasswordRequiresLower(), identity.PasswordRequiresUpper(),
            identity.PasswordRequiresUniqueChars(98765),
        }.Select(e => e.Description.Replace("98765", "{0}", StringComparison.Ordinal)));

        return templates
            .Where(t => !string.IsNullOrWhiteSpace(t) && Placeholder().Replace(t, "").Trim().Length >= 4)
            .Distinct()
            .Select(t => new Regex("^" + EscapedPlaceholder().Replace(Regex.Escape(t.Trim()), ".*") + "$", RegexOptions.Singleline))
            .ToArray();
    }

    [GeneratedRegex(@"\{[^}]*\}")]
    private static partial Regex Placeholder();

    [GeneratedRegex(@"\\\{[^}]*\}")]
    private static partial Regex EscapedPlaceholder();

    /// <summary>A form a user fills in and posts: not a filter (GET), not the bar's language and sign-out buttons.</summary>
    private static bool IsUserForm(IHtmlFormElement form) =>
        string.Equals(form.Method, "post", StringComparison.OrdinalIgnoreCase)
        && form.GetAttribute("action") is not ("/Culture" or "/Account/Logout")
        && form.Elements.Any(e => e is IHtmlSelectElement or IHtmlTextAreaElement
            || (e is IHtmlInputElement input && input.Type is not ("hidden" or "submit" or "button")));

    private static string SelectorOf(IHtmlFormElement form) =>
        !string.IsNullOrEmpty(form.Id) ? "#" + form.Id : $"form[action='{form.GetAttribute("action")}']";

    /// <summary>
    /// Every visible field empty (boxes unticked), or every field given a value of the wrong kind: letters for numbers
    /// and dates, a choice not on the list, text far over any length limit. Hidden fields (tokens, versions) stay.
    /// </summary>
    private static Dictionary<string, string?> ValuesFor(IHtmlFormElement form, bool mistyped)
    {
        var values = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var element in form.Elements)
        {
            switch (element)
            {
                case IHtmlInputElement input when !string.IsNullOrEmpty(input.Name) && input.Type is not ("hidden" or "submit" or "button"):
                    values[input.Name] = (input.Type, input.GetAttribute("inputmode"), mistyped) switch
                    {
                        ("checkbox" or "radio", _, false) => null,
                        ("checkbox" or "radio", _, true) => "zzz",
                        (_, _, false) => "",
                        ("number" or "date" or "datetime-local" or "month" or "time", _, true) => Letters,
                        (_, "numeric" or "decimal", true) => Letters,
                        _ => new string('x', 5000),
                    };
                    break;
                case IHtmlSelectElement select when !string.IsNullOrEmpty(select.Name):
                    values[select.Name] = mistyped ? "zzz" : "";
                    break;
                case IHtmlTextAreaElement area when !string.IsNullOrEmpty(area.Name):
                    values[area.Name] = mistyped ? new string('x', 9000) : "";
                    break;
                default:
                    break;
            }
        }

        return values;
    }

    /// <summary>
    /// Posts the form and returns every message the answer shows (following a redirect to its flash message), and the
    /// answer itself when the form came back refused.
    /// </summary>
    private static async Task<(List<string> Messages, IHtmlDocument? Refused)> SubmitAsync(CrmClient user, IHtmlDocument page, string url,
        string selector, Dictionary<string, string?> values)
    {
        using var response = await user.SubmitAsync(page, url, selector, values);
        Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.Redirect,
            $"POST {selector} on {url} answered {(int)response.StatusCode}");
        if (response.StatusCode == HttpStatusCode.Redirect)
        {
            var location = response.Headers.Location!.OriginalString;
            using var next = await user.GetAsync(location);
            return (next.StatusCode == HttpStatusCode.OK ? Messages(await CrmClient.ParseAsync(next)) : [], null);
        }

        var answer = await CrmClient.ParseAsync(response);
        return (Messages(answer), answer);
    }

    private static List<string> Messages(IHtmlDocument page)
    {
        var shown = page.QuerySelectorAll("[data-valmsg-for], .validation-summary-errors li, #form-errors > div, #flash-error, .alert-danger")
            .Select(e => e.TextContent.Trim());
        var attributes = page.QuerySelectorAll("form *")
            .SelectMany(e => e.Attributes)
            .Where(a => a.Name.StartsWith("data-val-", StringComparison.Ordinal) && a.Name.Count(c => c == '-') == 2)
            .Select(a => a.Value.Trim());
        return shown.Concat(attributes).Where(m => m.Length > 0).Distinct().ToList();
    }
}
