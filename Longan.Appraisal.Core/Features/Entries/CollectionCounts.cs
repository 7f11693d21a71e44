using Longan.Appraisal.Core.Domain;
using Longan.Appraisal.Core.Domain.Entries;
using Longan.Appraisal.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Longan.Appraisal.Core.Features.Entries;

/// <summary>What has been collected per assistant in a cycle, counted in the database.</summary>
public sealed class CollectionCounts
{
    private CollectionCounts()
    {
    }

    public Dictionary<int, int> VillagerVotes { get; private init; } = [];
    public Dictionary<int, int> PartyBallots { get; private init; } = [];
    public Dictionary<int, int> CadreBallots { get; private init; } = [];
    /// <summary>Of <see cref="VillagerVotes"/> and <see cref="CadreBallots"/>, those cast on phones (spec §11).</summary>
    public Dictionary<int, int> PhoneVillagerVotes { get; private init; } = [];
    public Dictionary<int, int> PhoneCadreBallots { get; private init; } = [];
    public Dictionary<int, int> PendingRecords { get; private init; } = [];
    public Dictionary<int, int> AttendanceMonths { get; private init; } = [];

    public static async Task<CollectionCounts> LoadAsync(AppraisalDbContext db, int cycleId, CancellationToken ct) => new()
    {
        VillagerVotes = await db.VillagerTallies.Where(t => t.CycleId == cycleId).GroupBy(t => t.AssistantId)
            .Select(g => new { g.Key, N = g.Sum(t => t.Satisfied + t.BasicallySatisfied + t.Dissatisfied) }).ToDictionaryAsync(x => x.Key, x => x.N, ct),
        PhoneVillagerVotes = await db.VillagerTallies.Where(t => t.CycleId == cycleId && t.BallotSessionId != null).GroupBy(t => t.AssistantId)
            .Select(g => new { g.Key, N = g.Sum(t => t.Satisfied + t.BasicallySatisfied + t.Dissatisfied) }).ToDictionaryAsync(x => x.Key, x => x.N, ct),
        PhoneCadreBallots = await CountAsync(db.CadreBallots.Where(b => b.BallotSessionId != null), cycleId, ct),
        PartyBallots = await CountAsync(db.PartyBallots, cycleId, ct),
        CadreBallots = await CountAsync(db.CadreBallots, cycleId, ct),
        PendingRecords = await db.SupervisionRecords.Where(r => r.CycleId == cycleId && r.Verification == Verification.Pending).GroupBy(r => r.AssistantId)
            .Select(g => new { g.Key, N = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.N, ct),
        AttendanceMonths = await CountAsync(db.AttendanceMonths, cycleId, ct),
    };

    /// <summary>
    /// Incomplete (数据不足, spec §5): a group below its minimum, unless the cycle renormalises
    /// missing groups and at least one group is sufficient.
    /// </summary>
    public bool IsIncomplete(int assistantId, CycleRules rules)
    {
        var sufficient = new[]
        {
            VillagerVotes.GetValueOrDefault(assistantId) >= rules.MinVillagerVotes,
            PartyBallots.GetValueOrDefault(assistantId) >= rules.MinPartyBallots,
            CadreBallots.GetValueOrDefault(assistantId) >= rules.MinCadreBallots,
        };
        return rules.RenormaliseMissingGroups ? !sufficient.Any(s => s) : !sufficient.All(s => s);
    }

    private static Task<Dictionary<int, int>> CountAsync<T>(IQueryable<T> entries, int cycleId, CancellationToken ct) where T : Entry =>
        entries.Where(e => e.CycleId == cycleId).GroupBy(e => e.AssistantId).Select(g => new { g.Key, N = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.N, ct);
}
