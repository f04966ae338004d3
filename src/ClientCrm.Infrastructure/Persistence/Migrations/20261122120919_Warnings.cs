using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ClientCrm.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class Warnings : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Notifications",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    RecipientId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    Kind = table.Column<int>(type: "integer", nullable: false),
                    Text = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    Link = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ReadAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Notifications", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Notifications_AspNetUsers_RecipientId",
                        column: x => x.RecipientId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "WarningRuns",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Trigger = table.Column<int>(type: "integer", nullable: false),
                    StartedById = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: true),
                    StartedByName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    StartedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    FinishedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    Assessed = table.Column<int>(type: "integer", nullable: false),
                    Raised = table.Column<int>(type: "integer", nullable: false),
                    Refreshed = table.Column<int>(type: "integer", nullable: false),
                    Cleared = table.Column<int>(type: "integer", nullable: false),
                    Returned = table.Column<int>(type: "integer", nullable: false),
                    Escalated = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_WarningRuns", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Warnings",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ClientId = table.Column<Guid>(type: "uuid", nullable: false),
                    Family = table.Column<int>(type: "integer", nullable: false),
                    Rule = table.Column<int>(type: "integer", nullable: true),
                    Severity = table.Column<int>(type: "integer", nullable: false),
                    State = table.Column<int>(type: "integer", nullable: false),
                    Summary = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    Report = table.Column<string>(type: "character varying(8000)", maxLength: 8000, nullable: true),
                    Evidence = table.Column<string>(type: "jsonb", nullable: false),
                    RaisedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    RaisedById = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: true),
                    RaisedByName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    EvidenceAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    ConditionClearedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    EscalatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    AcknowledgedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    Actions = table.Column<string>(type: "character varying(8000)", maxLength: 8000, nullable: true),
                    Cause = table.Column<string>(type: "character varying(8000)", maxLength: 8000, nullable: true),
                    Measures = table.Column<string>(type: "character varying(8000)", maxLength: 8000, nullable: true),
                    DismissReason = table.Column<string>(type: "character varying(8000)", maxLength: 8000, nullable: true),
                    ClosedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Warnings", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Warnings_Clients_ClientId",
                        column: x => x.ClientId,
                        principalTable: "Clients",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "WarningSettings",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false),
                    DemandDropPercent = table.Column<int>(type: "integer", nullable: false),
                    DemandDropMinPrevious = table.Column<int>(type: "integer", nullable: false),
                    NoNewBatchDaysA = table.Column<int>(type: "integer", nullable: false),
                    NoNewBatchDaysB = table.Column<int>(type: "integer", nullable: false),
                    LaborDisputesMin = table.Column<int>(type: "integer", nullable: false),
                    LaborDisputesDays = table.Column<int>(type: "integer", nullable: false),
                    RepatriatedMinWorkers = table.Column<int>(type: "integer", nullable: false),
                    RepatriatedMinPercent = table.Column<int>(type: "integer", nullable: false),
                    RepatriatedDays = table.Column<int>(type: "integer", nullable: false),
                    EscalateAfterDays = table.Column<int>(type: "integer", nullable: false),
                    RunEveryMinutes = table.Column<int>(type: "integer", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_WarningSettings", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "WarningEvents",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    WarningId = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<int>(type: "integer", nullable: false),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ActorId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: true),
                    ActorName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    Text = table.Column<string>(type: "character varying(8000)", maxLength: 8000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_WarningEvents", x => x.Id);
                    table.ForeignKey(
                        name: "FK_WarningEvents_Warnings_WarningId",
                        column: x => x.WarningId,
                        principalTable: "Warnings",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.InsertData(
                table: "WarningSettings",
                columns: new[] { "Id", "DemandDropMinPrevious", "DemandDropPercent", "EscalateAfterDays", "LaborDisputesDays", "LaborDisputesMin", "NoNewBatchDaysA", "NoNewBatchDaysB", "RepatriatedDays", "RepatriatedMinPercent", "RepatriatedMinWorkers", "RunEveryMinutes", "UpdatedAt" },
                values: new object[] { 1, 10, 40, 3, 90, 2, 180, 365, 90, 20, 5, 60, new DateTimeOffset(new DateTime(2026, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)) });

            migrationBuilder.CreateIndex(
                name: "IX_Notifications_RecipientId_CreatedAt",
                table: "Notifications",
                columns: new[] { "RecipientId", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Notifications_Unread",
                table: "Notifications",
                column: "RecipientId",
                filter: "\"ReadAt\" IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_WarningEvents_WarningId_At",
                table: "WarningEvents",
                columns: new[] { "WarningId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_WarningRuns_StartedAt",
                table: "WarningRuns",
                column: "StartedAt");

            migrationBuilder.CreateIndex(
                name: "IX_Warnings_ClientId_State",
                table: "Warnings",
                columns: new[] { "ClientId", "State" });

            migrationBuilder.CreateIndex(
                name: "IX_Warnings_OneOpenPerClientAndRule",
                table: "Warnings",
                columns: new[] { "ClientId", "Rule" },
                unique: true,
                filter: "\"Rule\" IS NOT NULL AND \"State\" IN (1, 2, 3)");

            migrationBuilder.CreateIndex(
                name: "IX_Warnings_State_RaisedAt",
                table: "Warnings",
                columns: new[] { "State", "RaisedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Notifications");

            migrationBuilder.DropTable(
                name: "WarningEvents");

            migrationBuilder.DropTable(
                name: "WarningRuns");

            migrationBuilder.DropTable(
                name: "WarningSettings");

            migrationBuilder.DropTable(
                name: "Warnings");
        }
    }
}
