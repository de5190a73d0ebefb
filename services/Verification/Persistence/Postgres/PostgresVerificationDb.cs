using Mediation.BuildingBlocks.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Mediation.Verification.Persistence.Postgres;

/// <summary>The distributed mode: a PostgreSQL database of the service's own.</summary>
public sealed class PostgresVerificationDb(DbContextOptions<PostgresVerificationDb> options) : VerificationDb(options);

public sealed class DesignTimePostgresVerificationDb : PostgresDesignTime<PostgresVerificationDb>;
