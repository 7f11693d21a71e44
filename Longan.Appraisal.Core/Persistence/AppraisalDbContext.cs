using Longan.Appraisal.Core.Domain;
using Longan.Appraisal.Core.Domain.Audit;
using Longan.Appraisal.Core.Domain.Entries;
using Longan.Appraisal.Core.Security;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace Longan.Appraisal.Core.Persistence;

/// <summary>
/// The appraisal database: master data and the Identity accounts, in one SQLite file by default
/// (this type and Migrations/Sqlite) or on PostgreSQL (<see cref="PostgreSql.PostgreSqlAppraisalDbContext"/>).
/// Every save of tracked changes is recorded in the hash-chained audit trail in the same
/// transaction, in the name of the caller set with <see cref="ActingAs"/>; a tracked change without
/// one is refused. Writes the change tracker does not see (ExecuteDelete, raw SQL) must add their
/// own <see cref="Record"/>: the ballot import's replacement does; the results' bulk writer stores
/// rows of a version whose creation is recorded. A failed save leaves the context unusable (its
/// entities already accepted); services use a context per operation.
/// </summary>
public class AppraisalDbContext : IdentityUserContext<AppUser>, IDataProtectionKeyContext
{
    public AppraisalDbContext(DbContextOptions<AppraisalDbContext> options)
        : base(options)
    {
    }

    /// <summary>For the same model on another provider, with its own migrations (<see cref="PostgreSql.PostgreSqlAppraisalDbContext"/>).</summary>
    protected AppraisalDbContext(DbContextOptions options)
        : base(options)
    {
    }

    /// <summary>The cookie and antiforgery keys, shared by every node of the portal (Data Protection).</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public DbSet<Township> Townships => Set<Township>();
    public DbSet<Village> Villages => Set<Village>();
    public DbSet<Assistant> Assistants => Set<Assistant>();
    public DbSet<Posting> Postings => Set<Posting>();
    public DbSet<Supervisor> Supervisors => Set<Supervisor>();
    public DbSet<AppraisalCycle> Cycles => Set<AppraisalCycle>();
    public DbSet<CycleTransition> CycleTransitions => Set<CycleTransition>();
    public DbSet<VillagerTally> VillagerTallies => Set<VillagerTally>();
    public DbSet<PartyBallot> PartyBallots => Set<PartyBallot>();
    public DbSet<CadreBallot> CadreBallots => Set<CadreBallot>();
    public DbSet<SupervisionRecord> SupervisionRecords => Set<SupervisionRecord>();
    public DbSet<AttendanceMonth> AttendanceMonths => Set<AttendanceMonth>();
    public DbSet<EntryChange> EntryChanges => Set<EntryChange>();
    public DbSet<ImportBatch> ImportBatches => Set<ImportBatch>();
    public DbSet<Domain.Results.ResultVersion> ResultVersions => Set<Domain.Results.ResultVersion>();
    public DbSet<Domain.Results.StoredResult> StoredResults => Set<Domain.Results.StoredResult>();
    public DbSet<Domain.Results.OutcomeOverride> OutcomeOverrides => Set<Domain.Results.OutcomeOverride>();
    public DbSet<AuditRecord> AuditRecords => Set<AuditRecord>();
    public DbSet<Domain.Appeals.Appeal> Appeals => Set<Domain.Appeals.Appeal>();
    public DbSet<Domain.FollowUps.FollowUp> FollowUps => Set<Domain.FollowUps.FollowUp>();
    public DbSet<Domain.Sessions.SignInSession> SignInSessions => Set<Domain.Sessions.SignInSession>();
    public DbSet<Domain.Sessions.FailedSignIn> FailedSignIns => Set<Domain.Sessions.FailedSignIn>();
    public DbSet<Domain.Sessions.SignInAttempt> SignInAttempts => Set<Domain.Sessions.SignInAttempt>();
    public DbSet<Domain.Downloads.PreparedFile> PreparedFiles => Set<Domain.Downloads.PreparedFile>();
    public DbSet<Domain.Downloads.PreparedFileChunk> PreparedFileChunks => Set<Domain.Downloads.PreparedFileChunk>();
    public DbSet<Domain.Ballots.BallotSession> BallotSessions => Set<Domain.Ballots.BallotSession>();
    public DbSet<Domain.Ballots.BallotCode> BallotCodes => Set<Domain.Ballots.BallotCode>();
    public DbSet<Domain.Ballots.PhoneBallot> PhoneBallots => Set<Domain.Ballots.PhoneBallot>();

    private readonly List<AuditRecord> _explicitRecords = [];
    private readonly HashSet<Type> _summarised = [];
    private Caller? _actor;

    /// <summary>Whose changes the next saves are, for the audit trail.</summary>
    public AppraisalDbContext ActingAs(Caller caller)
    {
        _actor = caller;
        return this;
    }

    /// <summary>
    /// Changes to these entities are not recorded one by one: a bulk act (an import, seeding) records
    /// itself with <see cref="Record"/> instead.
    /// </summary>
    public void Summarise(params Type[] types) => _summarised.UnionWith(types);

    /// <summary>No entity change is recorded one by one (seeding): the act records itself with <see cref="Record"/>.</summary>
    public void SummariseAll() => Summarise(Model.GetEntityTypes().Select(t => t.ClrType).ToArray());

    /// <summary>Adds a record of something the change tracker does not see (a bulk act, a deletion in SQL), written with the next save.</summary>
    public void Record(AuditAction action, string subject, string? key, string summary, object? before = null, object? after = null)
    {
        var actor = _actor ?? throw new InvalidOperationException("An audited act needs ActingAs(caller) first.");
        Record(new AuditRecord
        {
            At = DateTimeOffset.UtcNow, Actor = actor.UserName, Role = actor.Role, Action = action, Subject = subject, SubjectKey = key, Summary = summary,
            Before = before is null ? null : AuditCapture.Json(before), After = after is null ? null : AuditCapture.Json(after),
            PreviousHash = "", Hash = "",
        });
    }

    /// <summary>Adds a record made by the caller (sign-ins, where there is no signed-in actor); it is numbered and chained with the next save.</summary>
    public void Record(AuditRecord record) => _explicitRecords.Add(record);

    /// <summary>Forgets the caller and the audit settings, so a pooled context (<see cref="PooledContexts"/>) starts afresh.</summary>
    public override void Dispose()
    {
        Forget();
        base.Dispose();
    }

    /// <inheritdoc cref="Dispose"/>
    public override ValueTask DisposeAsync()
    {
        Forget();
        return base.DisposeAsync();
    }

    private void Forget()
    {
        _actor = null;
        _explicitRecords.Clear();
        _summarised.Clear();
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess) =>
        SaveChangesAsync(acceptAllChangesOnSuccess).GetAwaiter().GetResult();

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        var pending = AuditCapture.Take(ChangeTracker, _summarised);
        if (pending.Count == 0 && _explicitRecords.Count == 0)
        {
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        }
        var actor = _actor ?? (pending.Count == 0 ? Caller.System : throw new InvalidOperationException(
            $"Unaudited change to {string.Join(", ", pending.Select(p => p.Entry.Metadata.ClrType.Name).Distinct())}: call ActingAs(caller) on the context first."));
        // SQLite's transactions here take the write lock at once, so nobody can append to the trail between reading its end and writing after it.
        await using var transaction = Database.CurrentTransaction is null ? await Database.BeginTransactionAsync(cancellationToken) : null;
        var saved = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        var records = AuditCapture.Records(pending, actor.UserName, actor.Role, DateTimeOffset.UtcNow).Concat(_explicitRecords).ToList();
        _explicitRecords.Clear();
        var last = await AuditRecords.AsNoTracking().OrderByDescending(a => a.Id).Select(a => new { a.Id, a.Hash }).FirstOrDefaultAsync(cancellationToken);
        AuditChain.Append(records, last?.Id ?? 0, last?.Hash ?? AuditChain.Genesis);
        AuditRecords.AddRange(records);
        await base.SaveChangesAsync(true, cancellationToken);
        if (transaction is not null)
        {
            await transaction.CommitAsync(cancellationToken);
        }
        return saved;
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(AppraisalDbContext).Assembly);
    }
}
