using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ClientCrm.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class InformationReports : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "InformationReportStepDueDays",
                table: "WorkflowSettings",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<DateOnly>(
                name: "TradeTestOn",
                table: "CooperationProjects",
                type: "date",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "InformationReports",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ClientId = table.Column<Guid>(type: "uuid", nullable: true),
                    ProspectName = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    ProspectNormalizedName = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    ProspectCountryCode = table.Column<string>(type: "character varying(2)", maxLength: 2, nullable: true),
                    Category = table.Column<int>(type: "integer", nullable: false),
                    Content = table.Column<string>(type: "character varying(8000)", maxLength: 8000, nullable: false),
                    Source = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    LearnedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    State = table.Column<int>(type: "integer", nullable: false),
                    StateSince = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    EscalatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    WentToLeadersDirectly = table.Column<bool>(type: "boolean", nullable: false),
                    ReporterId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    ReporterName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    ReporterDepartmentId = table.Column<int>(type: "integer", nullable: true),
                    SubmittedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ForwardComment = table.Column<string>(type: "character varying(8000)", maxLength: 8000, nullable: true),
                    ForwardedByName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    Instruction = table.Column<string>(type: "character varying(8000)", maxLength: 8000, nullable: true),
                    InstructedByName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    ReadAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    ProjectId = table.Column<Guid>(type: "uuid", nullable: true),
                    ProjectReason = table.Column<int>(type: "integer", nullable: true),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_InformationReports", x => x.Id);
                    table.ForeignKey(
                        name: "FK_InformationReports_Clients_ClientId",
                        column: x => x.ClientId,
                        principalTable: "Clients",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_InformationReports_CooperationProjects_ProjectId",
                        column: x => x.ProjectId,
                        principalTable: "CooperationProjects",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_InformationReports_Departments_ReporterDepartmentId",
                        column: x => x.ReporterDepartmentId,
                        principalTable: "Departments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "InformationReportEvents",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ReportId = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<int>(type: "integer", nullable: false),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ActorId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: true),
                    ActorName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    Text = table.Column<string>(type: "character varying(8300)", maxLength: 8300, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_InformationReportEvents", x => x.Id);
                    table.ForeignKey(
                        name: "FK_InformationReportEvents_InformationReports_ReportId",
                        column: x => x.ReportId,
                        principalTable: "InformationReports",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.UpdateData(
                table: "WorkflowSettings",
                keyColumn: "Id",
                keyValue: 1,
                column: "InformationReportStepDueDays",
                value: 3);

            migrationBuilder.CreateIndex(
                name: "IX_InformationReportEvents_ReportId_At",
                table: "InformationReportEvents",
                columns: new[] { "ReportId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_InformationReports_ClientId_LearnedOn",
                table: "InformationReports",
                columns: new[] { "ClientId", "LearnedOn" });

            migrationBuilder.CreateIndex(
                name: "IX_InformationReports_Open_State_Since",
                table: "InformationReports",
                columns: new[] { "State", "StateSince", "Id" },
                filter: "\"State\" IN (1, 2, 3)");

            migrationBuilder.CreateIndex(
                name: "IX_InformationReports_ProjectId",
                table: "InformationReports",
                column: "ProjectId",
                filter: "\"ProjectId\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_InformationReports_ProspectCountryCode_ProspectNormalizedNa~",
                table: "InformationReports",
                columns: new[] { "ProspectCountryCode", "ProspectNormalizedName" },
                filter: "\"ClientId\" IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_InformationReports_ReporterDepartmentId_StateSince_Id",
                table: "InformationReports",
                columns: new[] { "ReporterDepartmentId", "StateSince", "Id" },
                filter: "\"ClientId\" IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_InformationReports_ReporterId_StateSince_Id",
                table: "InformationReports",
                columns: new[] { "ReporterId", "StateSince", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_InformationReports_Since",
                table: "InformationReports",
                columns: new[] { "StateSince", "Id" });

            // HAND-WRITTEN: the column's default only fills the existing row (UpdateData sets it to 3 above); the model has none,
            // and a default would hide a forgotten value.
            migrationBuilder.Sql("""ALTER TABLE "WorkflowSettings" ALTER COLUMN "InformationReportStepDueDays" DROP DEFAULT;""");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "InformationReportEvents");

            migrationBuilder.DropTable(
                name: "InformationReports");

            migrationBuilder.DropColumn(
                name: "InformationReportStepDueDays",
                table: "WorkflowSettings");

            migrationBuilder.DropColumn(
                name: "TradeTestOn",
                table: "CooperationProjects");
        }
    }
}
