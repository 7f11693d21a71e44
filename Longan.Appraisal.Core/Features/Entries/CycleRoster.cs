using Longan.Appraisal.Core.Domain.Ballots;
using Longan.Appraisal.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Longan.Appraisal.Core.Features.Entries;

/// <summary>An assistant in a cycle, placed where they served last in its year.</summary>
/// <param name="ServedFrom">The first day in the year the assistant served (1 January when they served all year).</param>
public sealed record RosterEntry(int AssistantId, string Code, string Name, int VillageId, string VillageName, int TownshipId, string TownshipName, DateOnly ServedFrom);

/// <summary>Who is appraised in a cycle: every assistant with a posting overlapping its year, at their latest village.</summary>
public static class CycleRoster
{
    /// <summary>
    /// The postings overlapping a year — of one phone-ballot session's assistants when it is given.
    /// Compiled once: a session's ballot page asks for its few assistants hundreds of times a second
    /// on a voting day, and must not read the county's whole roster to show them.
    /// </summary>
    private static readonly CompiledQuery<Func<AppraisalDbContext, DateOnly, DateOnly, int?, IAsyncEnumerable<PostingRow>>> s_postings = new(() => EF.CompileAsyncQuery(
        (AppraisalDbContext db, DateOnly first, DateOnly last, int? sessionId) => db.Postings.AsNoTracking()
            .Where(p => p.StartDate <= last && (p.EndedOn == null || p.EndedOn >= first))
            .Where(p => sessionId == null || db.Set<BallotSessionAssistant>().Any(a => a.SessionId == sessionId && a.AssistantId == p.AssistantId))
            .Select(p => new PostingRow(
                p.AssistantId, p.Assistant!.Code, p.Assistant.Name, p.StartDate, p.VillageId, p.Village!.Name,
                p.Village.TownshipId, p.Village.Township!.Name, p.Village.Township.SortOrder))));

    public static Task<IReadOnlyList<RosterEntry>> ForYearAsync(AppraisalDbContext db, int year, CancellationToken ct) => LoadAsync(db, year, null, ct);

    /// <summary>The entries of a phone-ballot session's assistants (spec §11), as on the roster of the year.</summary>
    public static Task<IReadOnlyList<RosterEntry>> ForBallotSessionAsync(AppraisalDbContext db, int year, int sessionId, CancellationToken ct) =>
        LoadAsync(db, year, sessionId, ct);

    public static async Task<IReadOnlyList<RosterEntry>> ForTownshipAsync(AppraisalDbContext db, int year, int townshipId, CancellationToken ct) =>
        (await ForYearAsync(db, year, ct)).Where(r => r.TownshipId == townshipId).ToList();

    private static async Task<IReadOnlyList<RosterEntry>> LoadAsync(AppraisalDbContext db, int year, int? sessionId, CancellationToken ct)
    {
        var first = new DateOnly(year, 1, 1);
        var last = new DateOnly(year, 12, 31);
        var postings = new List<PostingRow>();
        await foreach (var posting in s_postings.For(db)(db, first, last, sessionId).WithCancellation(ct))
        {
            postings.Add(posting);
        }
        return postings
            .GroupBy(p => p.AssistantId)
            .Select(g => (Latest: g.OrderByDescending(p => p.StartDate).First(), From: g.Min(p => p.StartDate)))
            .OrderBy(x => x.Latest.SortOrder).ThenBy(x => x.Latest.Village, StringComparer.Ordinal).ThenBy(x => x.Latest.Code, StringComparer.Ordinal)
            .Select(x => new RosterEntry(x.Latest.AssistantId, x.Latest.Code, x.Latest.Name, x.Latest.VillageId, x.Latest.Village,
                x.Latest.TownshipId, x.Latest.Township, x.From < first ? first : x.From))
            .ToList();
    }

    private sealed record PostingRow(
        int AssistantId, string Code, string Name, DateOnly StartDate, int VillageId, string Village, int TownshipId, string Township, int SortOrder);
}
