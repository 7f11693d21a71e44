using Longan.Appraisal.Core.Domain.Entries;
using Longan.Appraisal.Core.Features.Common;
using Longan.Appraisal.Core.Features.Entries;
using Longan.Appraisal.Core.Persistence;
using Longan.Appraisal.Core.Security;
using Microsoft.EntityFrameworkCore;

namespace Longan.Appraisal.Core.Features.Evaluations;

/// <summary>党员干部评议 ballots (spec §3, C): a grade each, anonymous, optional unique 票号.</summary>
public sealed class CadreBallotService(IDbContextFactory<AppraisalDbContext> dbFactory, TimeProvider clock)
    : EntryServiceBase<CadreBallot, CadreBallotInput>(dbFactory, clock)
{
    protected override EntryKind Kind => EntryKind.CadreBallot;

    protected override CadreBallot Create() => new();

    /// <summary>One page of the assistant's ballots the caller may see, newest first (the pile being typed), and how many there are.</summary>
    public async Task<PagedResult<CadreBallotRow>> ListAsync(Caller caller, int cycleId, int assistantId, PageRequest page, CancellationToken ct = default)
    {
        var entries = await PageEntriesAsync(caller, cycleId, assistantId, page, q => q.OrderByDescending(e => e.Id), ct);
        var rows = entries.Items
            .Select(e => new CadreBallotRow(e.Entry.Id, e.Entry.Version, e.Entry.TicketNo, e.Entry.Grade, e.Entry.Comment, e.Entry.CreatedAt) { Rights = e.Rights, BallotSessionId = e.Entry.BallotSessionId })
            .ToList();
        return new PagedResult<CadreBallotRow>(rows, entries.TotalCount);
    }

    /// <summary>How many of the assistant's ballots the caller may see carry each grade, counted in the database (every grade present, 0 when none).</summary>
    public Task<IReadOnlyDictionary<CadreGrade, int>> GradeCountsAsync(Caller caller, int cycleId, int assistantId, CancellationToken ct = default) =>
        AggregateAsync<IReadOnlyDictionary<CadreGrade, int>>(caller, cycleId, assistantId, async (entries, token) =>
        {
            var counted = await entries.GroupBy(e => e.Grade).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, token);
            return Enum.GetValues<CadreGrade>().ToDictionary(g => g, g => counted.GetValueOrDefault(g));
        }, ct);

    protected override async Task ApplyAsync(AppraisalDbContext db, EntryTarget target, CadreBallot entry, CadreBallotInput input, Caller caller, CancellationToken ct)
    {
        var ticket = InputText.Code(input.TicketNo);
        var comment = InputText.Text(input.Comment, multiline: true);
        new Validator(input.Check())
            .Check(nameof(input.TicketNo), await TicketBook.ProblemAsync(db, Kind, target, entry.Id, ticket, ct))
            .ThrowIfInvalid();
        entry.TicketNo = ticket;
        entry.Grade = input.Grade!.Value;
        entry.Comment = comment;
    }

    protected override object Snapshot(CadreBallot b) => new { b.TicketNo, b.Grade, b.Comment };
}
