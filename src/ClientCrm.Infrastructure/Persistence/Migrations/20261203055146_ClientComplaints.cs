using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ClientCrm.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class ClientComplaints : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "ComplaintStepDueDays",
                table: "WorkflowSettings",
                type: "integer",
                nullable: false,
                defaultValue: 3);

            // The default only fills the existing row; the model has none, and a default would hide a forgotten value.
            migrationBuilder.Sql("""ALTER TABLE "WorkflowSettings" ALTER COLUMN "ComplaintStepDueDays" DROP DEFAULT;""");

            migrationBuilder.CreateTable(
                name: "Complaints",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ClientId = table.Column<Guid>(type: "uuid", nullable: false),
                    ReceivedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    Channel = table.Column<int>(type: "integer", nullable: false),
                    Nature = table.Column<int>(type: "integer", nullable: false),
                    Content = table.Column<string>(type: "character varying(8000)", maxLength: 8000, nullable: false),
                    State = table.Column<int>(type: "integer", nullable: false),
                    StateSince = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    EscalatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    RecordedById = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    RecordedByName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    RecordedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Findings = table.Column<string>(type: "character varying(8000)", maxLength: 8000, nullable: true),
                    ResponsibleDepartmentId = table.Column<int>(type: "integer", nullable: true),
                    ResponsiblePerson = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    LeaderInstruction = table.Column<string>(type: "character varying(8000)", maxLength: 8000, nullable: true),
                    InstructedByName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    CorrectiveAction = table.Column<string>(type: "character varying(8000)", maxLength: 8000, nullable: true),
                    Penalty = table.Column<string>(type: "character varying(8000)", maxLength: 8000, nullable: true),
                    ClientNotifiedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    NotifiedHow = table.Column<string>(type: "character varying(8000)", maxLength: 8000, nullable: true),
                    ArchivedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Complaints", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Complaints_Clients_ClientId",
                        column: x => x.ClientId,
                        principalTable: "Clients",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ComplaintEvents",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ComplaintId = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<int>(type: "integer", nullable: false),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ActorId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: true),
                    ActorName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    Text = table.Column<string>(type: "character varying(8300)", maxLength: 8300, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ComplaintEvents", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ComplaintEvents_Complaints_ComplaintId",
                        column: x => x.ComplaintId,
                        principalTable: "Complaints",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.UpdateData(
                table: "WorkflowSettings",
                keyColumn: "Id",
                keyValue: 1,
                column: "ComplaintStepDueDays",
                value: 3);

            migrationBuilder.CreateIndex(
                name: "IX_Warnings_Open_RaisedAt",
                table: "Warnings",
                columns: new[] { "RaisedAt", "Id" },
                filter: "\"State\" IN (1, 2, 3)");

            migrationBuilder.CreateIndex(
                name: "IX_ClientEvaluations_Open_Since",
                table: "ClientEvaluations",
                columns: new[] { "StateSince", "Id" },
                filter: "\"State\" IN (1, 2, 3)");

            migrationBuilder.CreateIndex(
                name: "IX_ClientEvaluations_Since",
                table: "ClientEvaluations",
                columns: new[] { "StateSince", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_ComplaintEvents_ComplaintId_At",
                table: "ComplaintEvents",
                columns: new[] { "ComplaintId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_Complaints_ClientId_ReceivedOn",
                table: "Complaints",
                columns: new[] { "ClientId", "ReceivedOn" });

            migrationBuilder.CreateIndex(
                name: "IX_Complaints_Open_Since",
                table: "Complaints",
                columns: new[] { "StateSince", "Id" },
                filter: "\"State\" IN (1, 2, 3, 4, 5)");

            migrationBuilder.CreateIndex(
                name: "IX_Complaints_Open_State_Since",
                table: "Complaints",
                columns: new[] { "State", "StateSince", "Id" },
                filter: "\"State\" IN (1, 2, 3, 4, 5)");

            migrationBuilder.CreateIndex(
                name: "IX_Complaints_Since",
                table: "Complaints",
                columns: new[] { "StateSince", "Id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ComplaintEvents");

            migrationBuilder.DropTable(
                name: "Complaints");

            migrationBuilder.DropIndex(
                name: "IX_Warnings_Open_RaisedAt",
                table: "Warnings");

            migrationBuilder.DropIndex(
                name: "IX_ClientEvaluations_Open_Since",
                table: "ClientEvaluations");

            migrationBuilder.DropIndex(
                name: "IX_ClientEvaluations_Since",
                table: "ClientEvaluations");

            migrationBuilder.DropColumn(
                name: "ComplaintStepDueDays",
                table: "WorkflowSettings");
        }
    }
}
