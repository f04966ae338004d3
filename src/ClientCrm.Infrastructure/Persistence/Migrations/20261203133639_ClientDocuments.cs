using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ClientCrm.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class ClientDocuments : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
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

            migrationBuilder.AddColumn<int>(
                name: "DocumentMaxFileMegabytes",
                table: "WorkflowSettings",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateTable(
                name: "ClientDocuments",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ClientId = table.Column<Guid>(type: "uuid", nullable: false),
                    Type = table.Column<int>(type: "integer", nullable: false),
                    CollectionMethod = table.Column<int>(type: "integer", nullable: false),
                    ReceivedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    ValidUntil = table.Column<DateOnly>(type: "date", nullable: true),
                    Notes = table.Column<byte[]>(type: "bytea", nullable: true),
                    UploadedById = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    UploadedByName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    UploadedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ArchivedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    ArchivedByName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    ArchiveReason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    ExpiryNoticeFor = table.Column<DateOnly>(type: "date", nullable: true),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ClientDocuments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ClientDocuments_Clients_ClientId",
                        column: x => x.ClientId,
                        principalTable: "Clients",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ClientDocumentFiles",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    DocumentId = table.Column<Guid>(type: "uuid", nullable: false),
                    FileName = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                    Position = table.Column<int>(type: "integer", nullable: false),
                    ContentKind = table.Column<int>(type: "integer", nullable: false),
                    ContentType = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Size = table.Column<long>(type: "bigint", nullable: false),
                    Sha256 = table.Column<byte[]>(type: "bytea", maxLength: 32, nullable: false),
                    ChunkCount = table.Column<int>(type: "integer", nullable: false),
                    UploadedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ClientDocumentFiles", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ClientDocumentFiles_ClientDocuments_DocumentId",
                        column: x => x.DocumentId,
                        principalTable: "ClientDocuments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ClientDocumentChunks",
                columns: table => new
                {
                    FileId = table.Column<Guid>(type: "uuid", nullable: false),
                    Index = table.Column<int>(type: "integer", nullable: false),
                    KeyId = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Ciphertext = table.Column<byte[]>(type: "bytea", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ClientDocumentChunks", x => new { x.FileId, x.Index });
                    table.ForeignKey(
                        name: "FK_ClientDocumentChunks_ClientDocumentFiles_FileId",
                        column: x => x.FileId,
                        principalTable: "ClientDocumentFiles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.UpdateData(
                table: "WorkflowSettings",
                keyColumn: "Id",
                keyValue: 1,
                column: "DocumentMaxFileMegabytes",
                value: 20);

            migrationBuilder.CreateIndex(
                name: "IX_ClientDocumentFiles_DocumentId_Position",
                table: "ClientDocumentFiles",
                columns: new[] { "DocumentId", "Position" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ClientDocuments_ClientId_UploadedAt",
                table: "ClientDocuments",
                columns: new[] { "ClientId", "UploadedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_ClientDocuments_Watched_ValidUntil",
                table: "ClientDocuments",
                columns: new[] { "ValidUntil", "ClientId" },
                filter: "\"ArchivedAt\" IS NULL AND \"ValidUntil\" IS NOT NULL AND \"Type\" IN (1, 2)");

            // HAND-WRITTEN: the chunks are AES-GCM ciphertext, which does not compress; EXTERNAL keeps them out of line
            // (TOAST) without PostgreSQL trying to compress every chunk first. The size setting comes from the seeded row,
            // not from a column default (like the other settings).
            migrationBuilder.Sql("ALTER TABLE \"ClientDocumentChunks\" ALTER COLUMN \"Ciphertext\" SET STORAGE EXTERNAL;");
            migrationBuilder.Sql("ALTER TABLE \"WorkflowSettings\" ALTER COLUMN \"DocumentMaxFileMegabytes\" DROP DEFAULT;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ClientDocumentChunks");

            migrationBuilder.DropTable(
                name: "ClientDocumentFiles");

            migrationBuilder.DropTable(
                name: "ClientDocuments");

            migrationBuilder.DropColumn(
                name: "DocumentMaxFileMegabytes",
                table: "WorkflowSettings");

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
        }
    }
}
