using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ClientCrm.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class ContractReviews : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "ContractReviewStepDueDays",
                table: "WorkflowSettings",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "InitiatedAt",
                table: "CooperationProjects",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ProjectNumber",
                table: "CooperationProjects",
                type: "character varying(40)",
                maxLength: 40,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "ContractReviews",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ClientId = table.Column<Guid>(type: "uuid", nullable: false),
                    ProjectId = table.Column<Guid>(type: "uuid", nullable: false),
                    Round = table.Column<int>(type: "integer", nullable: false),
                    RevisesId = table.Column<Guid>(type: "uuid", nullable: true),
                    State = table.Column<int>(type: "integer", nullable: false),
                    StateSince = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    EscalatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    LeaderRequired = table.Column<bool>(type: "boolean", nullable: false),
                    Submission = table.Column<int>(type: "integer", nullable: false),
                    JobTypes = table.Column<string>(type: "character varying(8000)", maxLength: 8000, nullable: true),
                    Headcount = table.Column<int>(type: "integer", nullable: true),
                    Qualifications = table.Column<string>(type: "character varying(8000)", maxLength: 8000, nullable: true),
                    Schedule = table.Column<string>(type: "character varying(8000)", maxLength: 8000, nullable: true),
                    Pay = table.Column<string>(type: "character varying(8000)", maxLength: 8000, nullable: true),
                    RecruitmentSources = table.Column<string>(type: "character varying(8000)", maxLength: 8000, nullable: true),
                    Training = table.Column<string>(type: "character varying(8000)", maxLength: 8000, nullable: true),
                    Timeline = table.Column<string>(type: "character varying(8000)", maxLength: 8000, nullable: true),
                    CreatedById = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    CreatedByName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    SubmittedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    SubmittedByName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    DecisionText = table.Column<string>(type: "character varying(8000)", maxLength: 8000, nullable: true),
                    DecidedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    DecidedById = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: true),
                    DecidedByName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    ProjectNumber = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ContractReviews", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ContractReviews_Clients_ClientId",
                        column: x => x.ClientId,
                        principalTable: "Clients",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ContractReviews_CooperationProjects_ProjectId",
                        column: x => x.ProjectId,
                        principalTable: "CooperationProjects",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ProjectNumberCounters",
                columns: table => new
                {
                    Year = table.Column<int>(type: "integer", nullable: false),
                    Last = table.Column<int>(type: "integer", nullable: false),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ProjectNumberCounters", x => x.Year);
                });

            migrationBuilder.CreateTable(
                name: "ContractReviewEvents",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ReviewId = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<int>(type: "integer", nullable: false),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ActorId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: true),
                    ActorName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    Text = table.Column<string>(type: "character varying(8300)", maxLength: 8300, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ContractReviewEvents", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ContractReviewEvents_ContractReviews_ReviewId",
                        column: x => x.ReviewId,
                        principalTable: "ContractReviews",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ContractReviewOpinions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ReviewId = table.Column<Guid>(type: "uuid", nullable: false),
                    Submission = table.Column<int>(type: "integer", nullable: false),
                    Seats = table.Column<int>(type: "integer", nullable: false),
                    Verdict = table.Column<int>(type: "integer", nullable: false),
                    Text = table.Column<string>(type: "character varying(8000)", maxLength: 8000, nullable: false),
                    ById = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    ByName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ContractReviewOpinions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ContractReviewOpinions_ContractReviews_ReviewId",
                        column: x => x.ReviewId,
                        principalTable: "ContractReviews",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.UpdateData(
                table: "WorkflowSettings",
                keyColumn: "Id",
                keyValue: 1,
                column: "ContractReviewStepDueDays",
                value: 3);

            migrationBuilder.CreateIndex(
                name: "IX_CooperationProjects_ProjectNumber",
                table: "CooperationProjects",
                column: "ProjectNumber",
                unique: true,
                filter: "\"ProjectNumber\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_ContractReviewEvents_ReviewId_At",
                table: "ContractReviewEvents",
                columns: new[] { "ReviewId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_ContractReviewOpinions_ReviewId_Submission_ById",
                table: "ContractReviewOpinions",
                columns: new[] { "ReviewId", "Submission", "ById" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ContractReviews_ClientId_CreatedAt",
                table: "ContractReviews",
                columns: new[] { "ClientId", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_ContractReviews_OneOpenPerProject",
                table: "ContractReviews",
                column: "ProjectId",
                unique: true,
                filter: "\"State\" IN (1, 2)");

            migrationBuilder.CreateIndex(
                name: "IX_ContractReviews_Open_Since",
                table: "ContractReviews",
                columns: new[] { "StateSince", "Id" },
                filter: "\"State\" IN (1, 2)");

            migrationBuilder.CreateIndex(
                name: "IX_ContractReviews_Open_State_Since",
                table: "ContractReviews",
                columns: new[] { "State", "StateSince", "Id" },
                filter: "\"State\" IN (1, 2)");

            migrationBuilder.CreateIndex(
                name: "IX_ContractReviews_ProjectId_Round",
                table: "ContractReviews",
                columns: new[] { "ProjectId", "Round" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ContractReviews_Since",
                table: "ContractReviews",
                columns: new[] { "StateSince", "Id" });

            // HAND-WRITTEN (1 of 2): the generated AddColumn's default only fills the existing row (UpdateData then sets it to 3);
            // the model has none, and a default would hide a forgotten value.
            migrationBuilder.Sql("""ALTER TABLE "WorkflowSettings" ALTER COLUMN "ContractReviewStepDueDays" DROP DEFAULT;""");

            // HAND-WRITTEN (2 of 2): projects contracted before contract reviews existed are initiated (立项) as they stand, so
            // nothing existing is refused: every project in Recruiting … Completed (3–6), and a terminated one (7) that
            // had a signed contract. They get a legacy number, LX-legacy- and the last 12 hex digits of the project's id
            // (the random part of a UUIDv7, unique in practice; the unique index would refuse a clash), never one of the
            // yearly LX-yyyy-nnnn numbers, so the counters start at 1. InitiatedAt is when the project was entered.
            migrationBuilder.Sql("""
                UPDATE "CooperationProjects"
                SET "ProjectNumber" = 'LX-legacy-' || right(replace("Id"::text, '-', ''), 12),
                    "InitiatedAt" = "CreatedAt"
                WHERE "ProjectNumber" IS NULL
                  AND ("Status" BETWEEN 3 AND 6 OR ("Status" = 7 AND "ContractSignedOn" IS NOT NULL));
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ContractReviewEvents");

            migrationBuilder.DropTable(
                name: "ContractReviewOpinions");

            migrationBuilder.DropTable(
                name: "ProjectNumberCounters");

            migrationBuilder.DropTable(
                name: "ContractReviews");

            migrationBuilder.DropIndex(
                name: "IX_CooperationProjects_ProjectNumber",
                table: "CooperationProjects");

            migrationBuilder.DropColumn(
                name: "ContractReviewStepDueDays",
                table: "WorkflowSettings");

            migrationBuilder.DropColumn(
                name: "InitiatedAt",
                table: "CooperationProjects");

            migrationBuilder.DropColumn(
                name: "ProjectNumber",
                table: "CooperationProjects");
        }
    }
}
