using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ClientCrm.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class WarningSources : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "SourceKind",
                table: "Warnings",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "SourceProjectId",
                table: "Warnings",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "SourceRecordId",
                table: "Warnings",
                type: "uuid",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "SourceKind",
                table: "Warnings");

            migrationBuilder.DropColumn(
                name: "SourceProjectId",
                table: "Warnings");

            migrationBuilder.DropColumn(
                name: "SourceRecordId",
                table: "Warnings");
        }
    }
}
