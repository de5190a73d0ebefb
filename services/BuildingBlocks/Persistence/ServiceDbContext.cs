using Mediation.BuildingBlocks.Audit;
using Mediation.BuildingBlocks.Flow;
using Mediation.BuildingBlocks.PersonalData;
using Mediation.BuildingBlocks.Telemetry;
using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Mediation.BuildingBlocks.Persistence;

/// <summary>
/// A service's own database, with the tables every service keeps beside its domain:
/// the outbox (events to publish), the inbox (messages applied) and idempotency records.
/// </summary>
public abstract class ServiceDbContext(DbContextOptions options) : DbContext(options)
{
    public DbSet<OutboxMessage> Outbox => Set<OutboxMessage>();
    public DbSet<InboxMessage> Inbox => Set<InboxMessage>();
    public DbSet<IdempotencyRecord> IdempotencyRecords => Set<IdempotencyRecord>();
    public DbSet<AuditEntry> AuditLog => Set<AuditEntry>();

    private IServiceProvider? ApplicationServices =>
        this.GetService<IDbContextOptions>().FindExtension<CoreOptionsExtension>()?.ApplicationServiceProvider;

    /// <summary>Where this process records the steps of cases' flows; null in a context built without an application (migrations).</summary>
    public CaseFlowSteps? FlowSteps => _flowSteps ??= ApplicationServices?.GetService<CaseFlowSteps>();

    /// <summary>The service this database belongs to (<c>requests</c>…), as <c>AddServiceDatabase</c> named it.</summary>
    public string ServiceName => _serviceName ??=
        ApplicationServices?.GetServices<ServiceDatabase>().FirstOrDefault(d => d.Context.IsInstanceOfType(this))?.Name ?? GetType().Name;

    private CaseFlowSteps? _flowSteps;
    private string? _serviceName;
    private SemaphoreSlim? _writeGate;
    private bool _writeGateKnown;
    private PersonalDataCipher? _personalData;

    /// <summary>
    /// The process's keys for personal data (<see cref="PersonalDataCipher"/>). Only a context built without
    /// an application (making migrations) gets throwaway keys; a service without keys does not start.
    /// </summary>
    public PersonalDataCipher PersonalData => _personalData ??=
        this.GetService<IDbContextOptions>().FindExtension<CoreOptionsExtension>()?.ApplicationServiceProvider is { } services
            ? services.GetService<PersonalDataCipher>() ?? throw new InvalidOperationException("No PersonalDataCipher is registered: AddServiceDatabase registers it.")
            : PersonalDataCipher.Throwaway();

    /// <summary>The blind index to compare with the column made by <see cref="PersonalDataModel.HasBlindIndex{T}"/> on <typeparamref name="TEntity"/>.<paramref name="property"/>.</summary>
    public string BlindIndexOf<TEntity>(string property, object value) =>
        PersonalData.BlindIndex(value, PersonalDataModel.FieldName(typeof(TEntity), property));

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken ct = default)
    {
        // The state changes this unit of work records, counted once it has committed.
        BlindIndexes.Refresh(ChangeTracker, PersonalData);
        // Case events only: operations' questions to the other services (AppliedMessagesAsked) change no case.
        var recorded = ChangeTracker.Entries<OutboxMessage>().Where(e => e.State == EntityState.Added && e.Entity.IsCaseEvent)
            .Select(e => e.Entity.Type).ToList();
        int written;
        try
        {
            if (WriteGate is not { } gate)
            {
                written = await base.SaveChangesAsync(acceptAllChangesOnSuccess, ct);
            }
            else
            {
                await gate.WaitAsync(ct);
                try
                {
                    written = await base.SaveChangesAsync(acceptAllChangesOnSuccess, ct);
                }
                finally
                {
                    gate.Release();
                }
            }
        }
        finally
        {
            ForgetChecks();
        }
        foreach (var type in recorded)
            MediationMetrics.TransitionCommitted(type);
        return written;
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        BlindIndexes.Refresh(ChangeTracker, PersonalData);
        if (_checksAtCommit.Count > 0)
            throw new InvalidOperationException("A unit of work with checks at commit saves with SaveChangesAsync.");
        if (WriteGate is not { } gate)
            return base.SaveChanges(acceptAllChangesOnSuccess);
        gate.Wait();
        try
        {
            return base.SaveChanges(acceptAllChangesOnSuccess);
        }
        finally
        {
            gate.Release();
        }
    }

    private readonly List<Func<DbTransaction, CancellationToken, Task>> _checksAtCommit = [];

    /// <summary>
    /// Runs <paramref name="check"/> in the transaction that saves this unit of work, as it begins and before
    /// anything is written (<see cref="CommitChecks"/>): what the check finds holds until the commit, because on
    /// SQLite the write gate keeps every other writer out and on PostgreSQL the check takes the row locks it
    /// needs. A check that finds the facts moved throws <see cref="DbUpdateConcurrencyException"/>, and the unit of
    /// work is run again like any other lost race. Cheaper than making EF write a row to learn the same.
    /// </summary>
    public void CheckAtCommit(Func<DbTransaction, CancellationToken, Task> check)
    {
        _checksAtCommit.Add(check);
        // EF saves a single statement without a transaction of its own; a check needs one to run in.
        Database.AutoTransactionBehavior = AutoTransactionBehavior.Always;
    }

    internal async Task RunChecksAtCommit(DbTransaction transaction, CancellationToken ct)
    {
        foreach (var check in _checksAtCommit)
            await check(transaction, ct);
    }

    /// <summary>Drops what this unit of work tracked and the checks it asked for, to run it again from the start.</summary>
    public void StartOver()
    {
        ChangeTracker.Clear();
        ForgetChecks();
    }

    private void ForgetChecks()
    {
        if (_checksAtCommit.Count == 0)
            return;
        _checksAtCommit.Clear();
        Database.AutoTransactionBehavior = AutoTransactionBehavior.WhenNeeded;
    }

    /// <summary>On SQLite, the file's <see cref="SqliteWriteGate"/>: units of work take turns instead of colliding.</summary>
    private SemaphoreSlim? WriteGate
    {
        get
        {
            if (!_writeGateKnown)
            {
                _writeGate = Database.IsSqlite() ? SqliteWriteGate.For(Database.GetConnectionString()!) : null;
                _writeGateKnown = true;
            }
            return _writeGate;
        }
    }

    /// <summary>
    /// What a migration creates beyond the model, which EF cannot infer from it: the audit log's append-only
    /// triggers and, on PostgreSQL, the outbox's notice at commit. A service with more hides this with its own,
    /// calling this one (scripts/migrations.sh puts the call into each service's one migration).
    /// </summary>
    public static void CreateTriggers(MigrationBuilder migration)
    {
        AuditLogTable.AddAppendOnlyTriggers(migration);
        OutboxCommitNotice.Create(migration);
    }

    public static void DropTriggers(MigrationBuilder migration)
    {
        OutboxCommitNotice.Drop(migration);
        AuditLogTable.DropAppendOnlyTriggers(migration);
    }

    /// <summary>Queues an event to be published once this unit of work commits.</summary>
    public void Publish(object message, DateTime now) => Outbox.Add(OutboxMessage.For(message, now));

    /// <summary>
    /// Claims a bus message for a consumer in this unit of work. False if it was already applied;
    /// a concurrent duplicate loses on the primary key at commit and is retried, then skipped.
    /// </summary>
    public async Task<bool> ClaimDelivery(Guid messageId, string consumer, DateTime now, CancellationToken ct)
    {
        if (await Applied.For(this)(this, messageId, consumer, ct))
            return false;
        Inbox.Add(new InboxMessage { MessageId = messageId, Consumer = consumer, HandledAt = now, HandledBy = CaseFlowSteps.ThisProcess });
        return true;
    }

    private static readonly CompiledQuery<Func<ServiceDbContext, Guid, string, CancellationToken, Task<bool>>> Applied = new(() =>
        EF.CompileAsyncQuery((ServiceDbContext db, Guid messageId, string consumer, CancellationToken ct) =>
            db.Inbox.Any(m => m.MessageId == messageId && m.Consumer == consumer)));

    /// <summary>Which of <paramref name="messageIds"/> the consumer <paramref name="consumer"/> (a queue's name) has applied.</summary>
    public Task<List<Guid>> AppliedOf(string consumer, IReadOnlyCollection<Guid> messageIds, CancellationToken ct) =>
        Inbox.AsNoTracking().Where(m => m.Consumer == consumer && messageIds.Contains(m.MessageId)).Select(m => m.MessageId).ToListAsync(ct);

    protected override void OnModelCreating(ModelBuilder model)
    {
        model.Entity<OutboxMessage>(e =>
        {
            e.ToTable("outbox");
            e.HasKey(m => m.Sequence);
            e.Property(m => m.Sequence).ValueGeneratedOnAdd();
            e.HasIndex(m => m.MessageId).IsUnique();
            e.HasIndex(m => new { m.SentAt, m.Sequence });
            e.Property(m => m.Type).HasMaxLength(300);
            e.Property(m => m.TraceParent).HasMaxLength(64);
        });
        model.Entity<InboxMessage>(e =>
        {
            e.ToTable("inbox");
            e.HasKey(m => new { m.MessageId, m.Consumer });
            e.Property(m => m.Consumer).HasMaxLength(200);
            e.Property(m => m.HandledBy).HasMaxLength(200);
        });
        model.Entity<IdempotencyRecord>(e =>
        {
            e.ToTable("idempotency");
            e.HasKey(r => new { r.PartyId, r.RequestId });
            e.Property(r => r.Method).HasMaxLength(200);
            // The first answer may name the children it created.
            e.Property(r => r.Response).IsPersonal();
        });
        AuditLogTable.Configure(model);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder conventions)
    {
        // Every time is stored as UTC; reading it back must say so, or Timestamps shift.
        conventions.Properties<DateTime>().HaveConversion<UtcConverter>();
        conventions.Properties<DateTime?>().HaveConversion<NullableUtcConverter>();
        conventions.Conventions.Add(_ => new PersonalDataConvention(PersonalData));
    }

    private sealed class UtcConverter() : ValueConverter<DateTime, DateTime>(
        v => v.ToUniversalTime(), v => DateTime.SpecifyKind(v, DateTimeKind.Utc));

    private sealed class NullableUtcConverter() : ValueConverter<DateTime?, DateTime?>(
        v => v.HasValue ? v.Value.ToUniversalTime() : v, v => v.HasValue ? DateTime.SpecifyKind(v.Value, DateTimeKind.Utc) : v);
}
