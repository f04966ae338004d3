using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace ClientCrm.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class DossierAccess : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "DossierUses",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UserId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: true),
                    UserName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    ClientId = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<int>(type: "integer", nullable: false),
                    Basis = table.Column<int>(type: "integer", nullable: false),
                    RequestNumber = table.Column<long>(type: "bigint", nullable: true),
                    What = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    RemoteAddress = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DossierUses", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_DossierUses_At_Id",
                table: "DossierUses",
                columns: new[] { "At", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_DossierUses_ClientId_At_Id",
                table: "DossierUses",
                columns: new[] { "ClientId", "At", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_DossierUses_Kind_At_Id",
                table: "DossierUses",
                columns: new[] { "Kind", "At", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_DossierUses_UserId_At_Id",
                table: "DossierUses",
                columns: new[] { "UserId", "At", "Id" });

            // HAND-WRITTEN: the use log (使用登记) is append-only (SPEC §6, docs/security.md "The use log"). A trigger refuses
            // every UPDATE, DELETE and TRUNCATE of "DossierUses", whoever asks: the app's own role (which owns the table, and in
            // the Docker image is even a superuser, so grants alone would not hold) included. Revoking the three privileges from
            // PUBLIC and from the role that runs the migration (the app's role) adds a second, earlier refusal where the role is
            // no superuser. Taking the trigger away needs ALTER TABLE or DROP, which no handler does and a review would see.
            migrationBuilder.Sql("""
                CREATE FUNCTION "DossierUses_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    RAISE EXCEPTION 'The use log "DossierUses" is append-only: % is refused', TG_OP
                        USING ERRCODE = 'insufficient_privilege';
                END
                $$;
                CREATE TRIGGER "DossierUses_no_update_or_delete" BEFORE UPDATE OR DELETE ON "DossierUses"
                    FOR EACH ROW EXECUTE FUNCTION "DossierUses_append_only"();
                CREATE TRIGGER "DossierUses_no_truncate" BEFORE TRUNCATE ON "DossierUses"
                    FOR EACH STATEMENT EXECUTE FUNCTION "DossierUses_append_only"();
                REVOKE UPDATE, DELETE, TRUNCATE ON "DossierUses" FROM PUBLIC;
                REVOKE UPDATE, DELETE, TRUNCATE ON "DossierUses" FROM CURRENT_USER;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // HAND-WRITTEN: the append-only protection of the use log goes before its table (see Up()).
            migrationBuilder.Sql("""
                GRANT UPDATE, DELETE, TRUNCATE ON "DossierUses" TO CURRENT_USER;
                DROP TRIGGER "DossierUses_no_truncate" ON "DossierUses";
                DROP TRIGGER "DossierUses_no_update_or_delete" ON "DossierUses";
                DROP FUNCTION "DossierUses_append_only"();
                """);

            migrationBuilder.DropTable(
                name: "DossierUses");
        }
    }
}
