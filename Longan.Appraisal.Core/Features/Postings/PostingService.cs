using Longan.Appraisal.Core.Domain;
using Longan.Appraisal.Core.Features.Common;
using Longan.Appraisal.Core.Persistence;
using Longan.Appraisal.Core.Resources;
using Longan.Appraisal.Core.Security;
using Longan.Appraisal.Core.Security.Policies;
using Microsoft.EntityFrameworkCore;

namespace Longan.Appraisal.Core.Features.Postings;

/// <summary>
/// Postings of assistants to villages (spec §1): assign, end a term, replace. A village has at
/// most one serving assistant and an assistant serves at most one village; history is kept.
/// </summary>
public sealed class PostingService(IDbContextFactory<AppraisalDbContext> dbFactory)
{
    public async Task<int> AssignAsync(Caller caller, AssignInput input, CancellationToken ct = default)
    {
        MasterDataPolicy.Ensure(caller, MasterDataOperation.Manage);
        await using var db = await dbFactory.CreateDbContextAsync(caller, ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var validator = new Validator()
            .Check(input.AssistantId is not null, nameof(input.AssistantId), Messages.FieldRequired(Messages.LabelAssistant))
            .Check(input.VillageId is not null, nameof(input.VillageId), Messages.FieldRequired(Messages.LabelVillage))
            .Check(input.StartDate is not null, nameof(input.StartDate), Messages.FieldRequired(Messages.LabelTermStart));
        validator.ThrowIfInvalid();
        var assistant = await db.Assistants.FindAsync([input.AssistantId!.Value], ct) ?? throw new NotFoundException(Messages.AssistantNotFound);
        var village = await db.Villages.FindAsync([input.VillageId!.Value], ct) ?? throw new NotFoundException(Messages.VillageNotFound);
        var posting = await NewPostingAsync(db, validator, assistant, village, input.StartDate!.Value, input.PlannedEndDate, ct);
        validator.ThrowIfInvalid();
        db.Postings.Add(posting);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return posting.Id;
    }

    public async Task EndTermAsync(Caller caller, int postingId, EndTermInput input, CancellationToken ct = default)
    {
        MasterDataPolicy.Ensure(caller, MasterDataOperation.Manage);
        await using var db = await dbFactory.CreateDbContextAsync(caller, ct);
        var posting = await db.Postings.FindAsync([postingId], ct) ?? throw new NotFoundException(Messages.PostingNotFound);
        if (!posting.IsCurrent)
        {
            throw new RuleViolationException(Messages.PostingAlreadyEnded);
        }
        var reason = InputText.Text(input.Reason, multiline: true);
        new Validator()
            .Check(input.EndDate is not null, nameof(input.EndDate), Messages.FieldRequired(Messages.LabelEndDate))
            .Check(input.EndDate is null || input.EndDate >= posting.StartDate, nameof(input.EndDate), Messages.EndBeforeStart(posting.StartDate))
            .Required(nameof(input.Reason), Messages.LabelEndReason, reason)
            .MaxLength(nameof(input.Reason), Messages.LabelEndReason, reason, FieldLimits.Text)
            .ThrowIfInvalid();
        posting.EndedOn = input.EndDate;
        posting.EndReason = reason;
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Ends the village's current term and posts the successor, in one transaction.</summary>
    public async Task<int> ReplaceAsync(Caller caller, int villageId, ReplaceInput input, CancellationToken ct = default)
    {
        MasterDataPolicy.Ensure(caller, MasterDataOperation.Manage);
        await using var db = await dbFactory.CreateDbContextAsync(caller, ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var posting = await ReplaceAsync(db, caller, villageId, input, expectedPostingId: null, ct);
        await tx.CommitAsync(ct);
        return posting;
    }

    /// <summary>
    /// The same replacement inside the caller's context and transaction; with
    /// <paramref name="expectedPostingId"/> it is refused when somebody else changed the village's
    /// current term in the meantime.
    /// </summary>
    internal async Task<int> ReplaceAsync(AppraisalDbContext db, Caller caller, int villageId, ReplaceInput input, int? expectedPostingId, CancellationToken ct)
    {
        MasterDataPolicy.Ensure(caller, MasterDataOperation.Manage);
        var village = await db.Villages.FindAsync([villageId], ct) ?? throw new NotFoundException(Messages.VillageNotFound);
        var current = await db.Postings.FirstOrDefaultAsync(p => p.VillageId == villageId && p.EndedOn == null, ct)
            ?? throw new RuleViolationException(Messages.VillageHasNoCurrentAssistant(village.Name));
        if (expectedPostingId is { } expected && current.Id != expected)
        {
            throw new ConflictException(Messages.PostingChangedMeanwhile(village.Name));
        }
        var reason = InputText.Text(input.Reason, multiline: true);
        var validator = new Validator()
            .Check(input.SuccessorId is not null, nameof(input.SuccessorId), Messages.FieldRequired(Messages.LabelSuccessor))
            .Check(input.StartDate is not null, nameof(input.StartDate), Messages.FieldRequired(Messages.LabelTermStart))
            .Check(input.StartDate is null || input.StartDate > current.StartDate, nameof(input.StartDate), Messages.ReplacementBeforeStart(current.StartDate))
            .Required(nameof(input.Reason), Messages.LabelEndReason, reason)
            .MaxLength(nameof(input.Reason), Messages.LabelEndReason, reason, FieldLimits.Text);
        validator.ThrowIfInvalid();
        var successor = await db.Assistants.FindAsync([input.SuccessorId!.Value], ct) ?? throw new NotFoundException(Messages.AssistantNotFound);
        validator.Check(successor.Id != current.AssistantId, nameof(input.SuccessorId), Messages.SuccessorIsCurrent);
        validator.ThrowIfInvalid();

        current.EndedOn = input.StartDate!.Value.AddDays(-1);
        current.EndReason = reason;
        await db.SaveChangesAsync(ct);

        var posting = await NewPostingAsync(db, validator, successor, village, input.StartDate.Value, input.PlannedEndDate, ct);
        validator.ThrowIfInvalid();
        db.Postings.Add(posting);
        await db.SaveChangesAsync(ct);
        return posting.Id;
    }

    /// <summary>A new term, judged by <see cref="PostingRules.NewTerm"/> on the facts as stored now.</summary>
    private static async Task<Posting> NewPostingAsync(
        AppraisalDbContext db, Validator validator, Assistant assistant, Village village,
        DateOnly start, DateOnly? plannedEnd, CancellationToken ct)
    {
        var end = plannedEnd ?? Posting.DefaultPlannedEnd(start);
        var lastDay = await db.Postings.AsNoTracking()
            .Where(p => (p.VillageId == village.Id || p.AssistantId == assistant.Id) && p.EndedOn != null)
            .MaxAsync(p => p.EndedOn, ct);
        var occupant = await db.Postings.AsNoTracking()
            .Where(p => p.VillageId == village.Id && p.EndedOn == null)
            .Select(p => p.Assistant!.Name).FirstOrDefaultAsync(ct);
        var elsewhere = await db.Postings.AsNoTracking()
            .Where(p => p.AssistantId == assistant.Id && p.EndedOn == null)
            .Select(p => p.Village!.Name).FirstOrDefaultAsync(ct);
        validator.Add(PostingRules.NewTerm(new PostingFacts
        {
            AssistantName = assistant.Name, AssistantActive = assistant.IsActive, VillageName = village.Name, VillageActive = village.IsActive,
            Start = start, PlannedEnd = end, PreviousTermsEnded = lastDay, Occupant = occupant, PostedElsewhere = elsewhere,
        }));
        return new Posting { AssistantId = assistant.Id, VillageId = village.Id, StartDate = start, PlannedEndDate = end };
    }
}
