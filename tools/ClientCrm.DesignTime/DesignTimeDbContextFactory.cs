using System.Security.Cryptography;
using ClientCrm.Infrastructure.Access;
using ClientCrm.Infrastructure.Persistence;
using ClientCrm.Infrastructure.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace ClientCrm.DesignTime;

/// <summary>
/// Builds the model for `dotnet ef`. Migrations need only the model's shape, so a throwaway key ring is used and
/// no server is contacted unless a command (database update) asks for one via CRM_DESIGN_CONNECTION.
/// </summary>
public sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<CrmDbContext>
{
    public CrmDbContext CreateDbContext(string[] args)
    {
        var connection = Environment.GetEnvironmentVariable("CRM_DESIGN_CONNECTION")
                         ?? "Host=127.0.0.1;Database=clientcrm_design;Username=crm";
        var options = new DbContextOptionsBuilder<CrmDbContext>().UseNpgsql(connection).Options;
        var keys = KeyRing.FromOptions(new EncryptionOptions
        {
            ActiveKeyId = "design",
            Keys = { ["design"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)) },
            BlindIndexKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
        });
        return CrmDbContext.Create(options, SystemActor.Instance, new AesGcmFieldCipher(keys));
    }
}

internal static class Program
{
    private static void Main() => Console.WriteLine("Design-time host for `dotnet ef`; not an application.");
}
