using ClientCrm.Infrastructure.Jobs;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ClientCrm.Infrastructure.Persistence.Configurations;

internal sealed class JobRunConfiguration : IEntityTypeConfiguration<JobRun>
{
    public void Configure(EntityTypeBuilder<JobRun> b)
    {
        b.ToTable("JobRuns");
        b.Property(r => r.Id).ValueGeneratedNever();
        b.Property(r => r.Job).HasMaxLength(100);
        b.Property(r => r.FireInstanceId).HasMaxLength(200);
        b.Property(r => r.Instance).HasMaxLength(200);
        b.Property(r => r.Message).HasMaxLength(JobRun.MessageLength);
        b.HasIndex(r => r.FireInstanceId).IsUnique();
        // The jobs page reads the newest run of each job, and the newest runs of all; old rows are pruned by date.
        b.HasIndex(r => new { r.Job, r.FiredAt });
        b.HasIndex(r => r.FiredAt);
    }
}
