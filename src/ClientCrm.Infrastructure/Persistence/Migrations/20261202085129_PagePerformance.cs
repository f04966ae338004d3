using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ClientCrm.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class PagePerformance : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Warnings_State_RaisedAt",
                table: "Warnings");

            migrationBuilder.DropIndex(
                name: "IX_Notifications_RecipientId_CreatedAt",
                table: "Notifications");

            migrationBuilder.DropIndex(
                name: "IX_Notifications_Unread",
                table: "Notifications");

            migrationBuilder.DropIndex(
                name: "IX_GradeProposals_State",
                table: "GradeProposals");

            migrationBuilder.DropIndex(
                name: "IX_Clients_CountryCode_NormalizedName",
                table: "Clients");

            migrationBuilder.DropIndex(
                name: "IX_Clients_DepartmentId_Status",
                table: "Clients");

            migrationBuilder.DropIndex(
                name: "IX_Clients_Grade_LastContactOn",
                table: "Clients");

            migrationBuilder.DropIndex(
                name: "IX_Clients_OwnerId_Status",
                table: "Clients");

            migrationBuilder.DropIndex(
                name: "IX_Clients_Status",
                table: "Clients");

            migrationBuilder.DropIndex(
                name: "IX_Clients_UpdatedAt",
                table: "Clients");

            migrationBuilder.DropIndex(
                name: "IX_AuditEntries_At",
                table: "AuditEntries");

            migrationBuilder.DropIndex(
                name: "IX_AuditEntries_ClientId_At",
                table: "AuditEntries");

            migrationBuilder.AlterDatabase()
                .Annotation("Npgsql:PostgresExtension:pg_trgm", ",,");

            migrationBuilder.AddColumn<DateOnly>(
                name: "CardReviewDueOn",
                table: "Clients",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "ContactDueOn",
                table: "Clients",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<decimal>(
                name: "AmountCny12",
                table: "ClientClasses",
                type: "numeric(18,2)",
                precision: 18,
                scale: 2,
                nullable: false,
                defaultValue: 0m);

            // The default only fills the existing rows (the next regrade run writes the real amounts); the model has none.
            migrationBuilder.Sql("""ALTER TABLE "ClientClasses" ALTER COLUMN "AmountCny12" DROP DEFAULT""");

            migrationBuilder.CreateIndex(
                name: "IX_Warnings_Open_RaisedAt",
                table: "Warnings",
                columns: new[] { "RaisedAt", "Id" },
                filter: "\"State\" IN (1, 2, 3)");

            migrationBuilder.CreateIndex(
                name: "IX_Warnings_RaisedAt_Id",
                table: "Warnings",
                columns: new[] { "RaisedAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Warnings_State_RaisedAt_Id",
                table: "Warnings",
                columns: new[] { "State", "RaisedAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Principals_Name_Trigram",
                table: "Principals",
                column: "Name")
                .Annotation("Npgsql:IndexMethod", "gin")
                .Annotation("Npgsql:IndexOperators", new[] { "gin_trgm_ops" });

            migrationBuilder.CreateIndex(
                name: "IX_Notifications_RecipientId_CreatedAt_Id",
                table: "Notifications",
                columns: new[] { "RecipientId", "CreatedAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Notifications_Unread",
                table: "Notifications",
                columns: new[] { "RecipientId", "CreatedAt", "Id" },
                filter: "\"ReadAt\" IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_GradeProposals_Pending",
                table: "GradeProposals",
                columns: new[] { "CreatedAt", "Id" },
                filter: "\"State\" = 1");

            migrationBuilder.CreateIndex(
                name: "IX_GradeProposals_RunId_ProposedGrade_Id",
                table: "GradeProposals",
                columns: new[] { "RunId", "ProposedGrade", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Clients_CardReviewDueOn",
                table: "Clients",
                column: "CardReviewDueOn");

            migrationBuilder.CreateIndex(
                name: "IX_Clients_ChineseName_Trigram",
                table: "Clients",
                column: "ChineseName")
                .Annotation("Npgsql:IndexMethod", "gin")
                .Annotation("Npgsql:IndexOperators", new[] { "gin_trgm_ops" });

            migrationBuilder.CreateIndex(
                name: "IX_Clients_ContactDue",
                table: "Clients",
                columns: new[] { "Grade", "ContactDueOn" },
                filter: "\"Status\" <> 5");

            migrationBuilder.CreateIndex(
                name: "IX_Clients_CountryCode_NormalizedName_Id",
                table: "Clients",
                columns: new[] { "CountryCode", "NormalizedName", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Clients_Department_ContactDue",
                table: "Clients",
                columns: new[] { "DepartmentId", "Grade", "ContactDueOn" },
                filter: "\"Status\" <> 5");

            migrationBuilder.CreateIndex(
                name: "IX_Clients_DepartmentId_CardReviewDueOn",
                table: "Clients",
                columns: new[] { "DepartmentId", "CardReviewDueOn" });

            migrationBuilder.CreateIndex(
                name: "IX_Clients_DepartmentId_CountryCode_NormalizedName_Id",
                table: "Clients",
                columns: new[] { "DepartmentId", "CountryCode", "NormalizedName", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Clients_DepartmentId_Grade_NormalizedName_Id",
                table: "Clients",
                columns: new[] { "DepartmentId", "Grade", "NormalizedName", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Clients_DepartmentId_NormalizedName_Id",
                table: "Clients",
                columns: new[] { "DepartmentId", "NormalizedName", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Clients_DepartmentId_Status_NormalizedName_Id",
                table: "Clients",
                columns: new[] { "DepartmentId", "Status", "NormalizedName", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Clients_DepartmentId_UpdatedAt_Id",
                table: "Clients",
                columns: new[] { "DepartmentId", "UpdatedAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Clients_Grade_NormalizedName_Id",
                table: "Clients",
                columns: new[] { "Grade", "NormalizedName", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Clients_Name_Trigram",
                table: "Clients",
                column: "Name")
                .Annotation("Npgsql:IndexMethod", "gin")
                .Annotation("Npgsql:IndexOperators", new[] { "gin_trgm_ops" });

            migrationBuilder.CreateIndex(
                name: "IX_Clients_NormalizedName_Id",
                table: "Clients",
                columns: new[] { "NormalizedName", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Clients_Owner_ContactDue",
                table: "Clients",
                columns: new[] { "OwnerId", "Grade", "ContactDueOn" },
                filter: "\"Status\" <> 5");

            migrationBuilder.CreateIndex(
                name: "IX_Clients_OwnerId_CardReviewDueOn",
                table: "Clients",
                columns: new[] { "OwnerId", "CardReviewDueOn" });

            migrationBuilder.CreateIndex(
                name: "IX_Clients_OwnerId_NormalizedName_Id",
                table: "Clients",
                columns: new[] { "OwnerId", "NormalizedName", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Clients_OwnerId_Status_NormalizedName_Id",
                table: "Clients",
                columns: new[] { "OwnerId", "Status", "NormalizedName", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Clients_OwnerId_UpdatedAt_Id",
                table: "Clients",
                columns: new[] { "OwnerId", "UpdatedAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Clients_Status_NormalizedName_Id",
                table: "Clients",
                columns: new[] { "Status", "NormalizedName", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Clients_UpdatedAt_Id",
                table: "Clients",
                columns: new[] { "UpdatedAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_AuditEntries_At_Id",
                table: "AuditEntries",
                columns: new[] { "At", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_AuditEntries_ClientId_At_Id",
                table: "AuditEntries",
                columns: new[] { "ClientId", "At", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_AuditEntries_EntityType_At_Id",
                table: "AuditEntries",
                columns: new[] { "EntityType", "At", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_AuditEntries_UserName_At_Id",
                table: "AuditEntries",
                columns: new[] { "UserName", "At", "Id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Warnings_Open_RaisedAt",
                table: "Warnings");

            migrationBuilder.DropIndex(
                name: "IX_Warnings_RaisedAt_Id",
                table: "Warnings");

            migrationBuilder.DropIndex(
                name: "IX_Warnings_State_RaisedAt_Id",
                table: "Warnings");

            migrationBuilder.DropIndex(
                name: "IX_Principals_Name_Trigram",
                table: "Principals");

            migrationBuilder.DropIndex(
                name: "IX_Notifications_RecipientId_CreatedAt_Id",
                table: "Notifications");

            migrationBuilder.DropIndex(
                name: "IX_Notifications_Unread",
                table: "Notifications");

            migrationBuilder.DropIndex(
                name: "IX_GradeProposals_Pending",
                table: "GradeProposals");

            migrationBuilder.DropIndex(
                name: "IX_GradeProposals_RunId_ProposedGrade_Id",
                table: "GradeProposals");

            migrationBuilder.DropIndex(
                name: "IX_Clients_CardReviewDueOn",
                table: "Clients");

            migrationBuilder.DropIndex(
                name: "IX_Clients_ChineseName_Trigram",
                table: "Clients");

            migrationBuilder.DropIndex(
                name: "IX_Clients_ContactDue",
                table: "Clients");

            migrationBuilder.DropIndex(
                name: "IX_Clients_CountryCode_NormalizedName_Id",
                table: "Clients");

            migrationBuilder.DropIndex(
                name: "IX_Clients_Department_ContactDue",
                table: "Clients");

            migrationBuilder.DropIndex(
                name: "IX_Clients_DepartmentId_CardReviewDueOn",
                table: "Clients");

            migrationBuilder.DropIndex(
                name: "IX_Clients_DepartmentId_CountryCode_NormalizedName_Id",
                table: "Clients");

            migrationBuilder.DropIndex(
                name: "IX_Clients_DepartmentId_Grade_NormalizedName_Id",
                table: "Clients");

            migrationBuilder.DropIndex(
                name: "IX_Clients_DepartmentId_NormalizedName_Id",
                table: "Clients");

            migrationBuilder.DropIndex(
                name: "IX_Clients_DepartmentId_Status_NormalizedName_Id",
                table: "Clients");

            migrationBuilder.DropIndex(
                name: "IX_Clients_DepartmentId_UpdatedAt_Id",
                table: "Clients");

            migrationBuilder.DropIndex(
                name: "IX_Clients_Grade_NormalizedName_Id",
                table: "Clients");

            migrationBuilder.DropIndex(
                name: "IX_Clients_Name_Trigram",
                table: "Clients");

            migrationBuilder.DropIndex(
                name: "IX_Clients_NormalizedName_Id",
                table: "Clients");

            migrationBuilder.DropIndex(
                name: "IX_Clients_Owner_ContactDue",
                table: "Clients");

            migrationBuilder.DropIndex(
                name: "IX_Clients_OwnerId_CardReviewDueOn",
                table: "Clients");

            migrationBuilder.DropIndex(
                name: "IX_Clients_OwnerId_NormalizedName_Id",
                table: "Clients");

            migrationBuilder.DropIndex(
                name: "IX_Clients_OwnerId_Status_NormalizedName_Id",
                table: "Clients");

            migrationBuilder.DropIndex(
                name: "IX_Clients_OwnerId_UpdatedAt_Id",
                table: "Clients");

            migrationBuilder.DropIndex(
                name: "IX_Clients_Status_NormalizedName_Id",
                table: "Clients");

            migrationBuilder.DropIndex(
                name: "IX_Clients_UpdatedAt_Id",
                table: "Clients");

            migrationBuilder.DropIndex(
                name: "IX_AuditEntries_At_Id",
                table: "AuditEntries");

            migrationBuilder.DropIndex(
                name: "IX_AuditEntries_ClientId_At_Id",
                table: "AuditEntries");

            migrationBuilder.DropIndex(
                name: "IX_AuditEntries_EntityType_At_Id",
                table: "AuditEntries");

            migrationBuilder.DropIndex(
                name: "IX_AuditEntries_UserName_At_Id",
                table: "AuditEntries");

            migrationBuilder.DropColumn(
                name: "CardReviewDueOn",
                table: "Clients");

            migrationBuilder.DropColumn(
                name: "ContactDueOn",
                table: "Clients");

            migrationBuilder.DropColumn(
                name: "AmountCny12",
                table: "ClientClasses");

            migrationBuilder.AlterDatabase()
                .OldAnnotation("Npgsql:PostgresExtension:pg_trgm", ",,");

            migrationBuilder.CreateIndex(
                name: "IX_Warnings_State_RaisedAt",
                table: "Warnings",
                columns: new[] { "State", "RaisedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Notifications_RecipientId_CreatedAt",
                table: "Notifications",
                columns: new[] { "RecipientId", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Notifications_Unread",
                table: "Notifications",
                column: "RecipientId",
                filter: "\"ReadAt\" IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_GradeProposals_State",
                table: "GradeProposals",
                column: "State",
                filter: "\"State\" = 1");

            migrationBuilder.CreateIndex(
                name: "IX_Clients_CountryCode_NormalizedName",
                table: "Clients",
                columns: new[] { "CountryCode", "NormalizedName" });

            migrationBuilder.CreateIndex(
                name: "IX_Clients_DepartmentId_Status",
                table: "Clients",
                columns: new[] { "DepartmentId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_Clients_Grade_LastContactOn",
                table: "Clients",
                columns: new[] { "Grade", "LastContactOn" });

            migrationBuilder.CreateIndex(
                name: "IX_Clients_OwnerId_Status",
                table: "Clients",
                columns: new[] { "OwnerId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_Clients_Status",
                table: "Clients",
                column: "Status");

            migrationBuilder.CreateIndex(
                name: "IX_Clients_UpdatedAt",
                table: "Clients",
                column: "UpdatedAt");

            migrationBuilder.CreateIndex(
                name: "IX_AuditEntries_At",
                table: "AuditEntries",
                column: "At");

            migrationBuilder.CreateIndex(
                name: "IX_AuditEntries_ClientId_At",
                table: "AuditEntries",
                columns: new[] { "ClientId", "At" });
        }
    }
}
