using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Mediation.Requests.Persistence.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class ShareConsentWithdrawal : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "ShareConsent_WithdrawnAt",
                table: "cases",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ShareConsent_WithdrawnBy",
                table: "cases",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "TraceConsent_WithdrawnAt",
                table: "cases",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "TraceConsent_WithdrawnBy",
                table: "cases",
                type: "text",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "ShareConsent_WithdrawnAt",
                table: "cases");

            migrationBuilder.DropColumn(
                name: "ShareConsent_WithdrawnBy",
                table: "cases");

            migrationBuilder.DropColumn(
                name: "TraceConsent_WithdrawnAt",
                table: "cases");

            migrationBuilder.DropColumn(
                name: "TraceConsent_WithdrawnBy",
                table: "cases");
        }
    }
}
