using Longan.Appraisal.Core.Domain;
using Longan.Appraisal.Core.Domain.Entries;
using Longan.Appraisal.Core.Features.Common;
using Longan.Appraisal.Core.Features.Entries;
using Longan.Appraisal.Core.Persistence;
using Longan.Appraisal.Core.Resources;
using Longan.Appraisal.Core.Security;
using Microsoft.EntityFrameworkCore;

namespace Longan.Appraisal.Core.Features.Supervision;

/// <summary>
/// 五老监督 records (spec §3, F): supervisors file them about their village's assistant and follow
/// their status; the township verifies each as 属实 or 不属实. Only 属实 records will count.
/// </summary>
public sealed class SupervisionService(IDbContextFactory<AppraisalDbContext> dbFactory, TimeProvider clock)
    : EntryServiceBase<SupervisionRecord, SupervisionInput>(dbFactory, clock)
{
    protected override string Kind => nameof(SupervisionRecord);

    protected override SupervisionRecord Create() => new() { SupervisorName = "", Description = "" };

    /// <summary>The assistant's records in the cycle; a supervisor sees only the ones they filed.</summary>
    public async Task<IReadOnlyList<SupervisionRow>> ListAsync(Caller caller, int cycleId, int assistantId, CancellationToken ct = default)
    {
        await using var db = await DbFactory.CreateDbContextAsync(caller, ct);
        await EntryGuard.ForReadAsync(db, caller, cycleId, assistantId, ct);
        var records = db.SupervisionRecords.AsNoTracking().Where(r => r.CycleId == cycleId && r.AssistantId == assistantId);
        if (caller.Role == AppRole.Supervisor)
        {
            records = records.Where(r => r.FiledBy == caller.UserName);
        }
        return await records.OrderByDescending(r => r.Date).ThenByDescending(r => r.Id).Select(SupervisionRow.Projection).ToListAsync(ct);
    }

    /// <summary>Records awaiting verification in the caller's township (the county: all), oldest first.</summary>
    public async Task<IReadOnlyList<SupervisionRow>> ListPendingAsync(Caller caller, int cycleId, CancellationToken ct = default)
    {
        if (caller.Role is not (AppRole.County or AppRole.Township))
        {
            throw new AccessDeniedException(Messages.OnlyTownshipMayVerify);
        }
        await using var db = await DbFactory.CreateDbContextAsync(caller, ct);
        var cycle = await db.Cycles.AsNoTracking().FirstOrDefaultAsync(c => c.Id == cycleId, ct) ?? throw new NotFoundException(Messages.CycleNotFound);
        var pending = await db.SupervisionRecords.AsNoTracking()
            .Where(r => r.CycleId == cycleId && r.Verification == Verification.Pending)
            .OrderBy(r => r.Date).ThenBy(r => r.Id)
            .Select(SupervisionRow.Projection)
            .ToListAsync(ct);
        if (caller.Role == AppRole.County)
        {
            return pending;
        }
        var ownAssistants = (await CycleRoster.ForTownshipAsync(db, cycle.Year, caller.TownshipId ?? 0, ct)).Select(r => r.AssistantId).ToHashSet();
        return pending.Where(r => ownAssistants.Contains(r.AssistantId)).ToList();
    }

    /// <summary>Records a verification result (spec §3): the township's (or the county's) finding with a note.</summary>
    public async Task VerifyAsync(Caller caller, int id, int version, VerifyInput input, CancellationToken ct = default)
    {
        await using var db = await DbFactory.CreateDbContextAsync(caller, ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var record = await FindAsync(db, id, ct);
        await EntryGuard.ForWriteAsync(db, caller, record.CycleId, record.AssistantId, ct, verifying: true);
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
        EntryLog.Add(db, caller, now, record.CycleId, Kind, record.Id, EntryLog.Verified, before, Snapshot(record));
        await SaveAsync(db, ct);
        await tx.CommitAsync(ct);
    }

    protected override async Task ApplyAsync(AppraisalDbContext db, EntryTarget target, SupervisionRecord entry, SupervisionInput input, Caller caller, CancellationToken ct)
    {
        var isNew = entry.Id == 0;
        var (supervisorId, supervisorName) = await WhoFilesAsync(db, target, entry, input, caller, ct);
        var description = InputText.Text(input.Description, multiline: true);
        var today = CountyCalendar.Today(Clock);
        var validator = new Validator()
            .Check(input.Date is not null, nameof(input.Date), Messages.FieldRequired(Messages.LabelRecordDate))
            .Check(input.Date is null || input.Date.Value.Year == target.Cycle.Year, nameof(input.Date), Messages.RecordDateOutsideYear(target.Cycle.Year))
            .Check(input.Date is null || input.Date <= today, nameof(input.Date), Messages.RecordDateInFuture)
            .Check(supervisorName is not null, nameof(input.SupervisorName), Messages.FieldRequired(Messages.LabelSupervisor))
            .MaxLength(nameof(input.SupervisorName), Messages.LabelSupervisor, supervisorName, FieldLimits.Name)
            .Check(input.Nature is { } n && Enum.IsDefined(n), nameof(input.Nature), Messages.FieldRequired(Messages.LabelNature))
            .Check(input.Category is { } c && Enum.IsDefined(c), nameof(input.Category), Messages.FieldRequired(Messages.LabelCategory))
            .Check(input.Nature != RecordNature.Issue || input.Severity is { } s && Enum.IsDefined(s), nameof(input.Severity), Messages.SeverityRequiredForIssue)
            .Required(nameof(input.Description), Messages.LabelDescription, description)
            .MaxLength(nameof(input.Description), Messages.LabelDescription, description, FieldLimits.Comment);
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

    /// <summary>A supervisor changes only records they filed, and only until the township has verified them.</summary>
    protected override void EnsureMayChange(SupervisionRecord entry, Caller caller)
    {
        if (caller.Role != AppRole.Supervisor)
        {
            return;
        }
        if (entry.FiledBy != caller.UserName)
        {
            throw new AccessDeniedException(Messages.OnlyOwnRecords);
        }
        if (entry.Verification != Verification.Pending)
        {
            throw new RuleViolationException(Messages.RecordAlreadyVerified);
        }
    }

    /// <summary>A supervisor files under their own registered name; others name a supervisor of the village, or give a name.</summary>
    private static async Task<(int? Id, string? Name)> WhoFilesAsync(
        AppraisalDbContext db, EntryTarget target, SupervisionRecord entry, SupervisionInput input, Caller caller, CancellationToken ct)
    {
        if (caller.Role == AppRole.Supervisor)
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

    protected override object Snapshot(SupervisionRecord r) => new
    {
        r.Date, r.SupervisorName, r.Nature, r.Category, r.Severity, r.Description, r.Verification, r.VerificationNote, r.VerifiedBy,
    };
}
