using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ClientCrm.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class OutboxDeliveriesVacuumOften : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterTable(
                name: "OutboxDeliveries")
                .Annotation("Npgsql:StorageParameter:autovacuum_vacuum_scale_factor", 0.01)
                .Annotation("Npgsql:StorageParameter:autovacuum_vacuum_threshold", 1000);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterTable(
                name: "OutboxDeliveries")
                .OldAnnotation("Npgsql:StorageParameter:autovacuum_vacuum_scale_factor", 0.01)
                .OldAnnotation("Npgsql:StorageParameter:autovacuum_vacuum_threshold", 1000);
        }
    }
}
