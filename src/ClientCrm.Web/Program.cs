using ClientCrm.Infrastructure;
using ClientCrm.Infrastructure.Seeding;
using ClientCrm.Web.Setup;
#if DEBUG
using ClientCrm.Development;
#endif

var builder = WebApplication.CreateBuilder(args);
var startupLog = builder.AddCrmLogging();
#if DEBUG
// `dotnet run`: the demo company, and a private PostgreSQL cluster when no server is configured.
if (!await builder.AddDevelopmentRunAsync(startupLog))
{
    return 1;
}
#endif

var connectionString = DatabaseBootstrap.ConnectionString(builder.Configuration, builder.Environment);
builder.Services.AddInfrastructure(connectionString, DatabaseBootstrap.LoadKeyRing(builder.Configuration, builder.Environment));
builder.Services.AddScheduledJobs(connectionString, builder.Configuration);
builder.Services.AddWeb(builder.Configuration, builder.Environment);

var app = builder.Build();
await DatabaseInitializer.InitializeAsync(app.Services, app.Configuration, app.Environment);
if (await RotateKeysCommand.TryRunAsync(app, args))
{
    return 0;
}

app.UseCrmPipeline();
app.Lifetime.ApplicationStarted.Register(() => StartupBanner.Print(app));
await app.RunAsync();
return 0;

/// <summary>Entry point; public so the integration tests can host it.</summary>
public partial class Program;
