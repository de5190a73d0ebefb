using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Mediation.Requests.Persistence.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "audit_log",
                columns: table => new
                {
                    Sequence = table.Column<long>(type: "bigint", nullable: false),
                    At = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Service = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    PartyId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Officer = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    Call = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    CaseId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    Outcome = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    PreviousHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Hash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_audit_log", x => x.Sequence);
                });

            migrationBuilder.CreateTable(
                name: "birth_date_buckets",
                columns: table => new
                {
                    BirthDateIndex = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_birth_date_buckets", x => x.BirthDateIndex);
                });

            migrationBuilder.CreateTable(
                name: "cases",
                columns: table => new
                {
                    Id = table.Column<string>(type: "text", nullable: false),
                    TracingRequestId = table.Column<string>(type: "text", nullable: false),
                    RequestingPartyId = table.Column<string>(type: "text", nullable: false),
                    HoldingPartyId = table.Column<string>(type: "text", nullable: true),
                    Stage = table.Column<int>(type: "integer", nullable: false),
                    RegistryStage = table.Column<int>(type: "integer", nullable: false),
                    Child_GivenName = table.Column<string>(type: "text", nullable: false),
                    Child_FamilyName = table.Column<string>(type: "text", nullable: false),
                    Child_BirthDate = table.Column<string>(type: "text", nullable: false),
                    Child_LastKnownPlace_Region = table.Column<string>(type: "text", nullable: false),
                    Child_LastKnownPlace_Settlement = table.Column<string>(type: "text", nullable: false),
                    Child_LastKnownPlace_Institution = table.Column<string>(type: "text", nullable: false),
                    Child_SpecialNeeds = table.Column<string>(type: "text", nullable: false),
                    Child_BirthDateIndex = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    TraceConsent_Given = table.Column<bool>(type: "boolean", nullable: false),
                    TraceConsent_GivenBy = table.Column<string>(type: "text", nullable: false),
                    TraceConsent_GivenAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    TraceConsent_WithdrawnAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    TraceConsent_WithdrawnBy = table.Column<string>(type: "text", nullable: true),
                    ShareConsent_Given = table.Column<bool>(type: "boolean", nullable: false),
                    ShareConsent_GivenBy = table.Column<string>(type: "text", nullable: false),
                    ShareConsent_GivenAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ShareConsent_WithdrawnAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ShareConsent_WithdrawnBy = table.Column<string>(type: "text", nullable: true),
                    ConsentOverrideReason = table.Column<string>(type: "text", nullable: true),
                    NotLocatedNote = table.Column<string>(type: "text", nullable: true),
                    NotLocatedByPartyId = table.Column<string>(type: "text", nullable: true),
                    CurrentLocation_Region = table.Column<string>(type: "text", nullable: true),
                    CurrentLocation_Settlement = table.Column<string>(type: "text", nullable: true),
                    CurrentLocation_Institution = table.Column<string>(type: "text", nullable: true),
                    DuplicateOf = table.Column<string>(type: "text", nullable: true),
                    RejectionReason = table.Column<string>(type: "text", nullable: true),
                    AnswerDueAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    AnswerEscalatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false),
                    Handover_Stage = table.Column<int>(type: "integer", nullable: true),
                    Handover_Position_OccurredAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Handover_Position_Sequence = table.Column<int>(type: "integer", nullable: false),
                    Verification_Stage = table.Column<int>(type: "integer", nullable: true),
                    Verification_Position_OccurredAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Verification_Position_Sequence = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_cases", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "idempotency",
                columns: table => new
                {
                    PartyId = table.Column<string>(type: "text", nullable: false),
                    RequestId = table.Column<string>(type: "text", nullable: false),
                    Method = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    RequestSha256 = table.Column<string>(type: "text", nullable: false),
                    Response = table.Column<byte[]>(type: "bytea", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_idempotency", x => new { x.PartyId, x.RequestId });
                });

            migrationBuilder.CreateTable(
                name: "inbox",
                columns: table => new
                {
                    MessageId = table.Column<Guid>(type: "uuid", nullable: false),
                    Consumer = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    HandledAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    HandledBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_inbox", x => new { x.MessageId, x.Consumer });
                });

            migrationBuilder.CreateTable(
                name: "match_candidates",
                columns: table => new
                {
                    Id = table.Column<string>(type: "text", nullable: false),
                    CaseId = table.Column<string>(type: "text", nullable: false),
                    CandidateId = table.Column<string>(type: "text", nullable: false),
                    Score = table.Column<double>(type: "double precision", nullable: false),
                    State = table.Column<int>(type: "integer", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    DecidedBy = table.Column<string>(type: "text", nullable: true),
                    DecidedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_match_candidates", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "outbox",
                columns: table => new
                {
                    Sequence = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    MessageId = table.Column<Guid>(type: "uuid", nullable: false),
                    Type = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    Body = table.Column<string>(type: "text", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    SentAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    Attempts = table.Column<int>(type: "integer", nullable: false),
                    TraceParent = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_outbox", x => x.Sequence);
                });

            migrationBuilder.CreateTable(
                name: "tracing_requests",
                columns: table => new
                {
                    Id = table.Column<string>(type: "text", nullable: false),
                    RequestingPartyId = table.Column<string>(type: "text", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_tracing_requests", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "claimants",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    GivenName = table.Column<string>(type: "text", nullable: false),
                    FamilyName = table.Column<string>(type: "text", nullable: false),
                    Relationship = table.Column<int>(type: "integer", nullable: false),
                    HoldsCustody = table.Column<bool>(type: "boolean", nullable: false),
                    Phone = table.Column<string>(type: "text", nullable: false),
                    Email = table.Column<string>(type: "text", nullable: false),
                    Address = table.Column<string>(type: "text", nullable: false),
                    CaseId = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_claimants", x => x.Id);
                    table.ForeignKey(
                        name: "FK_claimants_cases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "cases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "timeline",
                columns: table => new
                {
                    Sequence = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    CaseId = table.Column<string>(type: "text", nullable: false),
                    HoldingPartyId = table.Column<string>(type: "text", nullable: true),
                    Type = table.Column<string>(type: "text", nullable: false),
                    Service = table.Column<string>(type: "text", nullable: false),
                    PartyId = table.Column<string>(type: "text", nullable: true),
                    Officer = table.Column<string>(type: "text", nullable: true),
                    Stage = table.Column<int>(type: "integer", nullable: false),
                    OccurredAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ProducerSequence = table.Column<int>(type: "integer", nullable: false),
                    Summary = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_timeline", x => x.Sequence);
                    table.ForeignKey(
                        name: "FK_timeline_cases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "cases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_audit_log_CaseId_Sequence",
                table: "audit_log",
                columns: new[] { "CaseId", "Sequence" });

            migrationBuilder.CreateIndex(
                name: "IX_audit_log_PartyId_Sequence",
                table: "audit_log",
                columns: new[] { "PartyId", "Sequence" });

            migrationBuilder.CreateIndex(
                name: "IX_cases_Child_BirthDateIndex",
                table: "cases",
                column: "Child_BirthDateIndex");

            migrationBuilder.CreateIndex(
                name: "IX_cases_HoldingPartyId_Id",
                table: "cases",
                columns: new[] { "HoldingPartyId", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_cases_RequestingPartyId_Id",
                table: "cases",
                columns: new[] { "RequestingPartyId", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_cases_RequestingPartyId_Stage",
                table: "cases",
                columns: new[] { "RequestingPartyId", "Stage" },
                filter: "\"Stage\" NOT IN (3, 4, 14, 13)");

            migrationBuilder.CreateIndex(
                name: "IX_claimants_CaseId",
                table: "claimants",
                column: "CaseId");

            migrationBuilder.CreateIndex(
                name: "IX_match_candidates_CaseId_Score",
                table: "match_candidates",
                columns: new[] { "CaseId", "Score" });

            migrationBuilder.CreateIndex(
                name: "IX_outbox_MessageId",
                table: "outbox",
                column: "MessageId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_outbox_SentAt_Sequence",
                table: "outbox",
                columns: new[] { "SentAt", "Sequence" });

            migrationBuilder.CreateIndex(
                name: "IX_timeline_CaseId_OccurredAt_ProducerSequence",
                table: "timeline",
                columns: new[] { "CaseId", "OccurredAt", "ProducerSequence" });

            RequestsDb.CreateTriggers(migrationBuilder);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            RequestsDb.DropTriggers(migrationBuilder);

            migrationBuilder.DropTable(
                name: "audit_log");

            migrationBuilder.DropTable(
                name: "birth_date_buckets");

            migrationBuilder.DropTable(
                name: "claimants");

            migrationBuilder.DropTable(
                name: "idempotency");

            migrationBuilder.DropTable(
                name: "inbox");

            migrationBuilder.DropTable(
                name: "match_candidates");

            migrationBuilder.DropTable(
                name: "outbox");

            migrationBuilder.DropTable(
                name: "timeline");

            migrationBuilder.DropTable(
                name: "tracing_requests");

            migrationBuilder.DropTable(
                name: "cases");
        }
    }
}
