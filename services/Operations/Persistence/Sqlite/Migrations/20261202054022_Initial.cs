using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Mediation.Operations.Persistence.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "alert_events",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Rule = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Subject = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    FiredAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    FiredValue = table.Column<double>(type: "REAL", nullable: false),
                    Threshold = table.Column<double>(type: "REAL", nullable: false),
                    ClearedAt = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_alert_events", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "alert_states",
                columns: table => new
                {
                    Rule = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Subject = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Since = table.Column<DateTime>(type: "TEXT", nullable: false),
                    BreachedSince = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Value = table.Column<double>(type: "REAL", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_alert_states", x => new { x.Rule, x.Subject });
                });

            migrationBuilder.CreateTable(
                name: "audit_log",
                columns: table => new
                {
                    Sequence = table.Column<long>(type: "INTEGER", nullable: false),
                    At = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Service = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    PartyId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Officer = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    Call = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    CaseId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    Outcome = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    PreviousHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Hash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_audit_log", x => x.Sequence);
                });

            migrationBuilder.CreateTable(
                name: "cases",
                columns: table => new
                {
                    CaseId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Stage = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    RequestingPartyId = table.Column<string>(type: "TEXT", nullable: true),
                    HoldingPartyId = table.Column<string>(type: "TEXT", nullable: true),
                    ChildAgeYears = table.Column<int>(type: "INTEGER", nullable: true),
                    BatchId = table.Column<string>(type: "TEXT", nullable: true),
                    LegsDone = table.Column<int>(type: "INTEGER", nullable: false),
                    Custodian = table.Column<string>(type: "TEXT", nullable: true),
                    HeldBack = table.Column<bool>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    BatchNamedAt_OccurredAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    BatchNamedAt_Sequence = table.Column<int>(type: "INTEGER", nullable: false),
                    Handover_Stage = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    Handover_Position_OccurredAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Handover_Position_Sequence = table.Column<int>(type: "INTEGER", nullable: false),
                    HoldChangedAt_OccurredAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    HoldChangedAt_Sequence = table.Column<int>(type: "INTEGER", nullable: false),
                    HoldingNamedAt_OccurredAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    HoldingNamedAt_Sequence = table.Column<int>(type: "INTEGER", nullable: false),
                    LastTransfer_BatchId = table.Column<string>(type: "TEXT", nullable: true),
                    LastTransfer_Leg = table.Column<int>(type: "INTEGER", nullable: false),
                    LastTransfer_To = table.Column<string>(type: "TEXT", nullable: true),
                    LastTransfer_Position_OccurredAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    LastTransfer_Position_Sequence = table.Column<int>(type: "INTEGER", nullable: false),
                    Requests_Stage = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    Requests_Position_OccurredAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Requests_Position_Sequence = table.Column<int>(type: "INTEGER", nullable: false),
                    Verification_Stage = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    Verification_Position_OccurredAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Verification_Position_Sequence = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_cases", x => x.CaseId);
                });

            migrationBuilder.CreateTable(
                name: "escalations",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CaseId = table.Column<string>(type: "TEXT", nullable: false),
                    Kind = table.Column<int>(type: "INTEGER", nullable: false),
                    Subject = table.Column<string>(type: "TEXT", nullable: false),
                    WaitingOn = table.Column<string>(type: "TEXT", nullable: false),
                    DueAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    RaisedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    RaisedSequence = table.Column<int>(type: "INTEGER", nullable: false),
                    ResolvedAt = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_escalations", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "faults",
                columns: table => new
                {
                    FaultId = table.Column<Guid>(type: "TEXT", nullable: false),
                    MessageId = table.Column<Guid>(type: "TEXT", nullable: false),
                    MessageType = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Queue = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    CaseId = table.Column<string>(type: "TEXT", nullable: true),
                    ExceptionType = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    ExceptionMessage = table.Column<string>(type: "TEXT", nullable: false),
                    StackTrace = table.Column<string>(type: "TEXT", nullable: true),
                    Body = table.Column<string>(type: "TEXT", nullable: false),
                    FaultedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    State = table.Column<int>(type: "INTEGER", nullable: false),
                    ActedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ActedBy = table.Column<string>(type: "TEXT", nullable: true),
                    DiscardReason = table.Column<string>(type: "TEXT", nullable: true),
                    FoundAppliedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    AppliedBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_faults", x => x.FaultId);
                });

            migrationBuilder.CreateTable(
                name: "flow_steps",
                columns: table => new
                {
                    StepId = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    CaseId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Service = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Instance = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    MessageId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Type = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Consumer = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    PartyId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    Outcome = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    StartedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    EndedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Attempt = table.Column<int>(type: "INTEGER", nullable: false),
                    Redelivery = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_flow_steps", x => x.StepId);
                });

            migrationBuilder.CreateTable(
                name: "idempotency",
                columns: table => new
                {
                    PartyId = table.Column<string>(type: "TEXT", nullable: false),
                    RequestId = table.Column<string>(type: "TEXT", nullable: false),
                    Method = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    RequestSha256 = table.Column<string>(type: "TEXT", nullable: false),
                    Response = table.Column<byte[]>(type: "BLOB", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_idempotency", x => new { x.PartyId, x.RequestId });
                });

            migrationBuilder.CreateTable(
                name: "inbox",
                columns: table => new
                {
                    MessageId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Consumer = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    HandledAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    HandledBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_inbox", x => new { x.MessageId, x.Consumer });
                });

            migrationBuilder.CreateTable(
                name: "instances",
                columns: table => new
                {
                    InstanceId = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Service = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Version = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    HostName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    ProcessId = table.Column<int>(type: "INTEGER", nullable: false),
                    StartedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    LastHeartbeatAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    IntervalSeconds = table.Column<double>(type: "REAL", nullable: false),
                    GrpcAddress = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    WebAddress = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    StoppedAt = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_instances", x => new { x.InstanceId, x.Service });
                });

            migrationBuilder.CreateTable(
                name: "metric_points",
                columns: table => new
                {
                    ResolutionSeconds = table.Column<int>(type: "INTEGER", nullable: false),
                    Series = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Subject = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    BucketStart = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Count = table.Column<long>(type: "INTEGER", nullable: false),
                    Sum = table.Column<double>(type: "REAL", nullable: false),
                    Max = table.Column<double>(type: "REAL", nullable: false),
                    Last = table.Column<double>(type: "REAL", nullable: false),
                    LastAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Histogram = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_metric_points", x => new { x.ResolutionSeconds, x.Series, x.Subject, x.BucketStart });
                });

            migrationBuilder.CreateTable(
                name: "operator_actions",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    At = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Operator = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Action = table.Column<int>(type: "INTEGER", nullable: false),
                    FaultId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_operator_actions", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "outbox",
                columns: table => new
                {
                    Sequence = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    MessageId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Type = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Body = table.Column<string>(type: "TEXT", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    SentAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Attempts = table.Column<int>(type: "INTEGER", nullable: false),
                    TraceParent = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_outbox", x => x.Sequence);
                });

            migrationBuilder.CreateTable(
                name: "resolutions",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CaseId = table.Column<string>(type: "TEXT", nullable: false),
                    Kind = table.Column<int>(type: "INTEGER", nullable: true),
                    Subject = table.Column<string>(type: "TEXT", nullable: true),
                    Sequence = table.Column<int>(type: "INTEGER", nullable: false),
                    OccurredAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_resolutions", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_alert_events_ClearedAt",
                table: "alert_events",
                column: "ClearedAt");

            migrationBuilder.CreateIndex(
                name: "IX_alert_events_FiredAt",
                table: "alert_events",
                column: "FiredAt");

            migrationBuilder.CreateIndex(
                name: "IX_alert_events_Rule_Subject_ClearedAt",
                table: "alert_events",
                columns: new[] { "Rule", "Subject", "ClearedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_audit_log_CaseId_Sequence",
                table: "audit_log",
                columns: new[] { "CaseId", "Sequence" });

            migrationBuilder.CreateIndex(
                name: "IX_audit_log_PartyId_Sequence",
                table: "audit_log",
                columns: new[] { "PartyId", "Sequence" });

            migrationBuilder.CreateIndex(
                name: "IX_cases_BatchId",
                table: "cases",
                column: "BatchId");

            migrationBuilder.CreateIndex(
                name: "IX_cases_Stage",
                table: "cases",
                column: "Stage");

            migrationBuilder.CreateIndex(
                name: "IX_escalations_CaseId_Kind_Subject",
                table: "escalations",
                columns: new[] { "CaseId", "Kind", "Subject" });

            migrationBuilder.CreateIndex(
                name: "IX_escalations_ResolvedAt",
                table: "escalations",
                column: "ResolvedAt");

            migrationBuilder.CreateIndex(
                name: "IX_faults_MessageId",
                table: "faults",
                column: "MessageId");

            migrationBuilder.CreateIndex(
                name: "IX_faults_State_MessageType_ExceptionType",
                table: "faults",
                columns: new[] { "State", "MessageType", "ExceptionType" });

            migrationBuilder.CreateIndex(
                name: "IX_flow_steps_CaseId",
                table: "flow_steps",
                column: "CaseId");

            migrationBuilder.CreateIndex(
                name: "IX_flow_steps_EndedAt",
                table: "flow_steps",
                column: "EndedAt");

            migrationBuilder.CreateIndex(
                name: "IX_instances_LastHeartbeatAt",
                table: "instances",
                column: "LastHeartbeatAt");

            migrationBuilder.CreateIndex(
                name: "IX_metric_points_ResolutionSeconds_BucketStart",
                table: "metric_points",
                columns: new[] { "ResolutionSeconds", "BucketStart" });

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
                name: "IX_resolutions_CaseId",
                table: "resolutions",
                column: "CaseId");

            OperationsDb.CreateTriggers(migrationBuilder);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            OperationsDb.DropTriggers(migrationBuilder);

            migrationBuilder.DropTable(
                name: "alert_events");

            migrationBuilder.DropTable(
                name: "alert_states");

            migrationBuilder.DropTable(
                name: "audit_log");

            migrationBuilder.DropTable(
                name: "cases");

            migrationBuilder.DropTable(
                name: "escalations");

            migrationBuilder.DropTable(
                name: "faults");

            migrationBuilder.DropTable(
                name: "flow_steps");

            migrationBuilder.DropTable(
                name: "idempotency");

            migrationBuilder.DropTable(
                name: "inbox");

            migrationBuilder.DropTable(
                name: "instances");

            migrationBuilder.DropTable(
                name: "metric_points");

            migrationBuilder.DropTable(
                name: "operator_actions");

            migrationBuilder.DropTable(
                name: "outbox");

            migrationBuilder.DropTable(
                name: "resolutions");
        }
    }
}
