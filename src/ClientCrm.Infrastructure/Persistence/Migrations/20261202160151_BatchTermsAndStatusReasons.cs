using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ClientCrm.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class BatchTermsAndStatusReasons : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<decimal>(
                name: "ArrearsAmount",
                table: "WorkerIncidents",
                type: "numeric(18,2)",
                precision: 18,
                scale: 2,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ArrearsCurrency",
                table: "WorkerIncidents",
                type: "character varying(3)",
                maxLength: 3,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "BoardAndLodging",
                table: "CooperationProjects",
                type: "character varying(1000)",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "EmployerContractNumber",
                table: "CooperationProjects",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "FiledOn",
                table: "CooperationProjects",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "FilingNumber",
                table: "CooperationProjects",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "InsuranceTerms",
                table: "CooperationProjects",
                type: "character varying(1000)",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<decimal>(
                name: "ServiceFeeAmount",
                table: "CooperationProjects",
                type: "numeric(18,2)",
                precision: 18,
                scale: 2,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ServiceFeeCurrency",
                table: "CooperationProjects",
                type: "character varying(3)",
                maxLength: 3,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "ServiceFeePaidBy",
                table: "CooperationProjects",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<decimal>(
                name: "WageAmount",
                table: "CooperationProjects",
                type: "numeric(18,2)",
                precision: 18,
                scale: 2,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "WageCurrency",
                table: "CooperationProjects",
                type: "character varying(3)",
                maxLength: 3,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "WorkSite",
                table: "CooperationProjects",
                type: "character varying(300)",
                maxLength: 300,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "WorkingHours",
                table: "CooperationProjects",
                type: "character varying(500)",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "StatusReason",
                table: "Clients",
                type: "character varying(1000)",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "ClientStatusChanges",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ClientId = table.Column<Guid>(type: "uuid", nullable: false),
                    FromStatus = table.Column<int>(type: "integer", nullable: false),
                    ToStatus = table.Column<int>(type: "integer", nullable: false),
                    Reason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    ChangedById = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: true),
                    ChangedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ClientStatusChanges", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ClientStatusChanges_Clients_ClientId",
                        column: x => x.ClientId,
                        principalTable: "Clients",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ClientStatusChanges_ClientId_ChangedAt",
                table: "ClientStatusChanges",
                columns: new[] { "ClientId", "ChangedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ClientStatusChanges");

            migrationBuilder.DropColumn(
                name: "ArrearsAmount",
                table: "WorkerIncidents");

            migrationBuilder.DropColumn(
                name: "ArrearsCurrency",
                table: "WorkerIncidents");

            migrationBuilder.DropColumn(
                name: "BoardAndLodging",
                table: "CooperationProjects");

            migrationBuilder.DropColumn(
                name: "EmployerContractNumber",
                table: "CooperationProjects");

            migrationBuilder.DropColumn(
                name: "FiledOn",
                table: "CooperationProjects");

            migrationBuilder.DropColumn(
                name: "FilingNumber",
                table: "CooperationProjects");

            migrationBuilder.DropColumn(
                name: "InsuranceTerms",
                table: "CooperationProjects");

            migrationBuilder.DropColumn(
                name: "ServiceFeeAmount",
                table: "CooperationProjects");

            migrationBuilder.DropColumn(
                name: "ServiceFeeCurrency",
                table: "CooperationProjects");

            migrationBuilder.DropColumn(
                name: "ServiceFeePaidBy",
                table: "CooperationProjects");

            migrationBuilder.DropColumn(
                name: "WageAmount",
                table: "CooperationProjects");

            migrationBuilder.DropColumn(
                name: "WageCurrency",
                table: "CooperationProjects");

            migrationBuilder.DropColumn(
                name: "WorkSite",
                table: "CooperationProjects");

            migrationBuilder.DropColumn(
                name: "WorkingHours",
                table: "CooperationProjects");

            migrationBuilder.DropColumn(
                name: "StatusReason",
                table: "Clients");
        }
    }
}
