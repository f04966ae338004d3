using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ClientCrm.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class NotificationsWithoutLinks : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Messages written before they carried their item's id had only the link, and every link ever stored was a
            // warning's page: the id is taken from it first, so those messages still open their warning.
            migrationBuilder.Sql(
                """
                UPDATE "Notifications" SET "SubjectId" = substring("Link" from 11)::uuid
                WHERE "SubjectId" IS NULL AND "Link" ~ '^/Warnings/[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$'
                """);

            migrationBuilder.DropColumn(
                name: "Link",
                table: "Notifications");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Link",
                table: "Notifications",
                type: "character varying(300)",
                maxLength: 300,
                nullable: false,
                defaultValue: "/Inbox");

            migrationBuilder.Sql("""UPDATE "Notifications" SET "Link" = '/Warnings/' || "SubjectId" WHERE "SubjectId" IS NOT NULL""");
            migrationBuilder.Sql("""ALTER TABLE "Notifications" ALTER COLUMN "Link" DROP DEFAULT""");
        }
    }
}
