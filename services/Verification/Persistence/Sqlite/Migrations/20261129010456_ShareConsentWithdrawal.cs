using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Mediation.Verification.Persistence.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class ShareConsentWithdrawal : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "SharingStopped",
                table: "checklists",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "SharingStopped",
                table: "checklists");
        }
    }
}
