using Longan.Appraisal.Core.Domain.Entries;
using Longan.Appraisal.Core.Features.Common;
using Longan.Appraisal.Core.Features.Entries;
using Longan.Appraisal.Core.Persistence;
using Longan.Appraisal.Core.Security;
using Microsoft.EntityFrameworkCore;

namespace Longan.Appraisal.Core.Features.Evaluations;

/// <summary>基层党组织评议 ballots (spec §3, P): five duty scores 0–20, one decimal, optional unique 票号.</summary>
public sealed class PartyBallotService(IDbContextFactory<AppraisalDbContext> dbFactory, TimeProvider clock)
    : EntryServiceBase<PartyBallot, PartyBallotInput>(dbFactory, clock)
{
    protected override EntryKind Kind => EntryKind.PartyBallot;

    protected override PartyBallot Create() => new();

    /// <summary>One page of the assistant's ballots the caller may see, oldest first, and how many there are.</summary>
    public async Task<PagedResult<PartyBallotRow>> ListAsync(Caller caller, int cycleId, int assistantId, PageRequest page, CancellationToken ct = default)
    {
        var entries = await PageEntriesAsync(caller, cycleId, assistantId, page, q => q.OrderBy(e => e.Id), ct);
        var rows = entries.Items
            .Select(e => new PartyBallotRow(e.Entry.Id, e.Entry.Version, e.Entry.TicketNo, e.Entry.PolicyAdvocate, e.Entry.PublicOpinion, e.Entry.CivilAgent,
                e.Entry.DisputeMediator, e.Entry.PartyBuildingGuide, e.Entry.Comment, e.Entry.CreatedAt) { Rights = e.Rights })
            .ToList();
        return new PagedResult<PartyBallotRow>(rows, entries.TotalCount);
    }

    protected override async Task ApplyAsync(AppraisalDbContext db, EntryTarget target, PartyBallot entry, PartyBallotInput input, Caller caller, CancellationToken ct)
    {
        var ticket = InputText.Code(input.TicketNo);
        var comment = InputText.Text(input.Comment, multiline: true);
        new Validator(input.Check())
            .Check(nameof(input.TicketNo), await TicketBook.ProblemAsync(db, Kind, target, entry.Id, ticket, ct))
            .ThrowIfInvalid();
        entry.TicketNo = ticket;
        entry.PolicyAdvocate = input.PolicyAdvocate!.Value;
        entry.PublicOpinion = input.PublicOpinion!.Value;
        entry.CivilAgent = input.CivilAgent!.Value;
        entry.DisputeMediator = input.DisputeMediator!.Value;
        entry.PartyBuildingGuide = input.PartyBuildingGuide!.Value;
        entry.Comment = comment;
    }

    protected override object Snapshot(PartyBallot b) =>
        new { b.TicketNo, b.PolicyAdvocate, b.PublicOpinion, b.CivilAgent, b.DisputeMediator, b.PartyBuildingGuide, b.Comment };
}
