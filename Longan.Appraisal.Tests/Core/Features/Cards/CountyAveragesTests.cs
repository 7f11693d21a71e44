using System.Text.Json;
using Longan.Appraisal.Core.Features.Cards;
using Longan.Appraisal.Core.Features.Results;
using Longan.Appraisal.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Longan.Appraisal.Tests.Core.Features.Cards;

/// <summary>
/// Issue 14: the county's duty averages a card draws against are stored on the result version, and a
/// card made from them is the card made by reading every ballot of the county — also for versions
/// computed before the averages were stored.
/// </summary>
public sealed class CountyAveragesTests : IAsyncLifetime
{
    private readonly PublishableCounty _county = new();

    public async Task InitializeAsync()
    {
        await _county.InitializeAsync();
        await _county.ComputeAsync();
    }

    public Task DisposeAsync() => _county.DisposeAsync();

    private async Task<string?> StoredAsync()
    {
        await using var db = await _county.Db.OpenAsync();
        return await db.ResultVersions.Where(v => v.CycleId == _county.CycleId).OrderByDescending(v => v.Number).Select(v => v.CountyAverages).FirstAsync();
    }

    /// <summary>Every assistant's card content, as JSON: every value, digit and scale.</summary>
    private async Task<List<string>> CardsAsync()
    {
        var rows = (await _county.Get<ResultQueryService>().ReadAsync(_county.County, _county.CycleId))!.Rows;
        var cards = new List<string>();
        foreach (var row in rows.OrderBy(r => r.AssistantId))
        {
            cards.Add(JsonSerializer.Serialize(await _county.Get<ReportCardService>().GetAsync(_county.County, _county.CycleId, row.AssistantId)));
        }
        return cards;
    }

    [Fact]
    public async Task Compute_StoresTheCountysDutyAverages_ExactlyAsComputedFromEveryBallot()
    {
        await using var db = await _county.Db.OpenAsync();
        var computed = await CountyAverages.ComputeAsync(db, _county.CycleId, default);

        var stored = await StoredAsync();
        // The reference: LINQ's own average of each duty over every ballot, as cards computed it before.
        var ballots = await db.PartyBallots.Where(b => b.CycleId == _county.CycleId)
            .Select(b => new[] { b.PolicyAdvocate, b.PublicOpinion, b.CivilAgent, b.DisputeMediator, b.PartyBuildingGuide }).ToListAsync();
        var reference = Enumerable.Range(0, 5).Select(i => (decimal?)ballots.Average(d => d[i])).ToArray();

        Assert.NotNull(stored);
        Assert.Equal(CountyAverages.Encode(reference), CountyAverages.Encode(computed));
        Assert.Equal(CountyAverages.Encode(computed), stored);
        Assert.All(computed, a => Assert.NotNull(a));
        // Exact decimals, not doubles: the same digits and scale come back.
        Assert.Equal(computed.Select(a => a!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            CountyAverages.Decode(stored)!.Select(a => a!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public async Task Cards_FromStoredAverages_SameAsFromAVersionWithoutThem()
    {
        var fromStored = await CardsAsync();
        await using (var db = await _county.Db.OpenAsync())
        {
            // A version computed before the averages were stored.
            await db.ResultVersions.Where(v => v.CycleId == _county.CycleId).ExecuteUpdateAsync(s => s.SetProperty(v => v.CountyAverages, (string?)null));
        }
        Assert.Null(await StoredAsync());

        var recomputed = await CardsAsync();

        Assert.Equal(20, fromStored.Count);
        Assert.Equal(recomputed, fromStored);
        // Different stored values would show: the cards read what the version holds.
        await using (var db = await _county.Db.OpenAsync())
        {
            await db.ResultVersions.Where(v => v.CycleId == _county.CycleId)
                .ExecuteUpdateAsync(s => s.SetProperty(v => v.CountyAverages, CountyAverages.Encode([1m, 2m, 3m, 4m, 5m])));
        }
        Assert.NotEqual(fromStored, await CardsAsync());
    }

    [Fact]
    public void Decode_MissingOrMalformed_GivesNull_SoCardsComputeThem()
    {
        Assert.Null(CountyAverages.Decode(null));
        Assert.Null(CountyAverages.Decode("[1.5,2]"));
        Assert.Equal([null, null, null, null, null], CountyAverages.Decode(CountyAverages.Encode([null, null, null, null, null])));
    }
}
