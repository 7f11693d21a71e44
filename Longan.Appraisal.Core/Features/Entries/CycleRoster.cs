using Longan.Appraisal.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Longan.Appraisal.Core.Features.Entries;

/// <summary>An assistant in a cycle, placed where they served last in its year.</summary>
public sealed record RosterEntry(int AssistantId, string Code, string Name, int VillageId, string VillageName, int TownshipId, string TownshipName);

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
            .Select(g => g.OrderByDescending(p => p.StartDate).First())
            .OrderBy(p => p.SortOrder).ThenBy(p => p.Village, StringComparer.Ordinal).ThenBy(p => p.Code, StringComparer.Ordinal)
            .Select(p => new RosterEntry(p.AssistantId, p.Code, p.Name, p.VillageId, p.Village, p.TownshipId, p.Township))
            .ToList();
    }

    public static async Task<IReadOnlyList<RosterEntry>> ForTownshipAsync(AppraisalDbContext db, int year, int townshipId, CancellationToken ct) =>
        (await ForYearAsync(db, year, ct)).Where(r => r.TownshipId == townshipId).ToList();
}
