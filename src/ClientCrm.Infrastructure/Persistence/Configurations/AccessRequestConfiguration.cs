using ClientCrm.Domain.Clients;
using ClientCrm.Domain.Dossier;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ClientCrm.Infrastructure.Persistence.Configurations;

/// <summary>
/// Access requests (调阅申请). No navigation to the client: the request is no client record (its requester cannot see the
/// client), so nothing joins the scope-filtered clients by accident; who sees a request is <see cref="AccessRequest.VisibleTo"/>.
/// </summary>
internal sealed class AccessRequestConfiguration : IEntityTypeConfiguration<AccessRequest>
{
    public const string NumberSequence = "AccessRequestNumbers";

    public void Configure(EntityTypeBuilder<AccessRequest> b)
    {
        b.ToTable("AccessRequests");
        b.Property(r => r.Id).ValueGeneratedNever();
        // The readable number (#n) comes from a sequence: unique without a lock, and never reused.
        b.Property(r => r.Number).HasDefaultValueSql($"nextval('\"{NumberSequence}\"')").ValueGeneratedOnAdd();
        b.HasIndex(r => r.Number).IsUnique();
        b.Property(r => r.RequesterId).HasMaxLength(450);
        b.Property(r => r.RequesterName).HasMaxLength(256);
        b.Property(r => r.DecidedById).HasMaxLength(450);
        b.Property(r => r.DecidedByName).HasMaxLength(256);
        b.Property(r => r.RevokedByName).HasMaxLength(256);
        b.Property(r => r.NamedAs).HasMaxLength(AccessRequest.MaxNameLength);
        b.Property(r => r.Purpose).HasMaxLength(AccessRequest.MaxTextLength).IsRequired();
        b.Property(r => r.DecisionComment).HasMaxLength(AccessRequest.MaxTextLength);
        b.Property(r => r.RevokeReason).HasMaxLength(AccessRequest.MaxTextLength);
        b.Property(r => r.Version).IsRowVersion();
        b.HasOne<Client>().WithMany().HasForeignKey(r => r.ClientId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(r => r.Events).WithOne(e => e.Request).HasForeignKey(e => e.RequestId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(r => r.Events).UsePropertyAccessMode(PropertyAccessMode.Field);

        // The right to read: this user's approved requests for this client (DossierAccess), one index probe per page view.
        b.HasIndex(r => new { r.RequesterId, r.ClientId, r.GrantedUntil }, "IX_AccessRequests_Approved")
            .HasFilter($"\"State\" = {(int)AccessRequestState.Approved}");
        // The lists, newest first by keyset: mine, all, and the leaders' waiting ones (oldest first on the to-do list).
        b.HasIndex(r => new { r.RequesterId, r.SubmittedAt, r.Id });
        b.HasIndex(r => new { r.SubmittedAt, r.Id });
        b.HasIndex(r => new { r.SubmittedAt, r.Id }, "IX_AccessRequests_Waiting").HasFilter($"\"State\" = {(int)AccessRequestState.Submitted}");
        b.HasIndex(r => r.ClientId);
    }
}
