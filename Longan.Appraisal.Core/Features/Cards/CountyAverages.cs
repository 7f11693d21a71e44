using System.Text.Json;
using Longan.Appraisal.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Longan.Appraisal.Core.Features.Cards;

/// <summary>
/// The county's average of each duty over every party ballot of a cycle (report-card.md, the duties
/// chart): what every card of a version draws its assistant against. Computed once when a version is
/// made and kept on it (<see cref="Domain.Results.ResultVersion.CountyAverages"/>), as exact decimals
/// in JSON, so reading them back gives the very values a fresh computation would.
/// </summary>
public static class CountyAverages
{
    /// <summary>The five averages in <see cref="CardSource.DutyNames"/> order, read from every party ballot of the cycle; nulls when it has none.</summary>
    public static async Task<decimal?[]> ComputeAsync(AppraisalDbContext db, int cycleId, CancellationToken ct)
    {
        var gatherer = new Gatherer();
        await foreach (var b in db.PartyBallots.AsNoTracking().Where(b => b.CycleId == cycleId)
            .Select(b => new { b.PolicyAdvocate, b.PublicOpinion, b.CivilAgent, b.DisputeMediator, b.PartyBuildingGuide }).AsAsyncEnumerable().WithCancellation(ct))
        {
            gatherer.Add(b.PolicyAdvocate, b.PublicOpinion, b.CivilAgent, b.DisputeMediator, b.PartyBuildingGuide);
        }
        return gatherer.Averages();
    }

    /// <summary>
    /// The averages gathered while the ballots are read for something else (compute reads every party
    /// ballot's duties anyway): the same sums and count <see cref="Enumerable.Average(IEnumerable{decimal})"/>
    /// divides, so the same values as <see cref="Enumerable.Average(IEnumerable{decimal})"/> over every ballot, without a second read.
    /// </summary>
    public sealed class Gatherer
    {
        private readonly decimal[] _sums = new decimal[CardSource.DutyNames.Length];
        private long _count;

        public void Add(decimal policyAdvocate, decimal publicOpinion, decimal civilAgent, decimal disputeMediator, decimal partyBuildingGuide)
        {
            _sums[0] += policyAdvocate;
            _sums[1] += publicOpinion;
            _sums[2] += civilAgent;
            _sums[3] += disputeMediator;
            _sums[4] += partyBuildingGuide;
            _count++;
        }

        public decimal?[] Averages() => _sums.Select(sum => _count == 0 ? (decimal?)null : sum / _count).ToArray();
    }

    /// <summary>The averages as stored on a version: a JSON array whose decimals keep every digit and their scale.</summary>
    public static string Encode(decimal?[] averages) => JsonSerializer.Serialize(averages);

    /// <summary>The stored averages, or null when the version predates them (or they are not five).</summary>
    public static decimal?[]? Decode(string? stored) =>
        stored is null ? null : JsonSerializer.Deserialize<decimal?[]>(stored) is { Length: var n } averages && n == CardSource.DutyNames.Length ? averages : null;

    /// <summary>A version's stored averages, or computed from the cycle's ballots when it has none.</summary>
    public static async Task<decimal?[]> ForVersionAsync(AppraisalDbContext db, int cycleId, string? stored, CancellationToken ct) =>
        Decode(stored) ?? await ComputeAsync(db, cycleId, ct);
}
