using Longan.Appraisal.Core.Domain;
using Longan.Appraisal.Core.Domain.Appeals;
using Longan.Appraisal.Core.Features.Common;
using Longan.Appraisal.Core.Features.Cycles;
using Longan.Appraisal.Core.Features.Results;
using Longan.Appraisal.Core.Persistence;
using Longan.Appraisal.Core.Resources;
using Longan.Appraisal.Core.Scoring;
using Longan.Appraisal.Core.Security;
using Longan.Appraisal.Core.Security.Policies;
using Microsoft.EntityFrameworkCore;

namespace Longan.Appraisal.Core.Features.Appeals;

/// <summary>An appeal as listed: whose, about which year and version, why, and where it stands.</summary>
public sealed record AppealRow(
    int Id, int CycleId, int Year, int AssistantId, string AssistantCode, string AssistantName, int TownshipId, string Township,
    int VersionNumber, string Reason, DateTimeOffset FiledAt, AppealStatus Status, string? Answer, DateTimeOffset? AnsweredAt, string? AnsweredBy,
    int? AdjustedVersionNumber, int? LatestPublishedVersion = null)
{
    /// <summary>"答复为已调整" can be given: a version newer than the appealed one is published (the service still checks that this assistant's result differs).</summary>
    public bool NewerVersionPublished => LatestPublishedVersion > VersionNumber;
}

/// <summary>Whether the assistant may appeal a published result now, and until when.</summary>
public sealed record AppealWindow(int CycleId, int VersionNumber, DateTimeOffset Deadline, bool IsOpen, bool HasOpenAppeal, bool HasAppealedThisVersion)
{
    public bool CanFile => IsOpen && !HasOpenAppeal && !HasAppealedThisVersion;
}

/// <summary>
/// 复核申请 (issue 6): an assistant appeals their published result within the cycle's window
/// (rules AppealWindowDays after publication); 组织部 answers — upheld, or adjusted through a
/// reopening, a correction and a new published version (the appealed one is kept); the township
/// sees its assistants' appeals; the assistant sees the answer.
/// </summary>
public sealed class AppealService(IDbContextFactory<AppraisalDbContext> dbFactory, ResultQueryService results, CycleService cycles, TimeProvider clock)
{
    /// <summary>
    /// The appeal window of each of the assistant's published results: from the publication that
    /// first showed their present result (a republication that leaves their score, grade and outcome
    /// as they were does not reopen it; one that changes them opens a new window), one appeal per
    /// published version.
    /// </summary>
    public async Task<IReadOnlyList<AppealWindow>> WindowsAsync(Caller caller, CancellationToken ct = default)
    {
        var mine = await results.PublishedForSelfAsync(caller, ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var cycleIds = mine.Select(m => m.CycleId).ToList();
        var days = await db.Cycles.Where(c => cycleIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => c.Rules.AppealWindowDays, ct);
        var since = await ResultPublishedSinceAsync(db, caller.AssistantId!.Value, cycleIds, ct);
        var appeals = await db.Appeals.Where(a => a.AssistantId == caller.AssistantId && cycleIds.Contains(a.CycleId))
            .Select(a => new { a.CycleId, a.VersionNumber, a.Status }).ToListAsync(ct);
        var now = clock.GetUtcNow();
        return mine.Select(m =>
        {
            var deadline = since[m.CycleId].AddDays(days[m.CycleId]);
            var own = appeals.Where(a => a.CycleId == m.CycleId).ToList();
            return new AppealWindow(m.CycleId, m.VersionNumber, deadline, days[m.CycleId] > 0 && now <= deadline,
                own.Any(a => a.Status is AppealStatus.Open or AppealStatus.Reviewing), own.Any(a => a.VersionNumber == m.VersionNumber));
        }).ToList();
    }

    /// <summary>
    /// For each cycle, when the assistant's present published result (composite, grade and the
    /// outcome in force at publication) was first published: walking the published versions in
    /// order, the window restarts whenever that result changed.
    /// </summary>
    private static async Task<Dictionary<int, DateTimeOffset>> ResultPublishedSinceAsync(AppraisalDbContext db, int assistantId, IReadOnlyCollection<int> cycleIds, CancellationToken ct)
    {
        var versions = await db.ResultVersions.AsNoTracking().Where(v => v.PublishedAt != null && cycleIds.Contains(v.CycleId))
            .Select(v => new { v.Id, v.CycleId, v.Number, PublishedAt = v.PublishedAt!.Value }).ToListAsync(ct);
        var versionIds = versions.Select(v => v.Id).ToList();
        var rows = await db.StoredResults.AsNoTracking().Where(r => r.AssistantId == assistantId && versionIds.Contains(r.ResultVersionId))
            .Select(r => new { r.ResultVersionId, r.Composite, r.Grade, r.Outcomes }).ToDictionaryAsync(r => r.ResultVersionId, ct);
        var since = new Dictionary<int, DateTimeOffset>();
        foreach (var cycle in versions.GroupBy(v => v.CycleId))
        {
            ResultStatement? shown = null;
            foreach (var version in cycle.OrderBy(v => v.Number))
            {
                var decisions = await OutcomeOverrideService.InForceAsync(db, cycle.Key, version.PublishedAt, ct);
                var row = rows.GetValueOrDefault(version.Id);
                var outcomes = decisions.TryGetValue(assistantId, out var decision) ? decision.Outcomes
                    : row is null ? [] : OutcomeOverrideService.ParseOutcomes(row.Outcomes);
                var result = ResultStatement.Of(row?.Composite, (AppraisalGrade?)row?.Grade, outcomes);
                if (result != shown)
                {
                    (shown, since[cycle.Key]) = (result, version.PublishedAt);
                }
            }
        }
        return since;
    }

    /// <summary>Files an appeal against the assistant's own published result, within the window, one open at a time.</summary>
    public async Task<int> FileAsync(Caller caller, int cycleId, string? reason, CancellationToken ct = default)
    {
        AppealPolicy.Ensure(caller, AppealOperation.File);
        reason = InputText.Text(reason, multiline: true);
        new Validator()
            .Required(nameof(Appeal.Reason), Messages.LabelAppealReason, reason)
            .Check(reason is null || reason.Length >= Appeal.MinReasonLength, nameof(Appeal.Reason), Messages.AppealReasonTooShort(Appeal.MinReasonLength))
            .MaxLength(nameof(Appeal.Reason), Messages.LabelAppealReason, reason, FieldLimits.Comment)
            .ThrowIfInvalid();
        var window = (await WindowsAsync(caller, ct)).FirstOrDefault(w => w.CycleId == cycleId) ?? throw new RuleViolationException(Messages.AppealNotPublished);
        if (window.HasOpenAppeal)
        {
            throw new RuleViolationException(Messages.AppealAlreadyOpen);
        }
        if (window.HasAppealedThisVersion)
        {
            throw new RuleViolationException(Messages.AppealOncePerVersion(window.VersionNumber));
        }
        if (!window.IsOpen)
        {
            throw new RuleViolationException(Messages.AppealWindowClosed(window.Deadline.ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture)));
        }
        await using var db = await dbFactory.CreateDbContextAsync(caller, ct);
        var appeal = new Appeal
        {
            CycleId = cycleId, AssistantId = caller.AssistantId!.Value, VersionNumber = window.VersionNumber, Reason = reason!,
            FiledAt = clock.GetUtcNow(), FiledBy = caller.UserName,
        };
        db.Appeals.Add(appeal);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // The same version appealed a moment earlier (a double click, a second tab): unique in the database.
            throw new RuleViolationException(Messages.AppealOncePerVersion(window.VersionNumber));
        }
        return appeal.Id;
    }

    /// <summary>Appeals the caller may see: 组织部 all, a township its own assistants', an assistant their own.</summary>
    public async Task<IReadOnlyList<AppealRow>> ListAsync(Caller caller, bool openOnly = false, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var appeals = from a in db.Appeals
                      join c in db.Cycles on a.CycleId equals c.Id
                      join p in db.Assistants on a.AssistantId equals p.Id
                      join v in db.ResultVersions on new { a.CycleId, Number = a.VersionNumber } equals new { v.CycleId, v.Number }
                      join r in db.StoredResults on new { VersionId = v.Id, a.AssistantId } equals new { VersionId = r.ResultVersionId, r.AssistantId }
                      join t in db.Townships on r.TownshipId equals t.Id
                      select new
                      {
                          a, c.Year, p.Code, p.Name, r.TownshipId, Township = t.Name, t.SortOrder,
                          Latest = c.State == CycleState.Published ? db.ResultVersions.Where(w => w.CycleId == a.CycleId && w.PublishedAt != null).Max(w => (int?)w.Number) : null,
                      };
        var (township, assistant) = AppealPolicy.ReadableScope(caller);
        if (township is not null)
        {
            appeals = appeals.Where(x => x.TownshipId == township);
        }
        if (assistant is not null)
        {
            appeals = appeals.Where(x => x.a.AssistantId == assistant);
        }
        if (openOnly)
        {
            appeals = appeals.Where(x => x.a.Status == AppealStatus.Open || x.a.Status == AppealStatus.Reviewing);
        }
        var rows = await appeals.OrderByDescending(x => x.Year).ThenBy(x => x.SortOrder).ThenBy(x => x.a.Id)
            .Select(x => new AppealRow(x.a.Id, x.a.CycleId, x.Year, x.a.AssistantId, x.Code, x.Name, x.TownshipId, x.Township, x.a.VersionNumber, x.a.Reason,
                x.a.FiledAt, x.a.Status, x.a.Answer, x.a.AnsweredAt, x.a.AnsweredBy, x.a.AdjustedVersionNumber, x.Latest))
            .ToListAsync(ct);
        return rows;
    }

    /// <summary>
    /// 组织部 takes the appeal up for correction: the published cycle goes back to review with the
    /// appeal as its reason, in one transaction with the appeal's new status.
    /// </summary>
    public async Task ReviewAsync(Caller caller, int appealId, CancellationToken ct = default)
    {
        AppealPolicy.Ensure(caller, AppealOperation.Answer);
        await using var db = await dbFactory.CreateDbContextAsync(caller, ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var appeal = await db.Appeals.SingleOrDefaultAsync(a => a.Id == appealId, ct) ?? throw new NotFoundException(Messages.AppealNotFound);
        if (!appeal.IsOpen)
        {
            throw new RuleViolationException(Messages.AppealAlreadyAnswered);
        }
        var state = await db.Cycles.Where(c => c.Id == appeal.CycleId).Select(c => c.State).SingleAsync(ct);
        if (state == CycleState.Published)
        {
            var name = await db.Assistants.Where(a => a.Id == appeal.AssistantId).Select(a => a.Name).SingleAsync(ct);
            var reason = $"复核申请 #{appeal.Id}（{name}）：{appeal.Reason}";
            await cycles.TransitionAsync(db, caller, appeal.CycleId, CycleState.Review, reason.Length > FieldLimits.Text ? reason[..FieldLimits.Text] : reason, ct);
        }
        else if (state != CycleState.Review)
        {
            throw new RuleViolationException(Messages.AppealReviewNeedsPublished);
        }
        appeal.Status = AppealStatus.Reviewing;
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
    }

    /// <summary>The result stands (维持原结果), with a written answer.</summary>
    public Task UpholdAsync(Caller caller, int appealId, string? answer, CancellationToken ct = default) =>
        AnswerAsync(caller, appealId, answer, AppealStatus.Upheld, null, ct);

    /// <summary>The result was corrected: allowed once a version newer than the appealed one is published; the answer names it.</summary>
    public async Task AdjustAsync(Caller caller, int appealId, string? answer, CancellationToken ct = default)
    {
        AppealPolicy.Ensure(caller, AppealOperation.Answer);
        var appeal = await OpenAppealAsync(appealId, ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var published = await db.Cycles.Where(c => c.Id == appeal.CycleId).Select(c => c.State).SingleAsync(ct) == CycleState.Published
            ? await db.ResultVersions.Where(v => v.CycleId == appeal.CycleId && v.PublishedAt != null).MaxAsync(v => (int?)v.Number, ct)
            : null;
        if (published is null || published <= appeal.VersionNumber)
        {
            throw new RuleViolationException(Messages.AppealAdjustNeedsNewVersion(appeal.VersionNumber));
        }
        // "Adjusted" must be true: this assistant's score, grade or effective outcome differs in the new version.
        var was = (await results.ReadAsPublishedAsync(caller, appeal.CycleId, appeal.VersionNumber, appeal.AssistantId, ct))!.Rows.SingleOrDefault();
        var now = (await results.ReadAsPublishedAsync(caller, appeal.CycleId, published.Value, appeal.AssistantId, ct))!.Rows.SingleOrDefault();
        if (now is null)
        {
            throw new RuleViolationException(Messages.AppealAssistantNotInVersion(published.Value));
        }
        if (was is not null && was.Statement == now.Statement)
        {
            throw new RuleViolationException(Messages.AppealAdjustUnchanged(published.Value));
        }
        await AnswerAsync(caller, appealId, answer, AppealStatus.Adjusted, published, ct);
    }

    private async Task AnswerAsync(Caller caller, int appealId, string? answer, AppealStatus status, int? adjustedVersion, CancellationToken ct)
    {
        AppealPolicy.Ensure(caller, AppealOperation.Answer);
        answer = InputText.Text(answer, multiline: true);
        new Validator()
            .Required(nameof(Appeal.Answer), Messages.LabelAppealAnswer, answer)
            .MaxLength(nameof(Appeal.Answer), Messages.LabelAppealAnswer, answer, FieldLimits.Comment)
            .ThrowIfInvalid();
        await UpdateAsync(caller, appealId, a =>
        {
            a.Status = status;
            a.Answer = answer;
            a.AnsweredAt = clock.GetUtcNow();
            a.AnsweredBy = caller.UserName;
            a.AdjustedVersionNumber = adjustedVersion;
        }, ct);
    }

    private async Task<Appeal> OpenAppealAsync(int appealId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var appeal = await db.Appeals.AsNoTracking().SingleOrDefaultAsync(a => a.Id == appealId, ct) ?? throw new NotFoundException(Messages.AppealNotFound);
        return appeal.IsOpen ? appeal : throw new RuleViolationException(Messages.AppealAlreadyAnswered);
    }

    /// <summary>Changes an appeal that is still open, in one transaction with the check.</summary>
    private async Task UpdateAsync(Caller caller, int appealId, Action<Appeal> change, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(caller, ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var appeal = await db.Appeals.SingleOrDefaultAsync(a => a.Id == appealId, ct) ?? throw new NotFoundException(Messages.AppealNotFound);
        if (!appeal.IsOpen)
        {
            throw new RuleViolationException(Messages.AppealAlreadyAnswered);
        }
        change(appeal);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
    }
}
