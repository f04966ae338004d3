using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ClientCrm.Infrastructure.Persistence.Migrations
{
    /// <summary>
    /// The stored due days (contact, card review) were counted from the UTC date of registration and review, a day early
    /// for anything saved between 00:00 and 08:00 Beijing time. Clearing them makes the same start-up recompute them
    /// through the business clock in the company's zone (DatabaseInitializer → ContactSchedule.ScheduleMissingAsync), so
    /// the rule stays in the domain and the zone in configuration. No schema change.
    /// </summary>
    public partial class DueDaysInCompanyZone : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""UPDATE "Clients" SET "ContactDueOn" = NULL, "CardReviewDueOn" = NULL""");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // Nothing to undo: the recomputed days are as valid for the earlier version as the ones cleared.
        }
    }
}
