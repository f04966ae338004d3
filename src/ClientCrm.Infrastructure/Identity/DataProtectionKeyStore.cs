using System.Xml.Linq;
using ClientCrm.Infrastructure.Persistence;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.Extensions.DependencyInjection;

namespace ClientCrm.Infrastructure.Identity;

/// <summary>One ASP.NET data-protection key (signs the sign-in and antiforgery cookies).</summary>
public class DataProtectionKey
{
    public int Id { get; set; }

    public string? FriendlyName { get; set; }

    /// <summary>The key's XML, encrypted at rest like every confidential field.</summary>
    public string Xml { get; set; } = "";
}

internal sealed class DataProtectionKeyConfiguration : IEntityTypeConfiguration<DataProtectionKey>
{
    public void Configure(EntityTypeBuilder<DataProtectionKey> b)
    {
        b.ToTable("DataProtectionKeys");
        b.Property(k => k.FriendlyName).HasMaxLength(200);
        b.Property(k => k.Xml).IsConfidential();
    }
}

/// <summary>
/// Keeps the cookie-signing keys in PostgreSQL so sessions survive restarts and every app instance accepts the
/// others' cookies. (The EF Core package for this is not served here; this is its small equivalent.)
/// </summary>
public sealed class DataProtectionKeyStore(IServiceScopeFactory scopes) : IXmlRepository
{
    public IReadOnlyCollection<XElement> GetAllElements()
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<CrmDbContext>();
        return db.Set<DataProtectionKey>().AsNoTracking().Select(k => k.Xml).ToList().Select(XElement.Parse).ToList();
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        ArgumentNullException.ThrowIfNull(element);
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<CrmDbContext>();
        db.Set<DataProtectionKey>().Add(new DataProtectionKey { FriendlyName = friendlyName, Xml = element.ToString(SaveOptions.DisableFormatting) });
        db.SaveChanges();
    }
}
