using Longan.Appraisal.Core.Domain.Entries;
using Longan.Appraisal.Core.Features.Common;
using Longan.Appraisal.Core.Features.Entries;
using Longan.Appraisal.Core.Persistence;
using Longan.Appraisal.Core.Resources;
using Longan.Appraisal.Core.Security;
using Microsoft.EntityFrameworkCore;

namespace Longan.Appraisal.Core.Features.Evaluations;

/// <summary>基层党组织评议 ballots (spec §3, P): five duty scores 0–20, one decimal, optional unique 票号.</summary>
public sealed class PartyBallotService(IDbContextFactory<AppraisalDbContext> dbFactory, TimeProvider clock)
    : EntryServiceBase<PartyBallot, PartyBallotInput>(dbFactory, clock)
{
    protected override EntryKind Kind => EntryKind.PartyBallot;

    protected override PartyBallot Create() => new();

    public async Task<IReadOnlyList<PartyBallotRow>> ListAsync(Caller caller, int cycleId, int assistantId, CancellationToken ct = default) =>
        (await ListEntriesAsync(caller, cycleId, assistantId, ct))
            .Select(e => new PartyBallotRow(e.Entry.Id, e.Entry.Version, e.Entry.TicketNo, e.Entry.PolicyAdvocate, e.Entry.PublicOpinion, e.Entry.CivilAgent,
                e.Entry.DisputeMediator, e.Entry.PartyBuildingGuide, e.Entry.Comment, e.Entry.CreatedAt) { Rights = e.Rights })
            .ToList();

    /// <summary>The five duties in ballot order, with their field names and labels.</summary>
    public static IReadOnlyList<(string Field, Func<string> Label)> Duties { get; } =
    [
        (nameof(PartyBallotInput.PolicyAdvocate), () => Messages.LabelPolicyAdvocate),
        (nameof(PartyBallotInput.PublicOpinion), () => Messages.LabelPublicOpinion),
        (nameof(PartyBallotInput.CivilAgent), () => Messages.LabelCivilAgent),
        (nameof(PartyBallotInput.DisputeMediator), () => Messages.LabelDisputeMediator),
        (nameof(PartyBallotInput.PartyBuildingGuide), () => Messages.LabelPartyBuildingGuide),
    ];

    protected override async Task ApplyAsync(AppraisalDbContext db, EntryTarget target, PartyBallot entry, PartyBallotInput input, Caller caller, CancellationToken ct)
    {
        var ticket = InputText.Code(input.TicketNo);
        var comment = InputText.Text(input.Comment, multiline: true);
        var scores = new[] { input.PolicyAdvocate, input.PublicOpinion, input.CivilAgent, input.DisputeMediator, input.PartyBuildingGuide };
        var validator = new Validator();
        for (var i = 0; i < Duties.Count; i++)
        {
            var (field, label) = Duties[i];
            validator.Check(scores[i] is not null, field, Messages.FieldRequired(label()));
            validator.Check(scores[i] is null || IsDutyScore(scores[i]), field, Messages.DutyScoreInvalid(label(), PartyBallot.MaxDutyScore));
        }
        validator
            .MaxLength(nameof(input.TicketNo), Messages.LabelTicketNo, ticket, FieldLimits.Short)
            .MaxLength(nameof(input.Comment), Messages.LabelComment, comment, FieldLimits.Comment);
        if (ticket is not null)
        {
            var taken = await TicketNumbers.IsTakenAsync(
                db.PartyBallots.Where(b => b.CycleId == target.Cycle.Id && b.AssistantId == target.AssistantId && b.Id != entry.Id).Select(b => b.TicketNo), ticket, ct);
            validator.Check(!taken, nameof(input.TicketNo), Messages.TicketTaken(ticket));
        }
        validator.ThrowIfInvalid();
        entry.TicketNo = ticket;
        entry.PolicyAdvocate = input.PolicyAdvocate!.Value;
        entry.PublicOpinion = input.PublicOpinion!.Value;
        entry.CivilAgent = input.CivilAgent!.Value;
        entry.DisputeMediator = input.DisputeMediator!.Value;
        entry.PartyBuildingGuide = input.PartyBuildingGuide!.Value;
        entry.Comment = comment;
    }

    /// <summary>0–20 with at most one decimal (spec §3).</summary>
    public static bool IsDutyScore(decimal? score) =>
        score is { } s && s >= 0 && s <= PartyBallot.MaxDutyScore && decimal.Round(s, 1) == s;

    protected override object Snapshot(PartyBallot b) =>
        new { b.TicketNo, b.PolicyAdvocate, b.PublicOpinion, b.CivilAgent, b.DisputeMediator, b.PartyBuildingGuide, b.Comment };
}
