namespace ClientCrm.Infrastructure.Seeding;

/// <summary>
/// The demo company of a developer's run. It is made by ClientCrm.Development (fake data from Bogus), which only Debug
/// builds carry, so a published app has none registered and never seeds one.
/// </summary>
public interface IDemoCompany
{
    /// <summary>Seeds the company into a database without users; leaves any other database as it is.</summary>
    Task SeedAsync(IServiceProvider services, CancellationToken ct = default);

    /// <summary>How to sign in to it, for the start-up banner: the shared password and one line per account.</summary>
    IReadOnlyList<string> SignInLines { get; }
}
