using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ClientCrm.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class WarningsEscalatedIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_Warnings_Escalated_RaisedAt",
                table: "Warnings",
                columns: new[] { "RaisedAt", "Id" },
                filter: "\"State\" IN (1, 2, 3) AND \"EscalatedAt\" IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Warnings_Escalated_RaisedAt",
                table: "Warnings");
        }
    }
}
