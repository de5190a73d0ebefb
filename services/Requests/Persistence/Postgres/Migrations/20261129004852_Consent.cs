using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Mediation.Requests.Persistence.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class Consent : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "ConsentOverrideReason",
                table: "cases",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "NotLocatedNote",
                table: "cases",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "ShareConsent_Given",
                table: "cases",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<DateTime>(
                name: "ShareConsent_GivenAt",
                table: "cases",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ShareConsent_GivenBy",
                table: "cases",
                type: "text",
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<bool>(
                name: "TraceConsent_Given",
                table: "cases",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<DateTime>(
                name: "TraceConsent_GivenAt",
                table: "cases",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "TraceConsent_GivenBy",
                table: "cases",
                type: "text",
                nullable: false,
                defaultValue: "");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "ConsentOverrideReason",
                table: "cases");

            migrationBuilder.DropColumn(
                name: "NotLocatedNote",
                table: "cases");

            migrationBuilder.DropColumn(
                name: "ShareConsent_Given",
                table: "cases");

            migrationBuilder.DropColumn(
                name: "ShareConsent_GivenAt",
                table: "cases");

            migrationBuilder.DropColumn(
                name: "ShareConsent_GivenBy",
                table: "cases");

            migrationBuilder.DropColumn(
                name: "TraceConsent_Given",
                table: "cases");

            migrationBuilder.DropColumn(
                name: "TraceConsent_GivenAt",
                table: "cases");

            migrationBuilder.DropColumn(
                name: "TraceConsent_GivenBy",
                table: "cases");
        }
    }
}
