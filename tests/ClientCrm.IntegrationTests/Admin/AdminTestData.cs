using System.Globalization;
using System.Net;
using ClientCrm.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace ClientCrm.IntegrationTests.Admin;

/// <summary>Lookups and login attempts shared by the admin and account tests.</summary>
internal static class AdminTestData
{
    public const string NewPassword = "Harbour-Lantern-4711";

    public static Task<string> UserIdAsync(CrmAppFactory app, string userName) =>
        app.WithDbAsync(db => db.Users.Where(u => u.UserName == userName).Select(u => u.Id).SingleAsync());

    public static async Task<string> DepartmentIdAsync(CrmAppFactory app, string code) =>
        (await app.WithDbAsync(db => db.Departments.Where(d => d.Code == code).Select(d => d.Id).SingleAsync()))
        .ToString(CultureInfo.InvariantCulture);

    /// <summary>Posts the login form; the caller decides whether a redirect (success) or the form again is expected.</summary>
    public static Task<HttpResponseMessage> TryLoginAsync(CrmClient client, string userName, string password) =>
        client.SubmitAsync("/Account/Login", "#login-form",
            new Dictionary<string, string?> { ["Input.UserName"] = userName, ["Input.Password"] = password });

    public static void AssertRedirectsTo(HttpResponseMessage response, string path)
    {
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains(path, response.Headers.Location!.ToString(), StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Forbidden either way: a 403, or the cookie handler's redirect to the access-denied page.</summary>
    public static void AssertForbidden(HttpResponseMessage response)
    {
        if (response.StatusCode == HttpStatusCode.Forbidden)
        {
            return;
        }

        AssertRedirectsTo(response, "/Account/AccessDenied");
    }
}
