using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Mediation.Handover.Persistence.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class ShareConsentWithdrawal : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "SharingStopped",
                table: "handover_cases",
                type: "boolean",
                nullable: false,
                defaultValue: false);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "SharingStopped",
                table: "handover_cases");
        }
    }
}
