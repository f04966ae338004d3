using ClientCrm.Domain.Evaluations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ClientCrm.Infrastructure.Persistence.Configurations;

internal sealed class ClientEvaluationConfiguration : IEntityTypeConfiguration<ClientEvaluation>
{
    /// <summary>"Still going", for the partial index: the open states of <see cref="ClientEvaluation.Flow"/>, never written out by hand.</summary>
    public static string OpenStateSql { get; } = WorkflowSql.StateIn(ClientEvaluation.Flow.OpenStates);

    public void Configure(EntityTypeBuilder<ClientEvaluation> b)
    {
        b.ToTable("ClientEvaluations");
        b.Property(e => e.Id).ValueGeneratedNever();
        foreach (var text in new[]
                 {
                     nameof(ClientEvaluation.CreditStanding), nameof(ClientEvaluation.ProjectFeasibility), nameof(ClientEvaluation.ApplicablePolicies),
                     nameof(ClientEvaluation.RiskReasons), nameof(ClientEvaluation.Recommendation), nameof(ClientEvaluation.HeadOpinion),
                     nameof(ClientEvaluation.DecisionMinutes),
                 })
        {
            b.Property<string?>(text).HasMaxLength(ClientEvaluation.MaxTextLength);
        }

        b.Property(e => e.DecisionParticipants).HasMaxLength(1000);
        b.Property(e => e.DevelopmentCostCny).HasPrecision(14, 2);
        b.Property(e => e.CreatedById).HasMaxLength(450);
        b.Property(e => e.DecidedById).HasMaxLength(450);
        foreach (var name in new[] { nameof(ClientEvaluation.CreatedByName), nameof(ClientEvaluation.SubmittedByName), nameof(ClientEvaluation.ReviewedByName), nameof(ClientEvaluation.DecidedByName) })
        {
            b.Property<string?>(name).HasMaxLength(256);
        }

        b.Property(e => e.Version).IsRowVersion();
        b.HasOne(e => e.Client).WithMany().HasForeignKey(e => e.ClientId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(e => e.Events).WithOne(l => l.Evaluation).HasForeignKey(l => l.EvaluationId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(e => e.Events).UsePropertyAccessMode(PropertyAccessMode.Field);
        b.Ignore(e => e.Sections);
        b.Ignore(e => e.IsApproved);

        // A client's rounds, newest first (the client page, the gate's latest approval).
        b.HasIndex(e => new { e.ClientId, e.Round }).IsUnique();
        // One evaluation going at a time per client: a second draft beside a submitted one would split the decision.
        b.HasIndex(e => e.ClientId).IsUnique().HasFilter(OpenStateSql).HasDatabaseName("IX_ClientEvaluations_OneOpenPerClient");
        // The to-do list and the escalation read the open ones of one state, oldest first; the list every open one in the
        // scope, the one waiting longest first, and all of them, the latest first: each walks its index in order and stops
        // at the page (at 100,000 clients a sort of the open rounds took 200 ms).
        b.HasIndex(e => new { e.State, e.StateSince, e.Id }, "IX_ClientEvaluations_Open_State_Since").HasFilter(OpenStateSql);
        b.HasIndex(e => new { e.StateSince, e.Id }, "IX_ClientEvaluations_Open_Since").HasFilter(OpenStateSql);
        b.HasIndex(e => new { e.StateSince, e.Id }, "IX_ClientEvaluations_Since");
        // The to-do lists: the open ones, the oldest first, on the rows' copy of their client's department and owner (ClientScopeCopy).
        ClientScopeCopy.Configure(b);
        // Each step one range: a head's the department's submissions, anyone's their own clients' drafts.
        b.HasIndex([ClientScopeCopy.DepartmentColumn, nameof(ClientEvaluation.State), nameof(ClientEvaluation.StateSince), nameof(ClientEvaluation.Id)], "IX_ClientEvaluations_Open_Department_State_Since")
            .HasFilter(OpenStateSql);
        b.HasIndex([ClientScopeCopy.OwnerColumn, nameof(ClientEvaluation.State), nameof(ClientEvaluation.StateSince), nameof(ClientEvaluation.Id)], "IX_ClientEvaluations_Open_Owner_State_Since")
            .HasFilter(OpenStateSql);
    }
}
