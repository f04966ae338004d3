using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ClientCrm.Infrastructure.Persistence.Migrations
{
    /// <summary>
    /// The scheduled jobs: Quartz's job store (its own PostgreSQL script, <see cref="Jobs.QuartzSchema"/>) and the run
    /// records the jobs page reads.
    /// </summary>
    public partial class QuartzJobStore : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "JobRuns",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Job = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    FireInstanceId = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Instance = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    ScheduledFor = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    FiredAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    FinishedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    Outcome = table.Column<int>(type: "integer", nullable: false),
                    Message = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_JobRuns", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_JobRuns_FiredAt",
                table: "JobRuns",
                column: "FiredAt");

            migrationBuilder.CreateIndex(
                name: "IX_JobRuns_FireInstanceId",
                table: "JobRuns",
                column: "FireInstanceId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_JobRuns_Job_FiredAt",
                table: "JobRuns",
                columns: new[] { "Job", "FiredAt" });

            foreach (var statement in Jobs.QuartzSchema.CreateStatements("qrtz_"))
            {
                migrationBuilder.Sql(statement);
            }
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "JobRuns");

            migrationBuilder.Sql("DROP TABLE IF EXISTS " + string.Join(", ", Jobs.QuartzSchema.Tables("qrtz_")) + " CASCADE");
        }
    }
}
