using ClientCrm.Infrastructure;
using ClientCrm.Infrastructure.Postgres;
using ClientCrm.Infrastructure.Seeding;
using ClientCrm.Web.Setup;

var builder = WebApplication.CreateBuilder(args);
var startupLog = builder.AddCrmLogging();

string connectionString;
try
{
    connectionString = await DatabaseBootstrap.ResolveConnectionStringAsync(
        builder.Configuration, builder.Environment, builder.Services, startupLog);
}
catch (PostgresUnavailableException ex)
{
    // One clear line on what to install or configure, not a stack trace.
    await Console.Error.WriteLineAsync(ex.Message);
    return 1;
}

builder.Services.AddInfrastructure(connectionString, DatabaseBootstrap.LoadKeyRing(builder.Configuration, builder.Environment));
builder.Services.AddScheduledJobs(connectionString, builder.Configuration);
builder.Services.AddWeb(builder.Configuration, builder.Environment);

var app = builder.Build();
await DatabaseInitializer.InitializeAsync(app.Services, app.Configuration, app.Environment);
app.UseCrmPipeline();
app.Lifetime.ApplicationStarted.Register(() => StartupBanner.Print(app));
await app.RunAsync();
return 0;

/// <summary>Entry point; public so the integration tests can host it.</summary>
public partial class Program;
