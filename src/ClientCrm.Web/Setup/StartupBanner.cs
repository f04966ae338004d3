using ClientCrm.Infrastructure.Seeding;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace ClientCrm.Web.Setup;

/// <summary>Tells whoever ran `dotnet run` where the app is and, with demo data, how to sign in.</summary>
internal static class StartupBanner
{
    public static void Print(WebApplication app)
    {
        var addresses = app.Services.GetService<IServer>()?.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        var lines = new List<string> { "", "ClientCrm is running at: " + string.Join(", ", addresses) };
        if (app.Configuration.GetValue<bool>("Crm:SeedDemoData") && app.Environment.IsDevelopment())
        {
            lines.Add($"Demo accounts (password {DemoData.Password}):");
            lines.AddRange(DemoData.Accounts.Select(a => $"  {a.UserName,-8} {a.Role,-15} {a.DepartmentCode ?? ""}"));
        }

        lines.Add("");
        Console.WriteLine(string.Join(Environment.NewLine, lines));
    }
}
