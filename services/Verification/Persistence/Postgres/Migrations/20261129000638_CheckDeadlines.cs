using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Mediation.Verification.Persistence.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class CheckDeadlines : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "DueAt",
                table: "checks",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "EscalatedAt",
                table: "checks",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "InformationNote",
                table: "checks",
                type: "text",
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<int>(
                name: "WaitingOn",
                table: "checks",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "ReopenReason",
                table: "checklists",
                type: "text",
                nullable: false,
                defaultValue: "");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "DueAt",
                table: "checks");

            migrationBuilder.DropColumn(
                name: "EscalatedAt",
                table: "checks");

            migrationBuilder.DropColumn(
                name: "InformationNote",
                table: "checks");

            migrationBuilder.DropColumn(
                name: "WaitingOn",
                table: "checks");

            migrationBuilder.DropColumn(
                name: "ReopenReason",
                table: "checklists");
        }
    }
}
