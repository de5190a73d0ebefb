using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Mediation.Requests.Persistence;

/// <summary>
/// On PostgreSQL, each transaction that writes timeline entries sends a notice on channel
/// <see cref="Channel"/> as it commits (PostgreSQL delivers a NOTIFY only once its transaction has
/// committed, and folds equal ones of one transaction into one): the case's requesting and holding
/// party ids, comma-separated, read at commit so that a case forwarded in the same transaction names
/// its new holder. Every process of the service listens (<see cref="TimelineCommitListener"/>), so a
/// stream hears of entries another instance wrote. Party ids only: no personal data leaves the tables.
/// </summary>
public static class TimelineCommitNotice
{
    public const string Channel = "mediation_timeline_committed";

    public static void Create(MigrationBuilder migration)
    {
        if (!migration.IsNpgsql())
            return;
        migration.Sql($"""
            CREATE FUNCTION timeline_commit_notice() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                PERFORM pg_notify('{Channel}', (SELECT c."RequestingPartyId" || ',' || coalesce(c."HoldingPartyId", '') FROM cases c WHERE c."Id" = NEW."CaseId"));
                RETURN NULL;
            END $$;

            CREATE CONSTRAINT TRIGGER timeline_commit_notice AFTER INSERT ON timeline
                DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION timeline_commit_notice();
            """);
    }

    public static void Drop(MigrationBuilder migration)
    {
        if (!migration.IsNpgsql())
            return;
        migration.Sql("""
            DROP TRIGGER timeline_commit_notice ON timeline;
            DROP FUNCTION timeline_commit_notice();
            """);
    }
}
