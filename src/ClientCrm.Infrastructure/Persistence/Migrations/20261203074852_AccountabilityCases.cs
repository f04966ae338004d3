using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

#pragma warning disable CA1814 // Prefer jagged arrays over multidimensional

namespace ClientCrm.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class AccountabilityCases : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "AccountabilityReportDueDays",
                table: "WorkflowSettings",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "AccountabilityStepDueDays",
                table: "WorkflowSettings",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateTable(
                name: "AccountabilityCases",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ClientId = table.Column<Guid>(type: "uuid", nullable: false),
                    Trigger = table.Column<int>(type: "integer", nullable: false),
                    WarningId = table.Column<Guid>(type: "uuid", nullable: true),
                    Incident = table.Column<string>(type: "character varying(8000)", maxLength: 8000, nullable: true),
                    State = table.Column<int>(type: "integer", nullable: false),
                    StateSince = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    EscalatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    OpenedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    OpenedById = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: true),
                    OpenedByName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    ReportDueOn = table.Column<DateOnly>(type: "date", nullable: false),
                    CourseOfEvents = table.Column<string>(type: "character varying(8000)", maxLength: 8000, nullable: true),
                    Causes = table.Column<string>(type: "character varying(8000)", maxLength: 8000, nullable: true),
                    CauseKind = table.Column<int>(type: "integer", nullable: false),
                    ReportedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    ReportedByName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    LeaderDecision = table.Column<string>(type: "character varying(8000)", maxLength: 8000, nullable: true),
                    DecidedById = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: true),
                    DecidedByName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    DecidedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    ClosedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AccountabilityCases", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AccountabilityCases_Clients_ClientId",
                        column: x => x.ClientId,
                        principalTable: "Clients",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "AccountabilityPenalties",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ChineseName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    EnglishName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    SortOrder = table.Column<int>(type: "integer", nullable: false),
                    IsActive = table.Column<bool>(type: "boolean", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AccountabilityPenalties", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "AccountabilityCountermeasures",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    CaseId = table.Column<Guid>(type: "uuid", nullable: false),
                    Position = table.Column<int>(type: "integer", nullable: false),
                    Action = table.Column<string>(type: "character varying(8000)", maxLength: 8000, nullable: false),
                    OwnerName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    DueOn = table.Column<DateOnly>(type: "date", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AccountabilityCountermeasures", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AccountabilityCountermeasures_AccountabilityCases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "AccountabilityCases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AccountabilityEvents",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    CaseId = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<int>(type: "integer", nullable: false),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ActorId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: true),
                    ActorName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    Text = table.Column<string>(type: "character varying(58000)", maxLength: 58000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AccountabilityEvents", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AccountabilityEvents_AccountabilityCases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "AccountabilityCases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AccountabilityPersons",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    CaseId = table.Column<Guid>(type: "uuid", nullable: false),
                    Position = table.Column<int>(type: "integer", nullable: false),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Role = table.Column<int>(type: "integer", nullable: false),
                    PenaltyId = table.Column<int>(type: "integer", nullable: false),
                    PenaltyName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    PenaltyEnglishName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AccountabilityPersons", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AccountabilityPersons_AccountabilityCases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "AccountabilityCases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_AccountabilityPersons_AccountabilityPenalties_PenaltyId",
                        column: x => x.PenaltyId,
                        principalTable: "AccountabilityPenalties",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.InsertData(
                table: "AccountabilityPenalties",
                columns: new[] { "Id", "ChineseName", "EnglishName", "IsActive", "SortOrder", "UpdatedAt" },
                values: new object[,]
                {
                    { 1, "通报批评", "Circulated criticism", true, 1, new DateTimeOffset(new DateTime(2026, 12, 3, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)) },
                    { 2, "警告", "Formal warning", true, 2, new DateTimeOffset(new DateTime(2026, 12, 3, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)) },
                    { 3, "记过", "Demerit on record", true, 3, new DateTimeOffset(new DateTime(2026, 12, 3, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)) },
                    { 4, "扣发奖金", "Bonus withheld", true, 4, new DateTimeOffset(new DateTime(2026, 12, 3, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)) },
                    { 5, "降级", "Demotion", true, 5, new DateTimeOffset(new DateTime(2026, 12, 3, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)) },
                    { 6, "解除劳动合同", "Dismissal", true, 6, new DateTimeOffset(new DateTime(2026, 12, 3, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)) }
                });

            migrationBuilder.UpdateData(
                table: "WorkflowSettings",
                keyColumn: "Id",
                keyValue: 1,
                columns: new[] { "AccountabilityReportDueDays", "AccountabilityStepDueDays" },
                values: new object[] { 10, 3 });

            migrationBuilder.CreateIndex(
                name: "IX_AccountabilityCases_ClientId_OpenedAt",
                table: "AccountabilityCases",
                columns: new[] { "ClientId", "OpenedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_AccountabilityCases_OneOpenPerClientAndTrigger",
                table: "AccountabilityCases",
                columns: new[] { "ClientId", "Trigger" },
                unique: true,
                filter: "\"State\" IN (1, 2, 3, 4)");

            migrationBuilder.CreateIndex(
                name: "IX_AccountabilityCases_Open_Since",
                table: "AccountabilityCases",
                columns: new[] { "StateSince", "Id" },
                filter: "\"State\" IN (1, 2, 3, 4)");

            migrationBuilder.CreateIndex(
                name: "IX_AccountabilityCases_Open_State_Since",
                table: "AccountabilityCases",
                columns: new[] { "State", "StateSince", "Id" },
                filter: "\"State\" IN (1, 2, 3, 4)");

            migrationBuilder.CreateIndex(
                name: "IX_AccountabilityCases_ReportDue",
                table: "AccountabilityCases",
                columns: new[] { "ReportDueOn", "Id" },
                filter: "\"State\" = 1");

            migrationBuilder.CreateIndex(
                name: "IX_AccountabilityCases_Since",
                table: "AccountabilityCases",
                columns: new[] { "StateSince", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_AccountabilityCountermeasures_CaseId_Position",
                table: "AccountabilityCountermeasures",
                columns: new[] { "CaseId", "Position" });

            migrationBuilder.CreateIndex(
                name: "IX_AccountabilityEvents_CaseId_At",
                table: "AccountabilityEvents",
                columns: new[] { "CaseId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_AccountabilityPenalties_ChineseName",
                table: "AccountabilityPenalties",
                column: "ChineseName",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_AccountabilityPersons_CaseId_Position",
                table: "AccountabilityPersons",
                columns: new[] { "CaseId", "Position" });

            migrationBuilder.CreateIndex(
                name: "IX_AccountabilityPersons_PenaltyId",
                table: "AccountabilityPersons",
                column: "PenaltyId");

            // HAND-WRITTEN: the settings row got its values above; like the other due-days columns, these keep no default.
            migrationBuilder.Sql("""ALTER TABLE "WorkflowSettings" ALTER COLUMN "AccountabilityReportDueDays" DROP DEFAULT;""");
            migrationBuilder.Sql("""ALTER TABLE "WorkflowSettings" ALTER COLUMN "AccountabilityStepDueDays" DROP DEFAULT;""");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AccountabilityCountermeasures");

            migrationBuilder.DropTable(
                name: "AccountabilityEvents");

            migrationBuilder.DropTable(
                name: "AccountabilityPersons");

            migrationBuilder.DropTable(
                name: "AccountabilityCases");

            migrationBuilder.DropTable(
                name: "AccountabilityPenalties");

            migrationBuilder.DropColumn(
                name: "AccountabilityReportDueDays",
                table: "WorkflowSettings");

            migrationBuilder.DropColumn(
                name: "AccountabilityStepDueDays",
                table: "WorkflowSettings");
        }
    }
}
