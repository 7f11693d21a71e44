using Longan.Appraisal.Core;
using Longan.Appraisal.Core.Domain;
using Longan.Appraisal.Core.Domain.Ballots;
using Longan.Appraisal.Core.Features.Ballots;
using Longan.Appraisal.Core.Features.Cycles;
using Longan.Appraisal.Core.Persistence;
using Longan.Appraisal.Core.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Longan.Appraisal.Benchmarks.Votes;

/// <summary>
/// A township's voting day on the portal's own database, through Core as the county would do it: a
/// collecting cycle, one villagers' session per village, and afterwards the check that exactly the
/// votes the phones were thanked for were counted.
/// </summary>
internal sealed class VotingDay(DatabaseSettings database) : IAsyncDisposable
{
    /// <summary>The county acting for the benchmark, so its sessions are told apart in the audit trail.</summary>
    private static readonly Caller s_county = new("benchmark", "benchmark", AppRole.County);

    private readonly ServiceProvider _services = new ServiceCollection().AddLogging().AddAppraisalCore(database).BuildServiceProvider();
    private List<(int Id, string Village)> _assistants = [];

    public int CycleId { get; private set; }
    public int Year { get; private set; }
    public string Township { get; private set; } = "";

    private IDbContextFactory<AppraisalDbContext> Db => _services.GetRequiredService<IDbContextFactory<AppraisalDbContext>>();

    /// <summary>The cycle to vote in (the collecting one, else a new one for <paramref name="year"/> or the year after the latest, opened for collection) and the township's assistants.</summary>
    public async Task PrepareAsync(int? year, string? township, CancellationToken ct)
    {
        var cycles = _services.GetRequiredService<CycleService>();
        var all = await cycles.ListAsync(s_county, ct);
        var cycle = all.FirstOrDefault(c => c.State == CycleState.Collecting && (year is null || c.Year == year));
        if (cycle is null)
        {
            Year = year ?? (all.Count == 0 ? DateTime.UtcNow.Year : all.Max(c => c.Year) + 1);
            CycleId = all.FirstOrDefault(c => c.Year == Year)?.Id ?? await cycles.CreateAsync(s_county, Year, ct);
            await cycles.TransitionAsync(s_county, CycleId, CycleState.Collecting, null, ct);
        }
        else
        {
            (CycleId, Year) = (cycle.Id, cycle.Year);
        }
        var roster = await _services.GetRequiredService<BallotSessionService>().AssistantsAsync(s_county, CycleId, ct);
        var chosen = township is null
            ? roster.GroupBy(r => r.TownshipName).OrderByDescending(g => g.Count()).First()
            : roster.GroupBy(r => r.TownshipName).FirstOrDefault(g => g.Key == township) ?? throw new InvalidOperationException($"No assistant of {township} is appraised in {Year}.");
        Township = chosen.Key;
        _assistants = chosen.Select(r => (r.AssistantId, r.VillageName)).ToList();
    }

    /// <summary>Opens villagers' sessions for the township's villages in turn, <paramref name="votes"/> codes in all (at most the maximum a session); the codes, shuffled.</summary>
    public async Task<(IReadOnlyList<int> Sessions, IReadOnlyList<string> Codes)> OpenAsync(int votes, string label, CancellationToken ct)
    {
        var service = _services.GetRequiredService<BallotSessionService>();
        var count = Math.Max(_assistants.Count, (votes + BallotSessionInput.MaxCodes - 1) / BallotSessionInput.MaxCodes);
        count = Math.Min(count, votes);
        var sessions = new List<int>();
        var codes = new List<string>();
        for (var i = 0; i < count; i++)
        {
            var (assistant, village) = _assistants[i % _assistants.Count];
            var opened = await service.OpenAsync(s_county, new BallotSessionInput
            {
                CycleId = CycleId, Group = BallotGroup.Villagers, AssistantIds = [assistant], Place = $"{village}村民会议（{label}）",
                CodeCount = votes / count + (i < votes % count ? 1 : 0), ClosesAt = DateTimeOffset.UtcNow.AddHours(3),
            }, ct);
            sessions.Add(opened.Id);
            codes.AddRange(opened.Codes);
        }
        Random.Shared.Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(codes));
        return (sessions, codes);
    }

    /// <summary>Spent codes and cast places of the sessions while they are open.</summary>
    public async Task<(int Spent, int Cast)> CountAsync(IReadOnlyList<int> sessions, CancellationToken ct)
    {
        await using var db = await Db.CreateDbContextAsync(ct);
        return (await db.BallotCodes.CountAsync(c => sessions.Contains(c.SessionId) && c.Spent, ct),
            await db.PhoneBallots.CountAsync(b => sessions.Contains(b.SessionId) && b.Cast, ct));
    }

    /// <summary>Closes the sessions as the township would; the 满意 / 基本满意 / 不满意 their tallies counted.</summary>
    public async Task<(int Satisfied, int BasicallySatisfied, int Dissatisfied)> CloseAsync(IReadOnlyList<int> sessions, CancellationToken ct)
    {
        var service = _services.GetRequiredService<BallotSessionService>();
        foreach (var id in sessions)
        {
            await service.CloseAsync(s_county, id, ct);
        }
        await using var db = await Db.CreateDbContextAsync(ct);
        var tallies = await db.VillagerTallies.Where(t => t.BallotSessionId != null && sessions.Contains(t.BallotSessionId.Value)).ToListAsync(ct);
        return (tallies.Sum(t => t.Satisfied), tallies.Sum(t => t.BasicallySatisfied), tallies.Sum(t => t.Dissatisfied));
    }

    public ValueTask DisposeAsync() => _services.DisposeAsync();
}
