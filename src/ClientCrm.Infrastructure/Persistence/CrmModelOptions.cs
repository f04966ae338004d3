using ClientCrm.Domain.Access;
using ClientCrm.Infrastructure.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace ClientCrm.Infrastructure.Persistence;

/// <summary>
/// What the model is built from besides the entity configurations: the cipher its value converters embed and the
/// shape of its scope filter. Carried in the options so pooled contexts (whose only constructor argument is the
/// options) get the right model, and used as the model's cache key.
/// </summary>
public sealed class CrmModelOptions(IFieldCipher cipher, ScopeFilterShape shape) : IDbContextOptionsExtension
{
    private DbContextOptionsExtensionInfo? _info;

    public IFieldCipher Cipher { get; } = cipher ?? throw new ArgumentNullException(nameof(cipher));

    public ScopeFilterShape Shape { get; } = shape;

    public DbContextOptionsExtensionInfo Info => _info ??= new ExtensionInfo(this);

    public void ApplyServices(IServiceCollection services)
    {
        // Nothing to add: the extension only carries values for the model.
    }

    public void Validate(IDbContextOptions options)
    {
    }

    /// <summary>The same options with the model of <paramref name="shape"/>.</summary>
    public static DbContextOptions<CrmDbContext> With(DbContextOptions<CrmDbContext> options, IFieldCipher cipher, ScopeFilterShape shape)
    {
        ArgumentNullException.ThrowIfNull(options);
        return (DbContextOptions<CrmDbContext>)options.WithExtension(new CrmModelOptions(cipher, shape));
    }

    private sealed class ExtensionInfo(CrmModelOptions extension) : DbContextOptionsExtensionInfo(extension)
    {
        public override bool IsDatabaseProvider => false;

        public override string LogFragment => "CrmModel=" + extension.Shape + " ";

        // The internal service provider does not depend on these values; only the model does (see the cache key).
        public override int GetServiceProviderHashCode() => 0;

        public override bool ShouldUseSameServiceProvider(DbContextOptionsExtensionInfo other) => other is ExtensionInfo;

        public override void PopulateDebugInfo(IDictionary<string, string> debugInfo) =>
            debugInfo["ClientCrm:ScopeFilterShape"] = extension.Shape.ToString();
    }
}

/// <summary>
/// The model embeds the cipher in its value converters and one scope-filter shape, so a context with another key
/// ring (another test host) or another shape must not reuse a cached model.
/// </summary>
internal sealed class CrmModelCacheKeyFactory : IModelCacheKeyFactory
{
    public object Create(DbContext context, bool designTime) =>
        context is CrmDbContext crm
            ? (context.GetType(), crm.ModelOptions.Cipher, crm.ModelOptions.Shape, designTime)
            : (object)(context.GetType(), designTime);
}
