using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ClientCrm.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class NewClientEvaluation : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "EvaluationApprovedAt",
                table: "Clients",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "RegistrationCheckedAt",
                table: "Clients",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "RegistrationCheckedByName",
                table: "Clients",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "RegistrationConfirmedAt",
                table: "Clients",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "RegistrationConfirmedByName",
                table: "Clients",
                type: "text",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "ClientEvaluations",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ClientId = table.Column<Guid>(type: "uuid", nullable: false),
                    Round = table.Column<int>(type: "integer", nullable: false),
                    RevisesId = table.Column<Guid>(type: "uuid", nullable: true),
                    State = table.Column<int>(type: "integer", nullable: false),
                    StateSince = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    EscalatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    CreditStanding = table.Column<string>(type: "character varying(8000)", maxLength: 8000, nullable: true),
                    ProjectFeasibility = table.Column<string>(type: "character varying(8000)", maxLength: 8000, nullable: true),
                    ApplicablePolicies = table.Column<string>(type: "character varying(8000)", maxLength: 8000, nullable: true),
                    DevelopmentCostCny = table.Column<decimal>(type: "numeric(14,2)", precision: 14, scale: 2, nullable: true),
                    Risk = table.Column<int>(type: "integer", nullable: true),
                    RiskReasons = table.Column<string>(type: "character varying(8000)", maxLength: 8000, nullable: true),
                    Recommendation = table.Column<string>(type: "character varying(8000)", maxLength: 8000, nullable: true),
                    CreatedById = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    CreatedByName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    SubmittedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    SubmittedByName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    HeadOpinion = table.Column<string>(type: "character varying(8000)", maxLength: 8000, nullable: true),
                    ReviewedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    ReviewedByName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    DecisionMinutes = table.Column<string>(type: "character varying(8000)", maxLength: 8000, nullable: true),
                    DecisionParticipants = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    DecidedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    DecidedById = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: true),
                    DecidedByName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ClientEvaluations", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ClientEvaluations_Clients_ClientId",
                        column: x => x.ClientId,
                        principalTable: "Clients",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "WorkflowSettings",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false),
                    EvaluationStepDueDays = table.Column<int>(type: "integer", nullable: false),
                    PauseNeedsNewEvaluationDays = table.Column<int>(type: "integer", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_WorkflowSettings", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "EvaluationEvents",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    EvaluationId = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<int>(type: "integer", nullable: false),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ActorId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: true),
                    ActorName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    Text = table.Column<string>(type: "character varying(8000)", maxLength: 8000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_EvaluationEvents", x => x.Id);
                    table.ForeignKey(
                        name: "FK_EvaluationEvents_ClientEvaluations_EvaluationId",
                        column: x => x.EvaluationId,
                        principalTable: "ClientEvaluations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            // Before this workflow a leader put a client into operation by setting it Active: that decision stands as the
            // client's approval, dated by the last move to Active. The registration check is new and is made by its owner.
            migrationBuilder.Sql("""
                UPDATE "Clients" c SET "EvaluationApprovedAt" = (
                    SELECT max(s."ChangedAt") FROM "ClientStatusChanges" s WHERE s."ClientId" = c."Id" AND s."ToStatus" = 3)
                WHERE c."Status" IN (3, 4);
                UPDATE "Clients" c SET "EvaluationApprovedAt" = c."UpdatedAt" WHERE c."Status" IN (3, 4) AND c."EvaluationApprovedAt" IS NULL;
                """);

            migrationBuilder.InsertData(
                table: "WorkflowSettings",
                columns: new[] { "Id", "EvaluationStepDueDays", "PauseNeedsNewEvaluationDays", "UpdatedAt" },
                values: new object[] { 1, 3, 365, new DateTimeOffset(new DateTime(2026, 12, 3, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)) });

            migrationBuilder.CreateIndex(
                name: "IX_ClientEvaluations_ClientId_Round",
                table: "ClientEvaluations",
                columns: new[] { "ClientId", "Round" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ClientEvaluations_OneOpenPerClient",
                table: "ClientEvaluations",
                column: "ClientId",
                unique: true,
                filter: "\"State\" IN (1, 2, 3)");

            migrationBuilder.CreateIndex(
                name: "IX_ClientEvaluations_Open_State_Since",
                table: "ClientEvaluations",
                columns: new[] { "State", "StateSince", "Id" },
                filter: "\"State\" IN (1, 2, 3)");

            migrationBuilder.CreateIndex(
                name: "IX_EvaluationEvents_EvaluationId_At",
                table: "EvaluationEvents",
                columns: new[] { "EvaluationId", "At" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "EvaluationEvents");

            migrationBuilder.DropTable(
                name: "WorkflowSettings");

            migrationBuilder.DropTable(
                name: "ClientEvaluations");

            migrationBuilder.DropColumn(
                name: "EvaluationApprovedAt",
                table: "Clients");

            migrationBuilder.DropColumn(
                name: "RegistrationCheckedAt",
                table: "Clients");

            migrationBuilder.DropColumn(
                name: "RegistrationCheckedByName",
                table: "Clients");

            migrationBuilder.DropColumn(
                name: "RegistrationConfirmedAt",
                table: "Clients");

            migrationBuilder.DropColumn(
                name: "RegistrationConfirmedByName",
                table: "Clients");
        }
    }
}
