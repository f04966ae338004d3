using ClientCrm.Domain.Evaluations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ClientCrm.Infrastructure.Persistence.Configurations;

internal sealed class EvaluationEventConfiguration : IEntityTypeConfiguration<EvaluationEvent>
{
    public void Configure(EntityTypeBuilder<EvaluationEvent> b)
    {
        b.ToTable("EvaluationEvents");
        b.Property(e => e.Id).ValueGeneratedNever();
        b.Property(e => e.ActorId).HasMaxLength(450);
        b.Property(e => e.ActorName).HasMaxLength(256);
        b.Property(e => e.Text).HasMaxLength(ClientEvaluation.MaxTextLength);
        b.HasIndex(e => new { e.EvaluationId, e.At });
    }
}
