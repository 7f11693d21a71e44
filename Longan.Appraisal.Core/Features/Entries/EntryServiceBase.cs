using Longan.Appraisal.Core.Domain.Entries;
using Longan.Appraisal.Core.Features.Common;
using Longan.Appraisal.Core.Persistence;
using Longan.Appraisal.Core.Resources;
using Longan.Appraisal.Core.Security;
using Longan.Appraisal.Core.Security.Policies;
using Microsoft.EntityFrameworkCore;

namespace Longan.Appraisal.Core.Features.Entries;

/// <summary>
/// Adding, editing and deleting one kind of collected entry: every read and write passes
/// <see cref="EntryGuard"/> (<see cref="EntryPolicy"/> for role, scope and "only their own", and the
/// cycle's state), is recorded in the entry log, and an edit or delete based on an outdated version
/// is refused with <see cref="ConflictException"/>.
/// </summary>
public abstract class EntryServiceBase<TEntity, TInput>(IDbContextFactory<AppraisalDbContext> dbFactory, TimeProvider clock)
    where TEntity : Entry
{
    protected IDbContextFactory<AppraisalDbContext> DbFactory => dbFactory;

    protected TimeProvider Clock => clock;

    /// <summary>The kind of entry, for the access rules and (by name) the entry log.</summary>
    protected abstract EntryKind Kind { get; }

    protected abstract TEntity Create();

    /// <summary>Validates the input (every problem at once) and copies it into the entry.</summary>
    protected abstract Task ApplyAsync(AppraisalDbContext db, EntryTarget target, TEntity entry, TInput input, Caller caller, CancellationToken ct);

    /// <summary>What the entry log keeps of the entry: its values, never an evaluator's identity.</summary>
    protected abstract object Snapshot(TEntity entry);

    public async Task<int> AddAsync(Caller caller, int cycleId, int assistantId, TInput input, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(caller, ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var target = await EntryGuard.ForWriteAsync(db, caller, Kind, EntryOperation.Add, cycleId, assistantId, ct);
        var now = clock.GetUtcNow();
        var entry = Create();
        entry.CycleId = cycleId;
        entry.AssistantId = assistantId;
        entry.EnteredBy = caller.UserId;
        entry.CreatedAt = entry.UpdatedAt = now;
        await ApplyAsync(db, target, entry, input, caller, ct);
        db.Set<TEntity>().Add(entry);
        await db.SaveChangesAsync(ct);
        EntryLog.Add(db, caller, now, cycleId, Kind.ToString(), entry.Id, EntryLog.Created, null, Snapshot(entry));
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return entry.Id;
    }

    /// <param name="version">The version the user opened; if someone saved since, nothing is changed.</param>
    public async Task UpdateAsync(Caller caller, int id, int version, TInput input, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(caller, ct);
        // The state is checked inside the write: a cycle published meanwhile cannot take the change.
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var entry = await FindAsync(db, id, ct);
        var target = await EntryGuard.ForWriteAsync(db, caller, Kind, EntryOperation.Change, entry.CycleId, entry.AssistantId, ct, entry);
        EnsureNotPhoneVote(entry);
        EnsureVersion(entry, version);
        var before = Snapshot(entry);
        await ApplyAsync(db, target, entry, input, caller, ct);
        var now = clock.GetUtcNow();
        entry.Version++;
        entry.UpdatedAt = now;
        EntryLog.Add(db, caller, now, entry.CycleId, Kind.ToString(), entry.Id, EntryLog.Updated, before, Snapshot(entry));
        await SaveAsync(db, ct);
        await tx.CommitAsync(ct);
    }

    public async Task DeleteAsync(Caller caller, int id, int version, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(caller, ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var entry = await FindAsync(db, id, ct);
        await EntryGuard.ForWriteAsync(db, caller, Kind, EntryOperation.Delete, entry.CycleId, entry.AssistantId, ct, entry);
        EnsureNotPhoneVote(entry);
        EnsureVersion(entry, version);
        EntryLog.Add(db, caller, clock.GetUtcNow(), entry.CycleId, Kind.ToString(), entry.Id, EntryLog.Deleted, Snapshot(entry), null);
        db.Set<TEntity>().Remove(entry);
        await SaveAsync(db, ct);
        await tx.CommitAsync(ct);
    }

    /// <summary>
    /// The assistant's entries of this kind in the cycle that the caller may see (a supervisor: only
    /// their own); refused outside the caller's scope. The one scope rule for the pages and the sums
    /// the collection tabs show, so a page and its totals always count the same entries.
    /// </summary>
    protected async Task<(EntryTarget Target, IQueryable<TEntity> Entries)> VisibleAsync(AppraisalDbContext db, Caller caller, int cycleId, int assistantId, CancellationToken ct)
    {
        var target = await EntryGuard.ForReadAsync(db, caller, Kind, cycleId, assistantId, ct);
        var entries = db.Set<TEntity>().AsNoTracking().Where(e => e.CycleId == cycleId && e.AssistantId == assistantId);
        if (EntryPolicy.SeesOnlyOwn(caller))
        {
            entries = entries.Where(e => e.EnteredBy == caller.UserId);
        }
        return (target, entries);
    }

    /// <summary>
    /// One page of the entries the caller may see, in <paramref name="order"/> (which must end on the
    /// id, so pages are stable and the same on every provider), each with what the caller may do
    /// with it, and how many there are in all: the database reads one page, not the assistant's year.
    /// </summary>
    protected async Task<PagedResult<(TEntity Entry, EntryRights Rights)>> PageEntriesAsync(
        Caller caller, int cycleId, int assistantId, PageRequest page, Func<IQueryable<TEntity>, IOrderedQueryable<TEntity>> order, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(caller, ct);
        var (target, entries) = await VisibleAsync(db, caller, cycleId, assistantId, ct);
        var total = await entries.CountAsync(ct);
        var items = await order(entries).Skip(page.Offset).Take(page.Take).ToListAsync(ct);
        return new PagedResult<(TEntity, EntryRights)>(items.Select(e => (e, RightsOn(caller, target, e))).ToList(), total);
    }

    /// <summary>A figure over all the entries the caller may see (a sum, counts by value), computed in the database.</summary>
    protected async Task<T> AggregateAsync<T>(Caller caller, int cycleId, int assistantId, Func<IQueryable<TEntity>, CancellationToken, Task<T>> aggregate, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(caller, ct);
        var (_, entries) = await VisibleAsync(db, caller, cycleId, assistantId, ct);
        return await aggregate(entries, ct);
    }

    /// <summary>What the caller may do with one entry now (the rules and the cycle's state), for the pages to offer.</summary>
    protected EntryRights RightsOn(Caller caller, EntryTarget target, TEntity entry)
    {
        if (entry is IFromBallotSession { BallotSessionId: not null })
        {
            return EntryRights.None;
        }
        var open = EntryPolicy.IsOpen(caller, target.Cycle.State);
        var verification = (entry as SupervisionRecord)?.Verification;
        return new EntryRights(
            open && EntryPolicy.Can(caller, Kind, EntryOperation.Change, target.Scope, entry.EnteredBy, verification),
            open && EntryPolicy.Can(caller, Kind, EntryOperation.Delete, target.Scope, entry.EnteredBy, verification),
            open && EntryPolicy.Can(caller, Kind, EntryOperation.Verify, target.Scope, entry.EnteredBy, verification));
    }

    protected static async Task<TEntity> FindAsync(AppraisalDbContext db, int id, CancellationToken ct) =>
        await db.Set<TEntity>().FirstOrDefaultAsync(e => e.Id == id, ct) ?? throw new NotFoundException(Messages.EntryNotFound);

    /// <summary>Villagers' and cadres' own phone votes are changed by nobody; voiding their session takes them back (spec §11).</summary>
    private static void EnsureNotPhoneVote(Entry entry)
    {
        if (entry is IFromBallotSession { BallotSessionId: { } session })
        {
            throw new RuleViolationException(Messages.PhoneEntryFixed(session));
        }
    }

    protected static void EnsureVersion(Entry entry, int version)
    {
        if (entry.Version != version)
        {
            throw new ConflictException(Messages.EntryChangedMeanwhile);
        }
    }

    protected static async Task SaveAsync(AppraisalDbContext db, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new ConflictException(Messages.EntryChangedMeanwhile);
        }
    }
}
