using Longan.Appraisal.Core.Domain;
using Persistence = Longan.Appraisal.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Longan.Appraisal.Core.Features.Results;

/// <summary>A cycle's grade lines (spec §6): where 优秀, 称职 and 基本称职 start, before caps and the 优秀 quota.</summary>
public sealed record GradeLines(decimal Excellent, decimal Competent, decimal Basic)
{
    public static GradeLines Of(CycleRules rules) => new(rules.ExcellentFrom, rules.CompetentFrom, rules.BasicFrom);
}

/// <summary>
/// What one result is read against, the same on every page and on the report card: the cycle's
/// grade lines, how many complete results a rank runs over ("全县排名 3 / 120"), and the county's
/// average score of each evaluation group among complete results.
/// </summary>
public sealed record ResultContext(
    GradeLines Lines, int CountyComplete, IReadOnlyDictionary<int, int> TownshipComplete, decimal? VillagersAverage, decimal? PartyAverage, decimal? CadresAverage)
{
    /// <summary>Complete results in a township: what its township ranks run over.</summary>
    public int TownshipCompleteOf(int townshipId) => TownshipComplete.GetValueOrDefault(townshipId);

    /// <summary>One stored result's figures the context is built from.</summary>
    public sealed record Figures(int TownshipId, decimal? Composite, decimal? Villagers, decimal? Party, decimal? Cadres);

    public static ResultContext Of(CycleRules rules, IReadOnlyCollection<Figures> results)
    {
        var complete = results.Where(r => r.Composite is not null).ToList();
        static decimal? Average(IEnumerable<decimal?> values) => values.Where(v => v is not null).DefaultIfEmpty().Average();
        return new ResultContext(GradeLines.Of(rules), complete.Count,
            complete.GroupBy(r => r.TownshipId).ToDictionary(g => g.Key, g => g.Count()),
            Average(complete.Select(r => r.Villagers)), Average(complete.Select(r => r.Party)), Average(complete.Select(r => r.Cadres)));
    }

    /// <summary>The context of a stored result version (every assistant of the county, whoever asks).</summary>
    internal static async Task<ResultContext> LoadAsync(Persistence.AppraisalDbContext db, CycleRules rules, int versionId, CancellationToken ct) =>
        Of(rules, await db.StoredResults.AsNoTracking().Where(r => r.ResultVersionId == versionId)
            .Select(r => new Figures(r.TownshipId, r.Composite, r.VillagerScore, r.PartyScore, r.CadreScore)).ToListAsync(ct));
}
