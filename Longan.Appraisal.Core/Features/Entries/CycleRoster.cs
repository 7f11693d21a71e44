using Longan.Appraisal.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Longan.Appraisal.Core.Features.Entries;

/// <summary>An assistant in a cycle, placed where they served last in its year.</summary>
/// <param name="ServedFrom">The first day in the year the assistant served (1 January when they served all year).</param>
public sealed record RosterEntry(int AssistantId, string Code, string Name, int VillageId, string VillageName, int TownshipId, string TownshipName, DateOnly ServedFrom);

/// <summary>Who is appraised in a cycle: every assistant with a posting overlapping its year, at their latest village.</summary>
public static class CycleRoster
{
    public static async Task<IReadOnlyList<RosterEntry>> ForYearAsync(AppraisalDbContext db, int year, CancellationToken ct)
    {
        var first = new DateOnly(year, 1, 1);
        var last = new DateOnly(year, 12, 31);
        var postings = await db.Postings.AsNoTracking()
            .Where(p => p.StartDate <= last && (p.EndedOn == null || p.EndedOn >= first))
            .Select(p => new
            {
                p.AssistantId, p.Assistant!.Code, p.Assistant.Name, p.StartDate, p.VillageId, Village = p.Village!.Name,
                p.Village.TownshipId, Township = p.Village.Township!.Name, p.Village.Township.SortOrder,
            })
            .ToListAsync(ct);
        return postings
            .GroupBy(p => p.AssistantId)
            .Select(g => (Latest: g.OrderByDescending(p => p.StartDate).First(), From: g.Min(p => p.StartDate)))
            .OrderBy(x => x.Latest.SortOrder).ThenBy(x => x.Latest.Village, StringComparer.Ordinal).ThenBy(x => x.Latest.Code, StringComparer.Ordinal)
            .Select(x => new RosterEntry(x.Latest.AssistantId, x.Latest.Code, x.Latest.Name, x.Latest.VillageId, x.Latest.Village,
                x.Latest.TownshipId, x.Latest.Township, x.From < first ? first : x.From))
            .ToList();
    }

    public static async Task<IReadOnlyList<RosterEntry>> ForTownshipAsync(AppraisalDbContext db, int year, int townshipId, CancellationToken ct) =>
        (await ForYearAsync(db, year, ct)).Where(r => r.TownshipId == townshipId).ToList();
}
