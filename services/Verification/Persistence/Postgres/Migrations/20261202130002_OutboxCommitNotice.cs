using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Mediation.Verification.Persistence.Postgres.Migrations
{
    /// <summary>The outbox's notice at commit to the instance that publishes it (<see cref="Mediation.BuildingBlocks.Persistence.OutboxCommitNotice"/>); no change to the model.</summary>
    [DbContext(typeof(PostgresVerificationDb))]
    [Migration("20261202130002_OutboxCommitNotice")]
    public partial class OutboxCommitNotice : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder) => BuildingBlocks.Persistence.OutboxCommitNotice.Create(migrationBuilder);

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder) => BuildingBlocks.Persistence.OutboxCommitNotice.Drop(migrationBuilder);
    }
}
