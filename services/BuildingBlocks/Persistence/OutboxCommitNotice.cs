using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Mediation.BuildingBlocks.Persistence;

/// <summary>
/// On PostgreSQL, each transaction that adds outbox rows sends a notice on <see cref="Channel"/> as it commits
/// (PostgreSQL delivers a NOTIFY only once its transaction has committed, and folds equal ones of one transaction
/// into one). The instance holding the outbox lease listens on the lease's connection (<see cref="OutboxLease"/>):
/// with two instances of a service, half the events are committed by the one that does not publish, and
/// without the notice they waited for the publisher's next poll, up to a second each, on every step of a case.
/// The notice carries nothing: the publisher reads the rows.
/// </summary>
public static class OutboxCommitNotice
{
    public const string Channel = "mediation_outbox_committed";

    public static void Create(MigrationBuilder migration)
    {
        if (!migration.IsNpgsql())
            return;
        migration.Sql($"""
            CREATE FUNCTION outbox_commit_notice() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                PERFORM pg_notify('{Channel}', '');
                RETURN NULL;
            END $$;

            CREATE TRIGGER outbox_commit_notice AFTER INSERT ON outbox
                FOR EACH STATEMENT EXECUTE FUNCTION outbox_commit_notice();
            """);
    }

    public static void Drop(MigrationBuilder migration)
    {
        if (!migration.IsNpgsql())
            return;
        migration.Sql("""
            DROP TRIGGER outbox_commit_notice ON outbox;
            DROP FUNCTION outbox_commit_notice();
            """);
    }
}
