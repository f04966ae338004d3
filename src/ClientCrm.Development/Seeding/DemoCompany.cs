using ClientCrm.Infrastructure.Seeding;

namespace ClientCrm.Development.Seeding;

/// <summary><see cref="DemoData"/> (with <see cref="DemoCooperation"/>) as the app's start-up sees it.</summary>
internal sealed class DemoCompany : IDemoCompany
{
    public Task SeedAsync(IServiceProvider services, CancellationToken ct = default) => DemoData.SeedAsync(services, ct);

    public IReadOnlyList<string> SignInLines { get; } =
    [
        $"Demo accounts (password {DemoData.Password}):",
        .. DemoData.Accounts.Select(a => $"  {a.UserName,-8} {a.Role,-15} {a.DepartmentCode ?? ""}"),
    ];
}
