using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ClientCrm.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class WatchedDocumentsIndexCarriesIdAndType : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_ClientDocuments_Watched_ValidUntil",
                table: "ClientDocuments");

            migrationBuilder.CreateIndex(
                name: "IX_ClientDocuments_Watched_ValidUntil",
                table: "ClientDocuments",
                columns: new[] { "ValidUntil", "ClientId" },
                filter: "\"ArchivedAt\" IS NULL AND \"ValidUntil\" IS NOT NULL AND \"Type\" IN (1, 2)")
                .Annotation("Npgsql:IndexInclude", new[] { "Id", "Type" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_ClientDocuments_Watched_ValidUntil",
                table: "ClientDocuments");

            migrationBuilder.CreateIndex(
                name: "IX_ClientDocuments_Watched_ValidUntil",
                table: "ClientDocuments",
                columns: new[] { "ValidUntil", "ClientId" },
                filter: "\"ArchivedAt\" IS NULL AND \"ValidUntil\" IS NOT NULL AND \"Type\" IN (1, 2)");
        }
    }
}
