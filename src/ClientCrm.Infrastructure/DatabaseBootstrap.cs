using ClientCrm.Infrastructure.Security;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace ClientCrm.Infrastructure;

/// <summary>
/// What the host needs before it is built: the database's connection string and the encryption keys, and the
/// git-ignored data folder where a developer's run keeps its private cluster and key file.
/// </summary>
public static class DatabaseBootstrap
{
    public const string ConnectionStringName = "Crm";

    /// <summary>Folder for the local cluster and the development keys: setting Crm:DataDirectory, default "{content root}/.data".</summary>
    public static string DataDirectory(IConfiguration configuration, string contentRoot)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var configured = configuration["Crm:DataDirectory"];
        return Path.GetFullPath(string.IsNullOrWhiteSpace(configured) ? Path.Combine(contentRoot, ".data") : configured, contentRoot);
    }

    /// <summary>
    /// The configured server (ConnectionStrings:Crm). A Debug build's Development run sets it to its private cluster
    /// when nothing is configured (ClientCrm.Development); anywhere else a missing setting is a mistake.
    /// </summary>
    public static string ConnectionString(IConfiguration configuration, IHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(environment);
        var configured = configuration.GetConnectionString(ConnectionStringName);
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return configured;
        }

        throw new InvalidOperationException(
            $"ConnectionStrings:Crm is not set. ClientCrm ({environment.EnvironmentName}) uses a configured PostgreSQL server " +
            "(environment variable ConnectionStrings__Crm); only a Debug build run in Development starts a private cluster instead.");
    }

    /// <summary>
    /// Keys come from configuration (Encryption:*), environment variables (Encryption__Keys__k1 …) or a key file;
    /// in Development a key file is generated in the data folder on first run.
    /// </summary>
    public static KeyRing LoadKeyRing(IConfiguration configuration, IHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(environment);
        var options = configuration.GetSection(EncryptionOptions.SectionName).Get<EncryptionOptions>() ?? new EncryptionOptions();
        if (!string.IsNullOrWhiteSpace(options.KeyFile))
        {
            options.KeyFile = Path.GetFullPath(options.KeyFile, environment.ContentRootPath);
        }

        if (string.IsNullOrWhiteSpace(options.ActiveKeyId) && string.IsNullOrWhiteSpace(options.KeyFile) && environment.IsDevelopment())
        {
            var path = Path.Combine(DataDirectory(configuration, environment.ContentRootPath), "keys", "development-keys.json");
            KeyRing.CreateDevelopmentKeyFile(path);
            // Read through the file (not its values), so a rotation from /Settings/Keys can rewrite it.
            options = new EncryptionOptions { KeyFile = path };
        }

        return KeyRing.FromOptions(options);
    }
}
