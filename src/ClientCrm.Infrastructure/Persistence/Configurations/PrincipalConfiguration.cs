using ClientCrm.Domain.Clients;
using ClientCrm.Infrastructure.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ClientCrm.Infrastructure.Persistence.Configurations;

internal sealed class PrincipalConfiguration : IEntityTypeConfiguration<Principal>
{
    public void Configure(EntityTypeBuilder<Principal> b)
    {
        b.ToTable("Principals");
        b.HasKey(p => p.Id);
        b.Property(p => p.Id).ValueGeneratedNever();
        b.Property(p => p.Name).HasMaxLength(200).IsRequired();
        b.Property(p => p.Title).HasMaxLength(200);

        // SPEC §2: every principal-card field except name and title is encrypted.
        b.Property(p => p.Gender).IsConfidential();
        b.Property(p => p.Birthday).IsConfidential();
        b.Property(p => p.Phone).IsConfidential();
        b.Property(p => p.Email).IsConfidential();
        b.Property(p => p.MessagingId).IsConfidential();
        b.Property(p => p.Languages).IsConfidential();
        b.Property(p => p.Family).IsConfidential();
        b.Property(p => p.Hobbies).IsConfidential();
        b.Property(p => p.Personality).IsConfidential();
        b.Property(p => p.DecisionRole).IsConfidential();
        b.Property(p => p.Notes).IsConfidential();
        b.HasBlindIndex(p => p.Phone, BlindIndexKind.Phone);
        b.HasBlindIndex(p => p.Email, BlindIndexKind.Email);

        b.HasIndex(p => p.ClientId);
        b.HasIndex(p => p.Name).HasMethod("gin").HasOperators("gin_trgm_ops").HasDatabaseName("IX_Principals_Name_Trigram");
    }
}
