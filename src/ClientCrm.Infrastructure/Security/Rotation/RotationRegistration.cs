using ClientCrm.Domain.Clients;
using ClientCrm.Domain.Cooperation;
using ClientCrm.Infrastructure.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace ClientCrm.Infrastructure.Security.Rotation;

public static class RotationRegistration
{
    /// <summary>Adds one kind of encrypted data to what every key rotation re-encrypts.</summary>
    public static IServiceCollection AddReencryptionSource<TSource>(this IServiceCollection services)
        where TSource : class, IReencryptionSource
    {
        services.AddSingleton<IReencryptionSource, TSource>();
        return services;
    }

    /// <summary>Key rotation (docs/architecture.md, "Key rotation"): the encrypted columns of every table that has them.</summary>
    public static IServiceCollection AddKeyRotation(this IServiceCollection services)
    {
        AddColumns<Client>(services, "clients");
        AddColumns<Principal>(services, "principals");
        AddColumns<ClientCardRevision>(services, "archived-cards");
        AddColumns<WorkerIncident>(services, "worker-incidents");
        AddColumns<DataProtectionKey>(services, "data-protection-keys");
        AddColumns<Domain.Dossier.ClientDocument>(services, "client-documents");
        services.AddReencryptionSource<Dossier.DocumentChunksSource>();
        services.AddSingleton<KeyRotationRunner>();
        services.AddHostedService<KeyFileWatcher>();
        return services;
    }

    private static void AddColumns<TEntity>(IServiceCollection services, string name) =>
        services.AddSingleton<IReencryptionSource>(sp => new EncryptedColumnsSource(name, typeof(TEntity), sp.GetRequiredService<IFieldCipher>()));
}
