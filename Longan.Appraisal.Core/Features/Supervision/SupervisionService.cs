using Longan.Appraisal.Core.Domain;
using Longan.Appraisal.Core.Domain.Entries;
using Longan.Appraisal.Core.Features.Common;
using Longan.Appraisal.Core.Features.Entries;
using Longan.Appraisal.Core.Persistence;
using Longan.Appraisal.Core.Resources;
using Longan.Appraisal.Core.Security;
using Longan.Appraisal.Core.Security.Policies;
using Microsoft.EntityFrameworkCore;

namespace Longan.Appraisal.Core.Features.Supervision;

/// <summary>
/// 五老监督 records (spec §3, F): supervisors file them about their village's assistant and follow
/// their status; the township verifies each as 属实 or 不属实. Only 属实 records will count.
/// </summary>
public sealed class SupervisionService(IDbContextFactory<AppraisalDbContext> dbFactory, TimeProvider clock)
    : EntryServiceBase<SupervisionRecord, SupervisionInput>(dbFactory, clock)
{
    protected override EntryKind Kind => EntryKind.SupervisionRecord;

    protected override SupervisionRecord Create() => new() { SupervisorName = "", Description = "" };

    /// <summary>One page of the assistant's records in the cycle, newest first, and how many there are; a supervisor sees only the ones they filed.</summary>
    public async Task<PagedResult<SupervisionRow>> ListAsync(Caller caller, int cycleId, int assistantId, PageRequest page, CancellationToken ct = default)
    {
        var records = await PageEntriesAsync(caller, cycleId, assistantId, page, q => q.OrderByDescending(r => r.Date).ThenByDescending(r => r.Id), ct);
        await using var db = await DbFactory.CreateDbContextAsync(caller, ct);
        var name = await db.Assistants.Where(a => a.Id == assistantId).Select(a => a.Name).FirstAsync(ct);
        return new PagedResult<SupervisionRow>(records.Items.Select(r => Row(r.Entry, name, r.Rights)).ToList(), records.TotalCount);
    }

    /// <summary>Records awaiting verification that the caller may verify (a township: its own; the county: all), oldest first.</summary>
    public async Task<IReadOnlyList<SupervisionRow>> ListPendingAsync(Caller caller, int cycleId, CancellationToken ct = default)
    {
        if (!EntryPolicy.MayInOwnScope(caller, EntryKind.SupervisionRecord, EntryOperation.Verify))
        {
            throw new AccessDeniedException(Messages.OnlyTownshipMayVerify);
        }
        await using var db = await DbFactory.CreateDbContextAsync(caller, ct);
        var cycle = await db.Cycles.AsNoTracking().FirstOrDefaultAsync(c => c.Id == cycleId, ct) ?? throw new NotFoundException(Messages.CycleNotFound);
        var scopes = (await CycleRoster.ForYearAsync(db, cycle.Year, ct)).ToDictionary(r => r.AssistantId, r => new EntryScope(r.TownshipId, r.VillageId));
        var pending = await db.SupervisionRecords.AsNoTracking()
            .Where(r => r.CycleId == cycleId && r.Verification == Verification.Pending)
            .OrderBy(r => r.Date).ThenBy(r => r.Id)
            .Select(SupervisionRow.Projection)
            .ToListAsync(ct);
        var open = EntryPolicy.IsOpen(caller, cycle.State);
        return pending
            .Where(r => scopes.TryGetValue(r.AssistantId, out var scope) && EntryPolicy.Can(caller, EntryKind.SupervisionRecord, EntryOperation.Verify, scope))
            .Select(r => r with { Rights = new EntryRights(false, false, open) })
            .ToList();
    }

    /// <summary>Records a verification result (spec §3): the township's (or the county's) finding with a note.</summary>
    public async Task VerifyAsync(Caller caller, int id, int version, VerifyInput input, CancellationToken ct = default)
    {
        await using var db = await DbFactory.CreateDbContextAsync(caller, ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var record = await FindAsync(db, id, ct);
        await EntryGuard.ForWriteAsync(db, caller, Kind, EntryOperation.Verify, record.CycleId, record.AssistantId, ct, record);
        EnsureVersion(record, version);
        var note = InputText.Text(input.Note, multiline: true);
        new Validator()
            .Check(input.Result is Verification.Confirmed or Verification.Rejected, nameof(input.Result), Messages.VerificationResultRequired)
            .Check(input.Result != Verification.Rejected || note is not null, nameof(input.Note), Messages.RejectionNeedsNote)
            .MaxLength(nameof(input.Note), Messages.LabelVerificationNote, note, FieldLimits.Text)
            .ThrowIfInvalid();
        var before = Snapshot(record);
        var now = Clock.GetUtcNow();
        record.Verification = input.Result!.Value;
        record.VerificationNote = note;
        record.VerifiedBy = caller.UserName;
        record.VerifiedAt = now;
        record.Version++;
        record.UpdatedAt = now;
        EntryLog.Add(db, caller, now, record.CycleId, Kind.ToString(), record.Id, EntryLog.Verified, before, Snapshot(record));
        await SaveAsync(db, ct);
        await tx.CommitAsync(ct);
    }

    protected override async Task ApplyAsync(AppraisalDbContext db, EntryTarget target, SupervisionRecord entry, SupervisionInput input, Caller caller, CancellationToken ct)
    {
        var isNew = entry.Id == 0;
        var (supervisorId, supervisorName) = await WhoFilesAsync(db, target, entry, input, caller, ct);
        var description = InputText.Text(input.Description, multiline: true);
        var today = CountyCalendar.Today(Clock);
        var validator = new Validator(input.Check(target.Cycle.Year, today))
            .Check(supervisorName is not null, nameof(input.SupervisorName), Messages.FieldRequired(Messages.LabelSupervisor))
            .MaxLength(nameof(input.SupervisorName), Messages.LabelSupervisor, supervisorName, FieldLimits.Name);
        validator.ThrowIfInvalid();
        entry.Date = input.Date!.Value;
        entry.SupervisorId = supervisorId;
        entry.SupervisorName = supervisorName!;
        entry.Nature = input.Nature!.Value;
        entry.Category = input.Category!.Value;
        entry.Severity = entry.Nature == RecordNature.Issue ? input.Severity : null;
        entry.Description = description!;
        if (isNew)
        {
            entry.FiledBy = caller.UserName;
        }
        else if (entry.Verification != Verification.Pending)
        {
            // A changed record is a new claim: it needs verifying again.
            entry.Verification = Verification.Pending;
            entry.VerificationNote = null;
            entry.VerifiedBy = null;
            entry.VerifiedAt = null;
        }
    }

    /// <summary>A supervisor files under their own registered name; others name a supervisor of the village, or give a name.</summary>
    private static async Task<(int? Id, string? Name)> WhoFilesAsync(
        AppraisalDbContext db, EntryTarget target, SupervisionRecord entry, SupervisionInput input, Caller caller, CancellationToken ct)
    {
        if (EntryPolicy.FilesUnderOwnName(caller))
        {
            var own = await db.Users.Where(u => u.Id == caller.UserId).Select(u => new { u.SupervisorId, u.Supervisor!.Name }).FirstAsync(ct);
            return (own.SupervisorId, own.Name);
        }
        if (input.SupervisorId is { } id)
        {
            var registered = await db.Supervisors.Where(s => s.Id == id && s.VillageId == target.VillageId).Select(s => s.Name).FirstOrDefaultAsync(ct);
            if (registered is not null)
            {
                return (id, registered);
            }
        }
        var name = InputText.Text(input.SupervisorName);
        if (name is null)
        {
            // An edit that does not name anyone keeps who filed it.
            return entry.Id == 0 ? (null, null) : (entry.SupervisorId, entry.SupervisorName);
        }
        var match = await db.Supervisors.Where(s => s.VillageId == target.VillageId && s.Name == name).Select(s => (int?)s.Id).FirstOrDefaultAsync(ct);
        return (match, name);
    }

    private static SupervisionRow Row(SupervisionRecord r, string assistantName, EntryRights rights) => new(
        r.Id, r.Version, r.CycleId, r.AssistantId, assistantName, r.Date, r.SupervisorName, r.Nature, r.Category, r.Severity,
        r.Description, r.Verification, r.VerificationNote, r.VerifiedBy, r.VerifiedAt, r.FiledBy) { Rights = rights };

    protected override object Snapshot(SupervisionRecord r) => new
    {
        r.Date, r.SupervisorName, r.Nature, r.Category, r.Severity, r.Description, r.Verification, r.VerificationNote, r.VerifiedBy,
    };
}
