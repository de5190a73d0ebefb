using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Mediation.Requests.Persistence;

/// <summary>
/// On PostgreSQL, timeline entries take their number as their transaction commits, one committer at a time,
/// so that the numbers follow commit order: the live event stream follows them and must never pass an entry
/// that becomes visible later. The lock is held only inside the database, from the deferred trigger to the
/// end of the commit, and only by transactions that write the timeline (taking it as a transaction began
/// queued thirty calls behind a holder waiting for a CPU). SQLite needs nothing: its writers take turns.
/// </summary>
public static class TimelineCommitOrder
{
    public static void Create(MigrationBuilder migration)
    {
        if (!migration.IsNpgsql())
            return;
        migration.Sql("""
            CREATE FUNCTION timeline_number_at_commit() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                -- Held to the end of this commit: a number drawn now is larger than every number already visible,
                -- and every entry that commits later draws a larger one still.
                PERFORM pg_advisory_xact_lock(hashtextextended('mediation:timeline-commit-order', 0));
                UPDATE timeline SET "Sequence" = DEFAULT WHERE "Sequence" = NEW."Sequence";
                RETURN NULL;
            END $$;

            CREATE CONSTRAINT TRIGGER timeline_number_at_commit AFTER INSERT ON timeline
                DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION timeline_number_at_commit();
            """);
    }

    public static void Drop(MigrationBuilder migration)
    {
        if (!migration.IsNpgsql())
            return;
        migration.Sql("""
            DROP TRIGGER timeline_number_at_commit ON timeline;
            DROP FUNCTION timeline_number_at_commit();
            """);
    }
}
