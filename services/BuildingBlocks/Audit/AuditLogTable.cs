using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Mediation.BuildingBlocks.Audit;

/// <summary>
/// The <c>audit_log</c> table every service's database has, and the triggers that make it append-only in the
/// database itself: an UPDATE or DELETE is refused whoever sends it (dropping the trigger takes the schema
/// owner's rights, and even then the chain shows the change).
/// </summary>
public static class AuditLogTable
{
    public const string Name = "audit_log";
    private const string Refusal = "audit_log is append-only";

    public static void Configure(ModelBuilder model) => model.Entity<AuditEntry>(e =>
    {
        e.ToTable(Name);
        e.HasKey(a => a.Sequence);
        // Numbered by the writer, one after another: a database sequence may skip numbers on rollback.
        e.Property(a => a.Sequence).ValueGeneratedNever();
        e.Property(a => a.Service).HasMaxLength(50);
        e.Property(a => a.PartyId).HasMaxLength(100);
        e.Property(a => a.Officer).HasMaxLength(100);
        e.Property(a => a.Call).HasMaxLength(200);
        e.Property(a => a.CaseId).HasMaxLength(100);
        e.Property(a => a.Outcome).HasMaxLength(40);
        e.Property(a => a.PreviousHash).HasMaxLength(64);
        e.Property(a => a.Hash).HasMaxLength(64);
        e.HasIndex(a => new { a.CaseId, a.Sequence });
        e.HasIndex(a => new { a.PartyId, a.Sequence });
    });

    /// <summary>For the migration that creates the table: the triggers, in the provider's dialect.</summary>
    public static void AddAppendOnlyTriggers(MigrationBuilder migration)
    {
        if (migration.IsSqlite())
        {
            migration.Sql($"CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON {Name} BEGIN SELECT RAISE(ABORT, '{Refusal}'); END;");
            migration.Sql($"CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON {Name} BEGIN SELECT RAISE(ABORT, '{Refusal}'); END;");
        }
        else if (migration.IsNpgsql())
        {
            migration.Sql($"""
                CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    RAISE EXCEPTION '{Refusal}';
                END;
                $$;
                """);
            migration.Sql($"CREATE TRIGGER audit_log_no_change BEFORE UPDATE OR DELETE ON {Name} FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();");
            migration.Sql($"CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON {Name} FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();");
        }
    }

    public static void DropAppendOnlyTriggers(MigrationBuilder migration)
    {
        if (migration.IsSqlite())
        {
            migration.Sql("DROP TRIGGER IF EXISTS audit_log_no_update;");
            migration.Sql("DROP TRIGGER IF EXISTS audit_log_no_delete;");
        }
        else if (migration.IsNpgsql())
        {
            migration.Sql($"DROP TRIGGER IF EXISTS audit_log_no_truncate ON {Name};");
            migration.Sql($"DROP TRIGGER IF EXISTS audit_log_no_change ON {Name};");
            migration.Sql("DROP FUNCTION IF EXISTS audit_log_append_only();");
        }
    }
}
