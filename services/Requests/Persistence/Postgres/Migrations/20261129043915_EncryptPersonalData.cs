using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Mediation.Requests.Persistence.Postgres.Migrations
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

            migrationBuilder.AlterColumn<string>(
                name: "Child_BirthDate",
                table: "cases",
                type: "text",
                nullable: false,
                oldClrType: typeof(DateOnly),
                oldType: "date");

            migrationBuilder.AddColumn<string>(
                name: "Child_BirthDateIndex",
                table: "cases",
                type: "character varying(32)",
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

            migrationBuilder.AlterColumn<DateOnly>(
                name: "Child_BirthDate",
                table: "cases",
                type: "date",
                nullable: false,
                oldClrType: typeof(string),
                oldType: "text");

            migrationBuilder.CreateIndex(
                name: "IX_cases_Child_BirthDate",
                table: "cases",
                column: "Child_BirthDate");
        }
    }
}
