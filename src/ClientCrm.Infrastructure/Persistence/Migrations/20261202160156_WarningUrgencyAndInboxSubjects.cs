using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ClientCrm.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class WarningUrgencyAndInboxSubjects : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Warnings_Open_RaisedAt",
                table: "Warnings");

            migrationBuilder.DropIndex(
                name: "IX_Warnings_RaisedAt_Id",
                table: "Warnings");

            migrationBuilder.AddColumn<string>(
                name: "ClientChineseName",
                table: "Notifications",
                type: "character varying(300)",
                maxLength: 300,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ClientName",
                table: "Notifications",
                type: "character varying(300)",
                maxLength: 300,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "DoneAt",
                table: "Notifications",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Rule",
                table: "Notifications",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "SubjectId",
                table: "Notifications",
                type: "uuid",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_Warnings_Open_Severity_RaisedAt",
                table: "Warnings",
                columns: new[] { "Severity", "RaisedAt", "Id" },
                filter: "\"State\" IN (1, 2, 3)");

            migrationBuilder.CreateIndex(
                name: "IX_Warnings_Severity_RaisedAt_Id",
                table: "Warnings",
                columns: new[] { "Severity", "RaisedAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Warnings_State_Severity_RaisedAt_Id",
                table: "Warnings",
                columns: new[] { "State", "Severity", "RaisedAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Notifications_Subject_NotDone",
                table: "Notifications",
                column: "SubjectId",
                filter: "\"SubjectId\" IS NOT NULL AND \"DoneAt\" IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_ExchangeRates_EffectiveFrom_Id",
                table: "ExchangeRates",
                columns: new[] { "EffectiveFrom", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_CooperationProjects_ClientId_CreatedAt_Id",
                table: "CooperationProjects",
                columns: new[] { "ClientId", "CreatedAt", "Id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Warnings_Open_Severity_RaisedAt",
                table: "Warnings");

            migrationBuilder.DropIndex(
                name: "IX_Warnings_Severity_RaisedAt_Id",
                table: "Warnings");

            migrationBuilder.DropIndex(
                name: "IX_Warnings_State_Severity_RaisedAt_Id",
                table: "Warnings");

            migrationBuilder.DropIndex(
                name: "IX_Notifications_Subject_NotDone",
                table: "Notifications");

            migrationBuilder.DropIndex(
                name: "IX_ExchangeRates_EffectiveFrom_Id",
                table: "ExchangeRates");

            migrationBuilder.DropIndex(
                name: "IX_CooperationProjects_ClientId_CreatedAt_Id",
                table: "CooperationProjects");

            migrationBuilder.DropColumn(
                name: "ClientChineseName",
                table: "Notifications");

            migrationBuilder.DropColumn(
                name: "ClientName",
                table: "Notifications");

            migrationBuilder.DropColumn(
                name: "DoneAt",
                table: "Notifications");

            migrationBuilder.DropColumn(
                name: "Rule",
                table: "Notifications");

            migrationBuilder.DropColumn(
                name: "SubjectId",
                table: "Notifications");

            migrationBuilder.CreateIndex(
                name: "IX_Warnings_Open_RaisedAt",
                table: "Warnings",
                columns: new[] { "RaisedAt", "Id" },
                filter: "\"State\" IN (1, 2, 3)");

            migrationBuilder.CreateIndex(
                name: "IX_Warnings_RaisedAt_Id",
                table: "Warnings",
                columns: new[] { "RaisedAt", "Id" });
        }
    }
}
