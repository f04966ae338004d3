using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ClientCrm.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class ClientDepartmentCopy : Migration
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

            migrationBuilder.AddColumn<int>(
                name: "ClientDepartmentId",
                table: "ContractReviews",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "ClientDepartmentId",
                table: "Complaints",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "ClientDepartmentId",
                table: "ClientEvaluations",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "ClientDepartmentId",
                table: "ClientDocuments",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "ClientDepartmentId",
                table: "AccountabilityCases",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            // The copy is the database's to keep (ClientDepartmentCopy): filled from the client when a row is written, and
            // carried to a client's rows in the statement that moves the client to another department. A client that does not
            // exist leaves 0, so the foreign key, not the copy, refuses the row.
            migrationBuilder.Sql("""
                CREATE FUNCTION "CopyClientDepartment"() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    NEW."ClientDepartmentId" := COALESCE((SELECT c."DepartmentId" FROM "Clients" c WHERE c."Id" = NEW."ClientId"), 0);
                    RETURN NEW;
                END
                $$;
                """);
            var carry = new System.Text.StringBuilder();
            foreach (var table in Tables)
            {
                migrationBuilder.Sql($"""
                    UPDATE "{table}" r SET "ClientDepartmentId" = c."DepartmentId" FROM "Clients" c WHERE c."Id" = r."ClientId";
                    CREATE TRIGGER "{table}_CopyClientDepartment" BEFORE INSERT OR UPDATE OF "ClientId", "ClientDepartmentId" ON "{table}"
                        FOR EACH ROW EXECUTE FUNCTION "CopyClientDepartment"();
                    """);
                carry.Append($"""    UPDATE "{table}" SET "ClientDepartmentId" = NEW."DepartmentId" WHERE "ClientId" = NEW."Id";""").Append('\n');
            }

            migrationBuilder.Sql($"""
                CREATE FUNCTION "CarryClientDepartment"() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                {carry}    RETURN NULL;
                END
                $$;
                CREATE TRIGGER "Clients_CarryDepartment" AFTER UPDATE OF "DepartmentId" ON "Clients"
                    FOR EACH ROW WHEN (OLD."DepartmentId" IS DISTINCT FROM NEW."DepartmentId") EXECUTE FUNCTION "CarryClientDepartment"();
                """);

            migrationBuilder.CreateIndex(
                name: "IX_Warnings_Open_Department_RaisedAt",
                table: "Warnings",
                columns: new[] { "ClientDepartmentId", "RaisedAt", "Id" },
                filter: "\"State\" IN (1, 2, 3)");

            migrationBuilder.CreateIndex(
                name: "IX_ContractReviews_Open_Department_StateSince",
                table: "ContractReviews",
                columns: new[] { "ClientDepartmentId", "StateSince", "Id" },
                filter: "\"State\" IN (1, 2)");

            migrationBuilder.CreateIndex(
                name: "IX_Complaints_Open_Department_StateSince",
                table: "Complaints",
                columns: new[] { "ClientDepartmentId", "StateSince", "Id" },
                filter: "\"State\" IN (1, 2, 3, 4, 5)");

            migrationBuilder.CreateIndex(
                name: "IX_ClientEvaluations_Open_Department_StateSince",
                table: "ClientEvaluations",
                columns: new[] { "ClientDepartmentId", "StateSince", "Id" },
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
            migrationBuilder.Sql("""DROP TRIGGER "Clients_CarryDepartment" ON "Clients"; DROP FUNCTION "CarryClientDepartment"();""");
            foreach (var table in Tables)
            {
                migrationBuilder.Sql($"""DROP TRIGGER "{table}_CopyClientDepartment" ON "{table}";""");
            }

            migrationBuilder.Sql("""DROP FUNCTION "CopyClientDepartment"();""");

            migrationBuilder.DropIndex(
                name: "IX_Warnings_Open_Department_RaisedAt",
                table: "Warnings");

            migrationBuilder.DropIndex(
                name: "IX_ContractReviews_Open_Department_StateSince",
                table: "ContractReviews");

            migrationBuilder.DropIndex(
                name: "IX_Complaints_Open_Department_StateSince",
                table: "Complaints");

            migrationBuilder.DropIndex(
                name: "IX_ClientEvaluations_Open_Department_StateSince",
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
                name: "ClientDepartmentId",
                table: "ContractReviews");

            migrationBuilder.DropColumn(
                name: "ClientDepartmentId",
                table: "Complaints");

            migrationBuilder.DropColumn(
                name: "ClientDepartmentId",
                table: "ClientEvaluations");

            migrationBuilder.DropColumn(
                name: "ClientDepartmentId",
                table: "ClientDocuments");

            migrationBuilder.DropColumn(
                name: "ClientDepartmentId",
                table: "AccountabilityCases");
        }
    }
}
