namespace ClientCrm.Web.Security;

/// <summary>
/// PBKDF2 iterations of new password hashes (ASP.NET Core Identity v3, HMAC-SHA512). 210,000 is OWASP's figure for
/// PBKDF2-HMAC-SHA512 (security.md, V11.4). Setting Crm:PasswordHashIterations may lower it in Development only: the test
/// suite signs in hundreds of times, about a tenth of a CPU second each at 210,000. Anywhere else a lower count stops the
/// start-up.
/// </summary>
internal static class PasswordHashing
{
    public const int ProductionIterations = 210_000;

    public const string Setting = "Crm:PasswordHashIterations";

    public static int Iterations(IConfiguration configuration, IHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(environment);
        var iterations = configuration.GetValue(Setting, ProductionIterations);
        if (iterations < 1 || (iterations < ProductionIterations && !environment.IsDevelopment()))
        {
            throw new InvalidOperationException(
                $"{Setting} is {iterations}: outside Development it may not be below {ProductionIterations}. Remove the setting.");
        }

        return iterations;
    }
}
