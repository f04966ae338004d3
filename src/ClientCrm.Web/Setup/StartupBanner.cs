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
        if (addresses.Count == 0)
        {
            // An in-memory test host listens nowhere: nobody is there to read it, and a run of hundreds buries the test output.
            return;
        }

        var lines = new List<string> { "", "ClientCrm is running at: " + string.Join(", ", addresses) };
        if (app.Configuration.GetValue<bool>("Crm:SeedDemoData") && app.Environment.IsDevelopment() &&
            app.Services.GetService<IDemoCompany>() is { } demo)
        {
            lines.AddRange(demo.SignInLines);
        }

        lines.Add("");
        Console.WriteLine(string.Join(Environment.NewLine, lines));
    }
}
