using System.Globalization;
using ClientCrm.Domain.Access;
using ClientCrm.Infrastructure.Access;
using ClientCrm.Infrastructure.Identity;
using ClientCrm.Infrastructure.Persistence;
using ClientCrm.Web.Localization;
using ClientCrm.Web.Security;
using ClientCrm.Web.Validation;
using FluentValidation;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc.Razor;

namespace ClientCrm.Web.Setup;

internal static class WebServices
{
    public const string ClientWorkersPolicy = "ClientWorkers";
    public const string LeaderPolicy = "Leader";
    public const string AdminPolicy = "Admin";
    public const string ReviewersPolicy = "Reviewers";

    /// <summary>Staff, heads and leaders: everyone who sees clients (an admin sees none).</summary>
    public static bool WorksWithClients(AccessScope scope) => scope.Level != ScopeLevel.None;

    /// <summary>Heads and leaders: they decide grades and review warnings.</summary>
    public static bool Reviews(AccessScope scope) => scope.IsLeader || scope.IsDepartmentHead;

    public static readonly CultureInfo[] Cultures = [new("zh-CN"), new("en-US")];

    public static IServiceCollection AddWeb(this IServiceCollection services, IConfiguration configuration, IWebHostEnvironment environment)
    {
        // One business clock for the whole app (pages, jobs, engines): the company's zone, not the server's.
        // An unknown zone stops the start-up here, with the zone in the message, rather than on the first page.
        var timeZoneId = configuration["Crm:TimeZone"];
        _ = ClientCrm.Domain.Common.BusinessClock.For(TimeProvider.System, timeZoneId);
        services.AddSingleton(sp => ClientCrm.Domain.Common.BusinessClock.For(sp.GetRequiredService<TimeProvider>(), timeZoneId));

        services.AddHttpContextAccessor();
        services.AddScoped<ICurrentActor, HttpContextActor>();

        services.AddIdentity<CrmUser, IdentityRole>(o =>
            {
                // ASVS 5.0 V6.2: length over composition; common passwords are refused by CommonPasswordValidator.
                o.Password.RequiredLength = 12;
                o.Password.RequireDigit = false;
                o.Password.RequireLowercase = false;
                o.Password.RequireUppercase = false;
                o.Password.RequireNonAlphanumeric = false;
                o.Password.RequiredUniqueChars = 4;
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                o.Lockout.AllowedForNewUsers = true;
                o.User.RequireUniqueEmail = false;
                o.SignIn.RequireConfirmedAccount = false;
            })
            .AddEntityFrameworkStores<CrmDbContext>()
            .AddUserManager<CrmUserManager>()
            .AddSignInManager<CrmSignInManager>()
            .AddClaimsPrincipalFactory<CrmClaimsPrincipalFactory>()
            .AddPasswordValidator<CommonPasswordValidator>()
            .AddErrorDescriber<LocalizedIdentityErrorDescriber>()
            .AddDefaultTokenProviders();

        // Read from the host's final configuration (a host may add settings after this runs); a refused count stops the
        // start-up all the same (ValidateOnStart builds the options then).
        services.AddOptions<PasswordHasherOptions>()
            .Configure<IConfiguration>((o, settings) => o.IterationCount = PasswordHashing.Iterations(settings, environment))
            .ValidateOnStart();
        // Each user's current stamp, so every request can check its cookie without a query (SessionStamps).
        services.AddSingleton<SessionStamps>();
        // Sign-in attempts per address and per account name (Crm:SignIn:*); bad limits stop the start-up here.
        var signInLimits = SignInLimits.From(configuration);
        services.AddSingleton(_ => new SignInThrottle(signInLimits));
        services.Configure<SecurityStampValidatorOptions>(o =>
        {
            o.ValidationInterval = configuration.GetValue("Crm:SecurityStampValidationInterval", TimeSpan.FromMinutes(1));
            o.OnRefreshingPrincipal = AbsoluteSessionLifetime.KeepSignInTime;
        });
        services.ConfigureApplicationCookie(o =>
        {
            // Outside development the __Host- prefix makes browsers refuse the cookie unless it is Secure, host-only and path /.
            o.Cookie.Name = environment.IsDevelopment() ? "ClientCrm.Auth" : "__Host-ClientCrm.Auth";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.Cookie.SecurePolicy = environment.IsDevelopment() ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;
            o.ExpireTimeSpan = TimeSpan.FromHours(8);
            o.SlidingExpiration = true;
            o.LoginPath = "/Account/Login";
            o.LogoutPath = "/Account/Logout";
            o.AccessDeniedPath = "/Account/AccessDenied";
            o.Events.OnValidatePrincipal = AbsoluteSessionLifetime.ValidateAsync;
        });
        // The sign-in cookie decrypted once per value (RecentTickets); registered after AddIdentity so it wraps the format the framework sets up.
        services.AddSingleton<Microsoft.Extensions.Options.IPostConfigureOptions<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions>, RecentTickets.Setup>();
        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = environment.IsDevelopment() ? "ClientCrm.Antiforgery" : "__Host-ClientCrm.Antiforgery";
            o.Cookie.SecurePolicy = environment.IsDevelopment() ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;
        });
        // The forms' request token made once per antiforgery cookie and user (RecentAntiforgeryTokens), not on every page.
        RecentAntiforgeryTokens.Register(services);

        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new Microsoft.AspNetCore.Authorization.AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
            // What a user is comes from their roles in one place (AccessScope.For, through CrmClaims.ScopeOf), for the page
            // policies as for the pages, the menu and the data.
            .AddPolicy(ClientWorkersPolicy, p => p.RequireAssertion(c => WorksWithClients(CrmClaims.ScopeOf(c.User))))
            .AddPolicy(LeaderPolicy, p => p.RequireAssertion(c => CrmClaims.ScopeOf(c.User).IsLeader))
            .AddPolicy(AdminPolicy, p => p.RequireRole(Roles.Admin))
            .AddPolicy(ReviewersPolicy, p => p.RequireAssertion(c => Reviews(CrmClaims.ScopeOf(c.User))));

        services.AddLocalization(o => o.ResourcesPath = "Resources");
        services.AddSingleton<Microsoft.Extensions.Localization.IStringLocalizer<SharedResource>, CachedSharedLocalizer>();
        services.Configure<RequestLocalizationOptions>(o =>
        {
            o.DefaultRequestCulture = new RequestCulture("zh-CN");
            o.SupportedCultures = Cultures;
            o.SupportedUICultures = Cultures;
            // The company works in Chinese: only an explicit switch (cookie) changes the language, not the browser.
            o.RequestCultureProviders = [new CookieRequestCultureProvider()];
        });

        // Chinese text as characters, not &#x…; entities: pages are about a third of the size. Razor still encodes what
        // HTML needs encoded (<, >, &, quotes).
        services.Configure<Microsoft.Extensions.WebEncoders.WebEncoderOptions>(o =>
            o.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));
        services.AddRazorPages(o =>
            {
                o.Conventions.AuthorizeFolder("/Clients", ClientWorkersPolicy);
                o.Conventions.AuthorizeFolder("/Audit", LeaderPolicy);
                o.Conventions.AuthorizeFolder("/Grading", ReviewersPolicy);
                o.Conventions.AuthorizeFolder("/Warnings", ClientWorkersPolicy);
                o.Conventions.AuthorizeFolder("/Evaluations", ClientWorkersPolicy);
                o.Conventions.AuthorizeFolder("/Todo", ClientWorkersPolicy);
                o.Conventions.AuthorizeFolder("/Complaints", ClientWorkersPolicy);
                o.Conventions.AuthorizeFolder("/Accountability", ClientWorkersPolicy);
                o.Conventions.AuthorizeFolder("/ContractReviews", ClientWorkersPolicy);
                o.Conventions.AuthorizeFolder("/Settings", LeaderPolicy);
                o.Conventions.AuthorizeFolder("/AccessRequests", ClientWorkersPolicy);
                o.Conventions.AuthorizeFolder("/DossierUse", LeaderPolicy);
                o.Conventions.AuthorizeFolder("/Admin", AdminPolicy);
                o.Conventions.AllowAnonymousToPage("/Account/Login");
                o.Conventions.AllowAnonymousToPage("/Account/AccessDenied");
                o.Conventions.AllowAnonymousToPage("/Error");
                o.Conventions.AllowAnonymousToPage("/Culture");
            })
            .AddViewLocalization(LanguageViewLocationExpanderFormat.Suffix)
            .AddDataAnnotationsLocalization(o => o.DataAnnotationLocalizerProvider = (_, factory) => factory.Create(typeof(SharedResource)));
        // The framework's own messages (a value that is not a number, an empty required value) in the product's words.
        services.AddOptions<Microsoft.AspNetCore.Mvc.MvcOptions>()
            .Configure<Microsoft.Extensions.Localization.IStringLocalizer<SharedResource>>(BindingMessages.Configure);
        services.AddOptions<Microsoft.AspNetCore.Mvc.MvcViewOptions>()
            .Configure<Microsoft.Extensions.Localization.IStringLocalizer<SharedResource>>((o, l) =>
                o.ClientModelValidatorProviders.Add(new ImplicitRequiredMessages(l)));

        // Dates outside 1900–2099 are refused at binding, for every page (the other half of the edge is InputCleaning).
        services.Configure<Microsoft.AspNetCore.Mvc.MvcOptions>(o => o.ModelBinderProviders.Insert(0, new BoundedDateBinderProvider()));
        // A refused save (the domain's refusal, a concurrent change, a duplicate) becomes the message next to its field, on every page.
        services.AddSingleton<RefusalFilter>();
        services.Configure<Microsoft.AspNetCore.Mvc.MvcOptions>(o => o.Filters.AddService<RefusalFilter>());

        // Kept first pages (26 per entry) and unread counts (1 each): about 2,000 pages at most, some tens of MB.
        services.AddMemoryCache(o => o.SizeLimit = 50_000);
        services.AddSingleton<Paging.KeptReads>();
        services.AddSingleton<Paging.ScopeSummaries>();
        services.AddSingleton<Pages.InboxBadge>();
        services.AddSingleton<Pages.TodoBadge>();
        services.AddScoped<Pages.Todo.TodoList>();
        services.AddSingleton<Pages.AccessRequests.AccessRequestTokens>();
        // Internal validators too, so a validator's visibility never decides whether its page can be built.
        Validation.CultureValidators.Register(services, typeof(WebServices).Assembly);
        services.AddSingleton<DatabaseProbe>();
        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database");
        return services;
    }
}
