using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Mediation.Handover.Persistence.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class CustodyChainAndIncidents : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "FollowUpEscalated",
                table: "handover_cases",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "EntryHash",
                table: "custody_acknowledgements",
                type: "text",
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "PreviousHash",
                table: "custody_acknowledgements",
                type: "text",
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<DateTime>(
                name: "RecordedAt",
                table: "custody_acknowledgements",
                type: "timestamp with time zone",
                nullable: false,
                defaultValue: new DateTime(1, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified));

            migrationBuilder.AddColumn<byte[]>(
                name: "Signature",
                table: "custody_acknowledgements",
                type: "bytea",
                nullable: false,
                defaultValue: new byte[0]);

            migrationBuilder.CreateTable(
                name: "incidents",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    BatchId = table.Column<string>(type: "text", nullable: false),
                    CaseId = table.Column<string>(type: "text", nullable: true),
                    Kind = table.Column<int>(type: "integer", nullable: false),
                    Note = table.Column<string>(type: "text", nullable: false),
                    HeldBack = table.Column<bool>(type: "boolean", nullable: false),
                    PartyId = table.Column<string>(type: "text", nullable: false),
                    Officer = table.Column<string>(type: "text", nullable: false),
                    RecordedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_incidents", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_custody_acknowledgements_CaseId_Sequence",
                table: "custody_acknowledgements",
                columns: new[] { "CaseId", "Sequence" });

            migrationBuilder.CreateIndex(
                name: "IX_incidents_BatchId",
                table: "incidents",
                column: "BatchId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "incidents");

            migrationBuilder.DropIndex(
                name: "IX_custody_acknowledgements_CaseId_Sequence",
                table: "custody_acknowledgements");

            migrationBuilder.DropColumn(
                name: "FollowUpEscalated",
                table: "handover_cases");

            migrationBuilder.DropColumn(
                name: "EntryHash",
                table: "custody_acknowledgements");

            migrationBuilder.DropColumn(
                name: "PreviousHash",
                table: "custody_acknowledgements");

            migrationBuilder.DropColumn(
                name: "RecordedAt",
                table: "custody_acknowledgements");

            migrationBuilder.DropColumn(
                name: "Signature",
                table: "custody_acknowledgements");
        }
    }
}
