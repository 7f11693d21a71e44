using Longan.Appraisal.Core.Domain.Entries;
using Longan.Appraisal.Core.Features.Common;
using Longan.Appraisal.Core.Features.Entries;
using Longan.Appraisal.Core.Persistence;
using Longan.Appraisal.Core.Resources;
using Longan.Appraisal.Core.Security;
using Microsoft.EntityFrameworkCore;

namespace Longan.Appraisal.Core.Features.Evaluations;

/// <summary>群众评议 tallies (spec §3, V): several per assistant, added up; no voter is ever recorded.</summary>
public sealed class VillagerTallyService(IDbContextFactory<AppraisalDbContext> dbFactory, TimeProvider clock)
    : EntryServiceBase<VillagerTally, TallyInput>(dbFactory, clock)
{
    protected override EntryKind Kind => EntryKind.VillagerTally;

    protected override VillagerTally Create() => new();

    /// <summary>One page of the assistant's tallies the caller may see, oldest first, and how many there are.</summary>
    public async Task<PagedResult<TallyRow>> ListAsync(Caller caller, int cycleId, int assistantId, PageRequest page, CancellationToken ct = default)
    {
        var entries = await PageEntriesAsync(caller, cycleId, assistantId, page, q => q.OrderBy(e => e.Id), ct);
        var phone = entries.Items.Where(e => e.Entry.BallotSessionId is not null).Select(e => e.Entry.Id).ToList();
        var comments = new Dictionary<int, int>();
        if (phone.Count > 0)
        {
            await using var db = await DbFactory.CreateDbContextAsync(ct);
            comments = await db.Set<TallyComment>().Where(c => phone.Contains(c.TallyId)).GroupBy(c => c.TallyId)
                .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        }
        var rows = entries.Items
            .Select(e => new TallyRow(e.Entry.Id, e.Entry.Version, e.Entry.Satisfied, e.Entry.BasicallySatisfied, e.Entry.Dissatisfied, e.Entry.Invalid,
                e.Entry.Round, e.Entry.Comment, e.Entry.CreatedAt) { Rights = e.Rights, BallotSessionId = e.Entry.BallotSessionId, PhoneComments = comments.GetValueOrDefault(e.Entry.Id) })
            .ToList();
        return new PagedResult<TallyRow>(rows, entries.TotalCount);
    }

    /// <summary>The votes of all the assistant's tallies the caller may see, added up in the database (the panel's 合计 and rates).</summary>
    public Task<VillagerCounts> SumAsync(Caller caller, int cycleId, int assistantId, CancellationToken ct = default) =>
        AggregateAsync(caller, cycleId, assistantId, async (entries, token) =>
            await entries.GroupBy(e => 1)
                .Select(g => new VillagerCounts(g.Sum(e => e.Satisfied), g.Sum(e => e.BasicallySatisfied), g.Sum(e => e.Dissatisfied), g.Sum(e => e.Invalid)))
                .FirstOrDefaultAsync(token) ?? VillagerCounts.Zero, ct);

    protected override Task ApplyAsync(AppraisalDbContext db, EntryTarget target, VillagerTally entry, TallyInput input, Caller caller, CancellationToken ct)
    {
        var round = InputText.Text(input.Round);
        var comment = InputText.Text(input.Comment, multiline: true);
        new Validator(input.Check()).ThrowIfInvalid();
        entry.Satisfied = input.Satisfied;
        entry.BasicallySatisfied = input.BasicallySatisfied;
        entry.Dissatisfied = input.Dissatisfied;
        entry.Invalid = input.Invalid;
        entry.Round = round;
        entry.Comment = comment;
        return Task.CompletedTask;
    }

    protected override object Snapshot(VillagerTally t) => new { t.Satisfied, t.BasicallySatisfied, t.Dissatisfied, t.Invalid, t.Round, t.Comment };
}
