using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Mediation.Requests.Persistence.Postgres.Migrations
{
    /// <summary>The outbox's notice at commit to the instance that publishes it (<see cref="Mediation.BuildingBlocks.Persistence.OutboxCommitNotice"/>); no change to the model.</summary>
    [DbContext(typeof(PostgresRequestsDb))]
    [Migration("20261202130001_OutboxCommitNotice")]
    public partial class OutboxCommitNotice : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder) => BuildingBlocks.Persistence.OutboxCommitNotice.Create(migrationBuilder);

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder) => BuildingBlocks.Persistence.OutboxCommitNotice.Drop(migrationBuilder);
    }
}
