using ClientCrm.Infrastructure;
using ClientCrm.Infrastructure.Seeding;
using ClientCrm.Web.Setup;

var builder = WebApplication.CreateBuilder(args);
var startupLog = builder.AddCrmLogging();

var connectionString = await DatabaseBootstrap.ResolveConnectionStringAsync(
    builder.Configuration, builder.Environment, builder.Services, startupLog);
builder.Services.AddInfrastructure(connectionString, DatabaseBootstrap.LoadKeyRing(builder.Configuration, builder.Environment));
builder.Services.AddWeb(builder.Configuration, builder.Environment);

var app = builder.Build();
await DatabaseInitializer.InitializeAsync(app.Services, app.Configuration, app.Environment);
app.UseCrmPipeline();
app.Lifetime.ApplicationStarted.Register(() => StartupBanner.Print(app));
await app.RunAsync();

/// <summary>Entry point; public so the integration tests can host it.</summary>
public partial class Program;
