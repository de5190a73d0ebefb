using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Mediation.Requests.Persistence.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class EncryptPersonalData : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_cases_Child_BirthDate",
                table: "cases");

            migrationBuilder.AddColumn<string>(
                name: "Child_BirthDateIndex",
                table: "cases",
                type: "TEXT",
                maxLength: 32,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_cases_Child_BirthDateIndex",
                table: "cases",
                column: "Child_BirthDateIndex");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_cases_Child_BirthDateIndex",
                table: "cases");

            migrationBuilder.DropColumn(
                name: "Child_BirthDateIndex",
                table: "cases");

            migrationBuilder.CreateIndex(
                name: "IX_cases_Child_BirthDate",
                table: "cases",
                column: "Child_BirthDate");
        }
    }
}
