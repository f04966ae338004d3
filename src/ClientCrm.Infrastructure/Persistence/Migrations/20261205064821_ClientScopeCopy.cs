using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ClientCrm.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class ClientScopeCopy : Migration
    {
        // Written out, not read from the model: a migration stays what it was when it ran.
        private static readonly string[] Tables = ["ClientEvaluations", "Warnings", "Complaints", "ContractReviews", "AccountabilityCases", "ClientDocuments"];

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "ClientDepartmentId",
                table: "Warnings",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "ClientOwnerId",
                table: "Warnings",
                type: "character varying(450)",
                maxLength: 450,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<int>(
                name: "ClientDepartmentId",
                table: "ContractReviews",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "ClientOwnerId",
                table: "ContractReviews",
                type: "character varying(450)",
                maxLength: 450,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<int>(
                name: "ClientDepartmentId",
                table: "Complaints",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "ClientOwnerId",
                table: "Complaints",
                type: "character varying(450)",
                maxLength: 450,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<int>(
                name: "ClientDepartmentId",
                table: "ClientEvaluations",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "ClientOwnerId",
                table: "ClientEvaluations",
                type: "character varying(450)",
                maxLength: 450,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<int>(
                name: "ClientDepartmentId",
                table: "ClientDocuments",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "ClientOwnerId",
                table: "ClientDocuments",
                type: "character varying(450)",
                maxLength: 450,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<int>(
                name: "ClientDepartmentId",
                table: "AccountabilityCases",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "ClientOwnerId",
                table: "AccountabilityCases",
                type: "character varying(450)",
                maxLength: 450,
                nullable: false,
                defaultValue: "");

            // The copy is the database's to keep (ClientScopeCopy): filled from the client when a row is written, and carried
            // to a client's rows in the statement that gives the client another department or owner. A client that does not
            // exist leaves 0 and "", so the foreign key, not the copy, refuses the row. The columns' defaults served the rows
            // already there; without them a row written without the trigger fails instead of carrying a made-up copy.
            migrationBuilder.Sql("""
                CREATE FUNCTION "CopyClientScope"() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    SELECT c."DepartmentId", c."OwnerId" INTO NEW."ClientDepartmentId", NEW."ClientOwnerId" FROM "Clients" c WHERE c."Id" = NEW."ClientId";
                    IF NOT FOUND THEN
                        NEW."ClientDepartmentId" := 0;
                        NEW."ClientOwnerId" := '';
                    END IF;
                    RETURN NEW;
                END
                $$;
                """);
            var carry = new System.Text.StringBuilder();
            foreach (var table in Tables)
            {
                migrationBuilder.Sql($"""
                    UPDATE "{table}" r SET "ClientDepartmentId" = c."DepartmentId", "ClientOwnerId" = c."OwnerId" FROM "Clients" c WHERE c."Id" = r."ClientId";
                    ALTER TABLE "{table}" ALTER COLUMN "ClientDepartmentId" DROP DEFAULT, ALTER COLUMN "ClientOwnerId" DROP DEFAULT;
                    CREATE TRIGGER "{table}_CopyClientScope" BEFORE INSERT OR UPDATE OF "ClientId", "ClientDepartmentId", "ClientOwnerId" ON "{table}"
                        FOR EACH ROW EXECUTE FUNCTION "CopyClientScope"();
                    """);
                carry.Append($"""    UPDATE "{table}" SET "ClientDepartmentId" = NEW."DepartmentId", "ClientOwnerId" = NEW."OwnerId" WHERE "ClientId" = NEW."Id";""").Append('\n');
            }

            migrationBuilder.Sql($"""
                CREATE FUNCTION "CarryClientScope"() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                {carry}    RETURN NULL;
                END
                $$;
                CREATE TRIGGER "Clients_CarryScope" AFTER UPDATE OF "DepartmentId", "OwnerId" ON "Clients" FOR EACH ROW
                    WHEN (OLD."DepartmentId" IS DISTINCT FROM NEW."DepartmentId" OR OLD."OwnerId" IS DISTINCT FROM NEW."OwnerId")
                    EXECUTE FUNCTION "CarryClientScope"();
                """);

            migrationBuilder.CreateIndex(
                name: "IX_Warnings_Open_Department_RaisedAt",
                table: "Warnings",
                columns: new[] { "ClientDepartmentId", "RaisedAt", "Id" },
                filter: "\"State\" IN (1, 2, 3)");

            migrationBuilder.CreateIndex(
                name: "IX_ContractReviews_Open_Department_State_Since",
                table: "ContractReviews",
                columns: new[] { "ClientDepartmentId", "State", "StateSince", "Id" },
                filter: "\"State\" IN (1, 2)");

            migrationBuilder.CreateIndex(
                name: "IX_ContractReviews_Open_Owner_State_Since",
                table: "ContractReviews",
                columns: new[] { "ClientOwnerId", "State", "StateSince", "Id" },
                filter: "\"State\" IN (1, 2)");

            migrationBuilder.CreateIndex(
                name: "IX_Complaints_Open_Department_StateSince",
                table: "Complaints",
                columns: new[] { "ClientDepartmentId", "StateSince", "Id" },
                filter: "\"State\" IN (1, 2, 3, 4, 5)");

            migrationBuilder.CreateIndex(
                name: "IX_ClientEvaluations_Open_Department_State_Since",
                table: "ClientEvaluations",
                columns: new[] { "ClientDepartmentId", "State", "StateSince", "Id" },
                filter: "\"State\" IN (1, 2, 3)");

            migrationBuilder.CreateIndex(
                name: "IX_ClientEvaluations_Open_Owner_State_Since",
                table: "ClientEvaluations",
                columns: new[] { "ClientOwnerId", "State", "StateSince", "Id" },
                filter: "\"State\" IN (1, 2, 3)");

            migrationBuilder.CreateIndex(
                name: "IX_ClientDocuments_Watched_Department_ValidUntil",
                table: "ClientDocuments",
                columns: new[] { "ClientDepartmentId", "ValidUntil", "Id" },
                filter: "\"ArchivedAt\" IS NULL AND \"ValidUntil\" IS NOT NULL AND \"Type\" IN (1, 2)")
                .Annotation("Npgsql:IndexInclude", new[] { "ClientId", "Type" });

            migrationBuilder.CreateIndex(
                name: "IX_AccountabilityCases_Open_Department_StateSince",
                table: "AccountabilityCases",
                columns: new[] { "ClientDepartmentId", "StateSince", "Id" },
                filter: "\"State\" IN (1, 2, 3, 4)");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""DROP TRIGGER "Clients_CarryScope" ON "Clients"; DROP FUNCTION "CarryClientScope"();""");
            foreach (var table in Tables)
            {
                migrationBuilder.Sql($"""DROP TRIGGER "{table}_CopyClientScope" ON "{table}";""");
            }

            migrationBuilder.Sql("""DROP FUNCTION "CopyClientScope"();""");

            migrationBuilder.DropIndex(
                name: "IX_Warnings_Open_Department_RaisedAt",
                table: "Warnings");

            migrationBuilder.DropIndex(
                name: "IX_ContractReviews_Open_Department_State_Since",
                table: "ContractReviews");

            migrationBuilder.DropIndex(
                name: "IX_ContractReviews_Open_Owner_State_Since",
                table: "ContractReviews");

            migrationBuilder.DropIndex(
                name: "IX_Complaints_Open_Department_StateSince",
                table: "Complaints");

            migrationBuilder.DropIndex(
                name: "IX_ClientEvaluations_Open_Department_State_Since",
                table: "ClientEvaluations");

            migrationBuilder.DropIndex(
                name: "IX_ClientEvaluations_Open_Owner_State_Since",
                table: "ClientEvaluations");

            migrationBuilder.DropIndex(
                name: "IX_ClientDocuments_Watched_Department_ValidUntil",
                table: "ClientDocuments");

            migrationBuilder.DropIndex(
                name: "IX_AccountabilityCases_Open_Department_StateSince",
                table: "AccountabilityCases");

            migrationBuilder.DropColumn(
                name: "ClientDepartmentId",
                table: "Warnings");

            migrationBuilder.DropColumn(
                name: "ClientOwnerId",
                table: "Warnings");

            migrationBuilder.DropColumn(
                name: "ClientDepartmentId",
                table: "ContractReviews");

            migrationBuilder.DropColumn(
                name: "ClientOwnerId",
                table: "ContractReviews");

            migrationBuilder.DropColumn(
                name: "ClientDepartmentId",
                table: "Complaints");

            migrationBuilder.DropColumn(
                name: "ClientOwnerId",
                table: "Complaints");

            migrationBuilder.DropColumn(
                name: "ClientDepartmentId",
                table: "ClientEvaluations");

            migrationBuilder.DropColumn(
                name: "ClientOwnerId",
                table: "ClientEvaluations");

            migrationBuilder.DropColumn(
                name: "ClientDepartmentId",
                table: "ClientDocuments");

            migrationBuilder.DropColumn(
                name: "ClientOwnerId",
                table: "ClientDocuments");

            migrationBuilder.DropColumn(
                name: "ClientDepartmentId",
                table: "AccountabilityCases");

            migrationBuilder.DropColumn(
                name: "ClientOwnerId",
                table: "AccountabilityCases");
        }
    }
}
