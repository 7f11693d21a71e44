using Longan.Appraisal.Core.Domain;
using Longan.Appraisal.Core.Domain.FollowUps;
using Longan.Appraisal.Core.Features.Common;
using Longan.Appraisal.Core.Features.Postings;
using Longan.Appraisal.Core.Features.Results;
using Longan.Appraisal.Core.Persistence;
using Longan.Appraisal.Core.Resources;
using Longan.Appraisal.Core.Scoring;
using Longan.Appraisal.Core.Security;
using Longan.Appraisal.Core.Security.Policies;
using Microsoft.EntityFrameworkCore;

namespace Longan.Appraisal.Core.Features.FollowUps;

/// <summary>
/// One effective outcome of a published appraisal to see through: whose, which, due when, and —
/// once done — what was done. <see cref="CurrentPosting"/> is the assistant's present term (for an
/// open replacement); <see cref="Successor"/> who took over (a done one); <see cref="ViaPostings"/>
/// that the replacement was made from the village's postings rather than recorded here.
/// </summary>
public sealed record FollowUpCase(
    int CycleId, int Year, int AssistantId, string AssistantCode, string AssistantName, int TownshipId, string Township, int TownshipOrder, string Village,
    Outcome Kind, DateOnly Due, FollowUp? Done, PostingRow? CurrentPosting, string? Successor = null, bool ViaPostings = false)
{
    public bool IsOpen => Done is null;

    /// <summary>The day the decision was published: nothing done to carry it out can be earlier.</summary>
    public DateOnly PublishedOn => Due.AddDays(-FollowUpDeadlines.Days(Kind));
    public bool IsOverdue(DateOnly today) => IsOpen && today > Due;
}

/// <summary>What 组织部 records for a talk, a notice or a reserve-cadre decision.</summary>
public sealed class FollowUpInput
{
    public DateOnly? Date { get; set; }
    public string? By { get; set; }
    public string? Reference { get; set; }
    public string? Notes { get; set; }
    public bool? Accepted { get; set; }
}

/// <summary>
/// Decisions follow-up (issue 6): every effective outcome of each published cycle's current
/// version becomes a case — 诫勉谈话, 通报批评, 调整撤换, 后备干部人选 — due a set number of days after
/// publication; 组织部 records how each was carried out (a replacement through the postings, so a
/// village never has two assistants); townships see their own cases.
/// </summary>
public sealed class FollowUpService(IDbContextFactory<AppraisalDbContext> dbFactory, ResultQueryService results, PostingService postings, TimeProvider clock)
{
    public async Task<IReadOnlyList<FollowUpCase>> ListAsync(Caller caller, bool openOnly = false, CancellationToken ct = default)
    {
        FollowUpPolicy.Ensure(caller, FollowUpOperation.Read);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        // Every cycle ever published, also while reopened: its latest published version's outcomes
        // stand until it is published again; cases are due from the first publication.
        var first = await ResultQueryService.FirstPublicationsAsync(db, null, ct);
        var latest = (await db.ResultVersions.AsNoTracking().Where(v => v.PublishedAt != null).Select(v => new { v.CycleId, v.Number }).ToListAsync(ct))
            .GroupBy(v => v.CycleId).ToDictionary(g => g.Key, g => g.Max(v => v.Number));
        var publishedOn = first.ToDictionary(p => p.Key, p => DateOnly.FromDateTime(p.Value.ToOffset(TimeSpan.FromHours(8)).DateTime));
        var cycleIds = first.Keys.ToList();
        var done = (await db.FollowUps.AsNoTracking().Where(f => cycleIds.Contains(f.CycleId)).ToListAsync(ct))
            .ToDictionary(f => (f.CycleId, f.AssistantId, f.Kind));
        var cases = new List<FollowUpCase>();
        foreach (var (cycleId, version) in latest)
        {
            var set = await results.ReadAsPublishedAsync(caller, cycleId, version, ct: ct);
            foreach (var row in set!.Rows)
            {
                foreach (var kind in row.Outcomes.Where(FollowUpDeadlines.Kinds.Contains))
                {
                    cases.Add(new FollowUpCase(cycleId, set.Year, row.AssistantId, row.Code, row.Name, row.TownshipId, row.Township, row.TownshipOrder, row.Village,
                        kind, publishedOn[cycleId].AddDays(FollowUpDeadlines.Days(kind)), done.GetValueOrDefault((cycleId, row.AssistantId, kind)), null));
                }
            }
        }
        cases = await WithPostingsAsync(db, cases, ct);
        return cases
            .Where(c => !openOnly || c.IsOpen)
            .OrderByDescending(c => c.Year).ThenBy(c => c.TownshipOrder).ThenBy(c => c.Due).ThenBy(c => c.AssistantCode, StringComparer.Ordinal).ThenBy(c => c.Kind)
            .ToList();
    }

    /// <summary>
    /// Replacements and postings: an open case gets the assistant's current term; an assistant no
    /// longer serving anywhere closes the case with their last term (replaced from the village's page
    /// — on the day of publication its term ends the day before — or gone before the results were
    /// out); a done case names the successor.
    /// </summary>
    private static async Task<List<FollowUpCase>> WithPostingsAsync(AppraisalDbContext db, List<FollowUpCase> cases, CancellationToken ct)
    {
        var assistants = cases.Where(c => c.Kind == Outcome.Replacement).Select(c => c.AssistantId).ToList();
        if (assistants.Count == 0)
        {
            return cases;
        }
        var terms = await db.Postings.AsNoTracking().Where(p => assistants.Contains(p.AssistantId)).Select(PostingRow.Projection).ToListAsync(ct);
        var villages = terms.Select(t => t.VillageId).Distinct().ToList();
        var inVillages = await db.Postings.AsNoTracking().Where(p => villages.Contains(p.VillageId)).Select(PostingRow.Projection).ToListAsync(ct);
        return cases.Select(c =>
        {
            if (c.Kind != Outcome.Replacement)
            {
                return c;
            }
            if (c.Done is { } record)
            {
                return c with { Successor = inVillages.FirstOrDefault(p => p.Id == record.SuccessorPostingId)?.AssistantName };
            }
            var current = terms.FirstOrDefault(t => t.AssistantId == c.AssistantId && t.IsCurrent);
            var ended = terms.Where(t => t.AssistantId == c.AssistantId && t.EndedOn is not null).MaxBy(t => t.EndedOn);
            if (current is null && ended is not null)
            {
                var next = inVillages.Where(p => p.VillageId == ended.VillageId && p.StartDate > ended.EndedOn).MinBy(p => p.StartDate);
                var viaPostings = new FollowUp
                {
                    CycleId = c.CycleId, AssistantId = c.AssistantId, Kind = Outcome.Replacement, Date = ended.EndedOn!.Value.AddDays(1), Notes = ended.EndReason,
                    SuccessorPostingId = next?.Id, RecordedBy = "",
                };
                return c with { Done = viaPostings, Successor = next?.AssistantName, ViaPostings = true };
            }
            return c with { CurrentPosting = current };
        }).ToList();
    }

    /// <summary>Records a talk held, a notice issued or a reserve-cadre decision; the case closes.</summary>
    public async Task RecordAsync(Caller caller, int cycleId, int assistantId, Outcome kind, FollowUpInput input, CancellationToken ct = default)
    {
        FollowUpPolicy.Ensure(caller, FollowUpOperation.Record);
        if (kind == Outcome.Replacement)
        {
            throw new RuleViolationException(Messages.FollowUpReplacementThroughPostings);
        }
        var by = InputText.Text(input.By);
        var reference = InputText.Text(input.Reference);
        var notes = InputText.Text(input.Notes, multiline: true);
        var today = CountyCalendar.Today(clock);
        new Validator()
            .Check(input.Date is not null, nameof(input.Date), Messages.FieldRequired(Messages.LabelFollowUpDate))
            .Check(input.Date is null || input.Date <= today, nameof(input.Date), Messages.FollowUpDateInFuture)
            .Check(kind != Outcome.AdmonishmentTalk || by is not null, nameof(input.By), Messages.FieldRequired(Messages.LabelTalkBy))
            .MaxLength(nameof(input.By), Messages.LabelTalkBy, by, FieldLimits.Name)
            .Check(kind != Outcome.PublicCriticism || reference is not null, nameof(input.Reference), Messages.FieldRequired(Messages.LabelNoticeReference))
            .MaxLength(nameof(input.Reference), Messages.LabelNoticeReference, reference, FieldLimits.Name)
            .Check(kind != Outcome.ReserveCadre || input.Accepted is not null, nameof(input.Accepted), Messages.FollowUpChooseAccepted)
            .Check(kind != Outcome.ReserveCadre || notes is not null, nameof(input.Notes), Messages.FieldRequired(Messages.LabelFollowUpReason))
            .MaxLength(nameof(input.Notes), kind == Outcome.ReserveCadre ? Messages.LabelFollowUpReason : Messages.LabelFollowUpNotes, notes, FieldLimits.Comment)
            .ThrowIfInvalid();
        var open = await EnsureOpenCaseAsync(caller, cycleId, assistantId, kind, ct);
        // What is recorded carries out a published decision, so it cannot predate the publication.
        if (input.Date < open.PublishedOn)
        {
            throw new ValidationFailedException([new FieldError(nameof(input.Date), Messages.FollowUpDateBeforePublication(open.PublishedOn.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)))]);
        }
        await SaveAsync(caller, new FollowUp
        {
            CycleId = cycleId, AssistantId = assistantId, Kind = kind, Date = input.Date!.Value,
            By = kind == Outcome.AdmonishmentTalk ? by : null, Reference = kind == Outcome.PublicCriticism ? reference : null, Notes = notes,
            Accepted = kind == Outcome.ReserveCadre ? input.Accepted : null, RecordedAt = clock.GetUtcNow(), RecordedBy = caller.UserName,
        }, ct);
    }

    /// <summary>
    /// 调整撤换: the assistant's term ends and the successor's begins, and the case closes — all in one
    /// transaction, refused if somebody changed the village's current term since the case was read.
    /// </summary>
    public async Task ReplaceAsync(Caller caller, int cycleId, int assistantId, ReplaceInput input, CancellationToken ct = default)
    {
        FollowUpPolicy.Ensure(caller, FollowUpOperation.Record);
        var open = await EnsureOpenCaseAsync(caller, cycleId, assistantId, Outcome.Replacement, ct);
        var current = open.CurrentPosting ?? throw new RuleViolationException(Messages.FollowUpNoCurrentPosting(open.AssistantName));
        await using var db = await dbFactory.CreateDbContextAsync(caller, ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var posting = await postings.ReplaceAsync(db, caller, current.VillageId, input, expectedPostingId: current.Id, ct);
        db.FollowUps.Add(new FollowUp
        {
            CycleId = cycleId, AssistantId = assistantId, Kind = Outcome.Replacement, Date = input.StartDate!.Value, Notes = InputText.Text(input.Reason, multiline: true),
            SuccessorPostingId = posting, RecordedAt = clock.GetUtcNow(), RecordedBy = caller.UserName,
        });
        await SaveUniqueAsync(db, ct);
        await tx.CommitAsync(ct);
    }

    private async Task<FollowUpCase> EnsureOpenCaseAsync(Caller caller, int cycleId, int assistantId, Outcome kind, CancellationToken ct)
    {
        var found = (await ListAsync(caller, ct: ct)).FirstOrDefault(c => c.CycleId == cycleId && c.AssistantId == assistantId && c.Kind == kind)
            ?? throw new NotFoundException(Messages.FollowUpNotFound);
        return found.IsOpen ? found : throw new RuleViolationException(Messages.FollowUpAlreadyDone);
    }

    private async Task SaveAsync(Caller caller, FollowUp record, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(caller, ct);
        db.FollowUps.Add(record);
        await SaveUniqueAsync(db, ct);
    }

    private static async Task SaveUniqueAsync(AppraisalDbContext db, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Someone recorded the same case a moment earlier (unique index); nothing of this one is kept.
            throw new RuleViolationException(Messages.FollowUpAlreadyDone);
        }
    }
}
