using ClientCrm.Domain.Dossier;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ClientCrm.Infrastructure.Persistence.Configurations;

/// <summary>
/// The use log (使用登记). Append-only: the DossierAccess migration adds a trigger that refuses UPDATE, DELETE and TRUNCATE
/// whoever asks, the app's own role included. No foreign key to the client: a line outlives whatever happens to the client.
/// </summary>
internal sealed class DossierUseConfiguration : IEntityTypeConfiguration<DossierUse>
{
    public const string Table = "DossierUses";

    public void Configure(EntityTypeBuilder<DossierUse> b)
    {
        b.ToTable(Table);
        b.Property(u => u.Id).UseIdentityAlwaysColumn();
        b.Property(u => u.UserId).HasMaxLength(450);
        b.Property(u => u.UserName).HasMaxLength(256).IsRequired();
        b.Property(u => u.What).HasMaxLength(DossierUse.MaxWhatLength).IsRequired();
        b.Property(u => u.RemoteAddress).HasMaxLength(DossierUse.MaxAddressLength);
        b.Ignore(u => u.Right);
        // Leaders read it newest first by keyset (At, Id): whole, per client, per user, per kind; a period is a range of the same index.
        b.HasIndex(u => new { u.At, u.Id });
        b.HasIndex(u => new { u.ClientId, u.At, u.Id });
        b.HasIndex(u => new { u.UserId, u.At, u.Id });
        b.HasIndex(u => new { u.Kind, u.At, u.Id });
    }
}
