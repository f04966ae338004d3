using ClientCrm.Domain.Evaluations;
using ClientCrm.Domain.Workflows;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ClientCrm.Infrastructure.Persistence.Configurations;

internal sealed class WorkflowSettingsConfiguration : IEntityTypeConfiguration<WorkflowSettings>
{
    public void Configure(EntityTypeBuilder<WorkflowSettings> b)
    {
        b.ToTable("WorkflowSettings");
        b.Property(s => s.Id).ValueGeneratedNever();
        b.Property(s => s.Version).IsRowVersion();
        b.Ignore(s => s.Evaluation);
        b.Ignore(s => s.AccessPeriods);
        // The row exists from the migration on: every reader may SingleAsync it.
        b.HasData(new
        {
            Id = WorkflowSettings.SingletonId,
            EvaluationStepDueDays = EvaluationSettings.DefaultStepDueDays,
            PauseNeedsNewEvaluationDays = EvaluationSettings.DefaultPauseNeedsNewEvaluationDays,
            ComplaintStepDueDays = WorkflowSettings.DefaultComplaintStepDueDays,
            AccountabilityReportDueDays = Domain.Accountability.AccountabilityCase.DefaultReportDueDays,
            AccountabilityStepDueDays = WorkflowSettings.DefaultAccountabilityStepDueDays,
            InformationReportStepDueDays = WorkflowSettings.DefaultInformationReportStepDueDays,
            ContractReviewStepDueDays = WorkflowSettings.DefaultContractReviewStepDueDays,
            AccessRequestDefaultDays = Domain.Dossier.AccessRequest.DefaultDays,
            AccessRequestMaxDays = Domain.Dossier.AccessRequest.LongestDays,
            DocumentMaxFileMegabytes = WorkflowSettings.DefaultDocumentMaxFileMegabytes,
            UpdatedAt = new DateTimeOffset(2026, 12, 3, 0, 0, 0, TimeSpan.Zero),
        });
    }
}
