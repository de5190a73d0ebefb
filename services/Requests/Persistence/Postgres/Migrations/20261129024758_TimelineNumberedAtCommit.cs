using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Mediation.Requests.Persistence.Postgres.Migrations
{
    /// <summary>
    /// Timeline entries take their number as their transaction commits, one committer at a time, so that
    /// the numbers follow commit order (the live event stream follows them and must never pass an entry
    /// that becomes visible later). Before, every transaction took a lock as it began and held it across
    /// all its round trips to the service: under load, thirty calls queued behind a holder that was
    /// waiting for a CPU. Now the lock is held only inside the database, from the deferred trigger to the
    /// end of the commit, and only by transactions that write the timeline.
    /// </summary>
    public partial class TimelineNumberedAtCommit : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
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

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER timeline_number_at_commit ON timeline;
                DROP FUNCTION timeline_number_at_commit();
                """);
        }
    }
}
