using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace ClientCrm.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class CooperationAndGrading : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "Grade",
                table: "Clients",
                type: "integer",
                nullable: false,
                defaultValue: 3);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "GradeSince",
                table: "Clients",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "LastContactOn",
                table: "Clients",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ResponsibleLeaderId",
                table: "Clients",
                type: "character varying(450)",
                maxLength: 450,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "ClientClasses",
                columns: table => new
                {
                    ClientId = table.Column<Guid>(type: "uuid", nullable: false),
                    ParetoClass = table.Column<int>(type: "integer", nullable: true),
                    LifecycleStage = table.Column<int>(type: "integer", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ClientClasses", x => x.ClientId);
                    table.ForeignKey(
                        name: "FK_ClientClasses_Clients_ClientId",
                        column: x => x.ClientId,
                        principalTable: "Clients",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "CooperationProjects",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ClientId = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    JobTypes = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    WorkCountryCode = table.Column<string>(type: "character(2)", fixedLength: true, maxLength: 2, nullable: false),
                    WorkersRequested = table.Column<int>(type: "integer", nullable: false),
                    WorkersDispatched = table.Column<int>(type: "integer", nullable: false),
                    ContractAmount = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: true),
                    Currency = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: true),
                    AmountCny = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: true),
                    RateUsed = table.Column<decimal>(type: "numeric(18,6)", precision: 18, scale: 6, nullable: true),
                    RateDate = table.Column<DateOnly>(type: "date", nullable: true),
                    ContractSignedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    DepartureOn = table.Column<DateOnly>(type: "date", nullable: true),
                    ContractEndOn = table.Column<DateOnly>(type: "date", nullable: true),
                    Status = table.Column<int>(type: "integer", nullable: false),
                    Notes = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CooperationProjects", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CooperationProjects_Clients_ClientId",
                        column: x => x.ClientId,
                        principalTable: "Clients",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ExchangeRates",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Currency = table.Column<string>(type: "character(3)", fixedLength: true, maxLength: 3, nullable: false),
                    CnyPerUnit = table.Column<decimal>(type: "numeric(18,6)", precision: 18, scale: 6, nullable: false),
                    EffectiveFrom = table.Column<DateOnly>(type: "date", nullable: false),
                    EnteredBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    EnteredAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ExchangeRates", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "GradeChanges",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ClientId = table.Column<Guid>(type: "uuid", nullable: false),
                    FromGrade = table.Column<int>(type: "integer", nullable: false),
                    ToGrade = table.Column<int>(type: "integer", nullable: false),
                    Kind = table.Column<int>(type: "integer", nullable: false),
                    ById = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    ByName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    Reason = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    Criteria = table.Column<string>(type: "jsonb", nullable: false),
                    ProposalId = table.Column<Guid>(type: "uuid", nullable: true),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_GradeChanges", x => x.Id);
                    table.ForeignKey(
                        name: "FK_GradeChanges_Clients_ClientId",
                        column: x => x.ClientId,
                        principalTable: "Clients",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "GradingRuns",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Trigger = table.Column<int>(type: "integer", nullable: false),
                    ScopeLevel = table.Column<int>(type: "integer", nullable: false),
                    DepartmentId = table.Column<int>(type: "integer", nullable: true),
                    StartedById = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: true),
                    StartedByName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    StartedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    FinishedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    ClientsAssessed = table.Column<int>(type: "integer", nullable: false),
                    ChangesProposed = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_GradingRuns", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "GradingSettings",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false),
                    AMinBatchesLast12Months = table.Column<int>(type: "integer", nullable: false),
                    AMinYearsWithCooperation = table.Column<int>(type: "integer", nullable: false),
                    AMinWorkersLast24Months = table.Column<int>(type: "integer", nullable: false),
                    AMinAmountCnyLast24Months = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false),
                    BMinYearsWithCooperation = table.Column<int>(type: "integer", nullable: false),
                    BMinWorkersLast24Months = table.Column<int>(type: "integer", nullable: false),
                    BMinAmountCnyLast24Months = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false),
                    ContactDaysA = table.Column<int>(type: "integer", nullable: false),
                    ContactDaysB = table.Column<int>(type: "integer", nullable: false),
                    ContactDaysC = table.Column<int>(type: "integer", nullable: false),
                    ParetoClassIPercent = table.Column<int>(type: "integer", nullable: false),
                    ParetoClassIIPercent = table.Column<int>(type: "integer", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_GradingSettings", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "WorkerIncidents",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ProjectId = table.Column<Guid>(type: "uuid", nullable: false),
                    ClientId = table.Column<Guid>(type: "uuid", nullable: false),
                    Type = table.Column<int>(type: "integer", nullable: false),
                    OccurredOn = table.Column<DateOnly>(type: "date", nullable: false),
                    WorkersAffected = table.Column<int>(type: "integer", nullable: false),
                    Description = table.Column<byte[]>(type: "bytea", nullable: false),
                    Status = table.Column<int>(type: "integer", nullable: false),
                    HandlingRecord = table.Column<byte[]>(type: "bytea", nullable: true),
                    ResolvedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    RecordedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_WorkerIncidents", x => x.Id);
                    table.ForeignKey(
                        name: "FK_WorkerIncidents_Clients_ClientId",
                        column: x => x.ClientId,
                        principalTable: "Clients",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_WorkerIncidents_CooperationProjects_ProjectId",
                        column: x => x.ProjectId,
                        principalTable: "CooperationProjects",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "GradeProposals",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    RunId = table.Column<Guid>(type: "uuid", nullable: false),
                    ClientId = table.Column<Guid>(type: "uuid", nullable: false),
                    FromGrade = table.Column<int>(type: "integer", nullable: false),
                    ProposedGrade = table.Column<int>(type: "integer", nullable: false),
                    Criteria = table.Column<string>(type: "jsonb", nullable: false),
                    State = table.Column<int>(type: "integer", nullable: false),
                    FinalGrade = table.Column<int>(type: "integer", nullable: true),
                    Reason = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    DecidedById = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: true),
                    DecidedByName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    DecidedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_GradeProposals", x => x.Id);
                    table.ForeignKey(
                        name: "FK_GradeProposals_Clients_ClientId",
                        column: x => x.ClientId,
                        principalTable: "Clients",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_GradeProposals_GradingRuns_RunId",
                        column: x => x.RunId,
                        principalTable: "GradingRuns",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.InsertData(
                table: "GradingSettings",
                columns: new[] { "Id", "AMinAmountCnyLast24Months", "AMinBatchesLast12Months", "AMinWorkersLast24Months", "AMinYearsWithCooperation", "BMinAmountCnyLast24Months", "BMinWorkersLast24Months", "BMinYearsWithCooperation", "ContactDaysA", "ContactDaysB", "ContactDaysC", "ParetoClassIIPercent", "ParetoClassIPercent", "UpdatedAt" },
                values: new object[] { 1, 5000000m, 3, 100, 2, 1000000m, 30, 2, 30, 60, 90, 90, 70, new DateTimeOffset(new DateTime(2026, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)) });

            migrationBuilder.CreateIndex(
                name: "IX_Clients_Grade_LastContactOn",
                table: "Clients",
                columns: new[] { "Grade", "LastContactOn" });

            migrationBuilder.CreateIndex(
                name: "IX_Clients_ResponsibleLeaderId",
                table: "Clients",
                column: "ResponsibleLeaderId");

            migrationBuilder.CreateIndex(
                name: "IX_ClientClasses_LifecycleStage",
                table: "ClientClasses",
                column: "LifecycleStage");

            migrationBuilder.CreateIndex(
                name: "IX_ClientClasses_ParetoClass",
                table: "ClientClasses",
                column: "ParetoClass");

            migrationBuilder.CreateIndex(
                name: "IX_CooperationProjects_ClientId_ContractSignedOn",
                table: "CooperationProjects",
                columns: new[] { "ClientId", "ContractSignedOn" })
                .Annotation("Npgsql:IndexInclude", new[] { "Status", "WorkersDispatched", "WorkersRequested", "AmountCny", "DepartureOn", "ContractEndOn" });

            migrationBuilder.CreateIndex(
                name: "IX_CooperationProjects_WorkCountryCode",
                table: "CooperationProjects",
                column: "WorkCountryCode");

            migrationBuilder.CreateIndex(
                name: "IX_ExchangeRates_Currency_EffectiveFrom",
                table: "ExchangeRates",
                columns: new[] { "Currency", "EffectiveFrom" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_GradeChanges_ClientId_At",
                table: "GradeChanges",
                columns: new[] { "ClientId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_GradeProposals_ClientId_State",
                table: "GradeProposals",
                columns: new[] { "ClientId", "State" });

            migrationBuilder.CreateIndex(
                name: "IX_GradeProposals_RunId_ClientId",
                table: "GradeProposals",
                columns: new[] { "RunId", "ClientId" });

            migrationBuilder.CreateIndex(
                name: "IX_GradeProposals_State",
                table: "GradeProposals",
                column: "State",
                filter: "\"State\" = 1");

            migrationBuilder.CreateIndex(
                name: "IX_GradingRuns_StartedAt",
                table: "GradingRuns",
                column: "StartedAt");

            migrationBuilder.CreateIndex(
                name: "IX_GradingRuns_Trigger_StartedAt",
                table: "GradingRuns",
                columns: new[] { "Trigger", "StartedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_WorkerIncidents_ClientId_Type_Status",
                table: "WorkerIncidents",
                columns: new[] { "ClientId", "Type", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_WorkerIncidents_ProjectId",
                table: "WorkerIncidents",
                column: "ProjectId");

            migrationBuilder.AddForeignKey(
                name: "FK_Clients_AspNetUsers_ResponsibleLeaderId",
                table: "Clients",
                column: "ResponsibleLeaderId",
                principalTable: "AspNetUsers",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_Clients_AspNetUsers_ResponsibleLeaderId",
                table: "Clients");

            migrationBuilder.DropTable(
                name: "ClientClasses");

            migrationBuilder.DropTable(
                name: "ExchangeRates");

            migrationBuilder.DropTable(
                name: "GradeChanges");

            migrationBuilder.DropTable(
                name: "GradeProposals");

            migrationBuilder.DropTable(
                name: "GradingSettings");

            migrationBuilder.DropTable(
                name: "WorkerIncidents");

            migrationBuilder.DropTable(
                name: "GradingRuns");

            migrationBuilder.DropTable(
                name: "CooperationProjects");

            migrationBuilder.DropIndex(
                name: "IX_Clients_Grade_LastContactOn",
                table: "Clients");

            migrationBuilder.DropIndex(
                name: "IX_Clients_ResponsibleLeaderId",
                table: "Clients");

            migrationBuilder.DropColumn(
                name: "Grade",
                table: "Clients");

            migrationBuilder.DropColumn(
                name: "GradeSince",
                table: "Clients");

            migrationBuilder.DropColumn(
                name: "LastContactOn",
                table: "Clients");

            migrationBuilder.DropColumn(
                name: "ResponsibleLeaderId",
                table: "Clients");
        }
    }
}
