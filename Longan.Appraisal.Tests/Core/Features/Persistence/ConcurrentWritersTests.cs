using Longan.Appraisal.Core.Domain;
using Longan.Appraisal.Core.Features.Assistants;
using Longan.Appraisal.Core.Features.Audit;
using Longan.Appraisal.Core.Features.Common;
using Longan.Appraisal.Core.Features.Evaluations;
using Longan.Appraisal.Core.Features.Postings;
using Longan.Appraisal.Core.Features.Villages;
using Longan.Appraisal.Core.Security;
using Longan.Appraisal.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Longan.Appraisal.Tests.Core.Features.Persistence;

/// <summary>
/// Two portal nodes (separate service providers: their own pools and queues) writing to one
/// database at the same moment — on SQLite and, in CI's second pass, on PostgreSQL. Writers wait
/// their turn; the rules that read before they write hold; the audit chain never forks.
/// </summary>
public sealed class ConcurrentWritersTests : IAsyncLifetime
{
    private const int WritesPerNode = 25;
    private readonly CollectingCounty _county = new();
    private ServiceProvider _otherNode = default!;

    public async Task InitializeAsync()
    {
        await _county.InitializeAsync();
        _otherNode = _county.Db.AnotherNode();
    }

    public async Task DisposeAsync()
    {
        await _otherNode.DisposeAsync();
        await _county.DisposeAsync();
    }

    private IEnumerable<IServiceProvider> Nodes => [_county.Db.Services, _otherNode];

    [Fact]
    public async Task Saves_ManyAtOnceOnTwoNodes_AllWaitTheirTurnAndTheAuditChainStaysOneLine()
    {
        await using var before = await _county.Db.OpenAsync();
        var recordsBefore = await before.AuditRecords.CountAsync();
        var talliesBefore = await before.VillagerTallies.CountAsync(t => t.AssistantId == _county.LangwanAssistant);

        // Both nodes hammer the same table and the same audit trail at once.
        var saves = Nodes.SelectMany((node, n) => Enumerable.Range(0, WritesPerNode).Select(i => Task.Run(() =>
            node.GetRequiredService<VillagerTallyService>().AddAsync(_county.Natong, _county.CycleId, _county.LangwanAssistant,
                new TallyInput { Satisfied = 10 + i, BasicallySatisfied = n, Dissatisfied = 1, Invalid = 0, Round = $"节点{n} 第{i}次" }))));
        var ids = await Task.WhenAll(saves);

        Assert.Equal(2 * WritesPerNode, ids.Distinct().Count());
        await using var db = await _county.Db.OpenAsync();
        Assert.Equal(talliesBefore + 2 * WritesPerNode, await db.VillagerTallies.CountAsync(t => t.AssistantId == _county.LangwanAssistant));
        var records = await db.AuditRecords.OrderBy(a => a.Id).Select(a => new { a.Id, a.PreviousHash, a.Hash }).ToListAsync();
        Assert.Equal(recordsBefore + 2 * WritesPerNode, records.Count);
        // One line: every record names the one before it, and no two name the same one.
        Assert.Equal(records.Count, records.Select(r => r.PreviousHash).Distinct().Count());
        var verification = await _county.Get<AuditService>().VerifyAsync(_county.County);
        Assert.Null(verification.BrokenAt);
    }

    [Fact]
    public async Task Postings_ManyAssistantsToOneVacantVillageAtOnce_ExactlyOneServes()
    {
        var village = await _county.Get<VillageService>().CreateAsync(Caller.System, new VillageInput { TownshipId = _county.NatongId, Name = "新屯村" });
        var assistants = new List<int>();
        for (var i = 0; i < 8; i++)
        {
            assistants.Add(await _county.Get<AssistantService>().CreateAsync(Caller.System, new AssistantInput { Code = $"LA09{i:00}", Name = $"新助理{i}" }));
        }

        var attempts = assistants.Select((assistant, i) => Task.Run(async () =>
        {
            var node = i % 2 == 0 ? _county.Db.Services : _otherNode;
            try
            {
                await node.GetRequiredService<PostingService>().AssignAsync(Caller.System,
                    new AssignInput { AssistantId = assistant, VillageId = village, StartDate = new DateOnly(2026, 3, 1) });
                return true;
            }
            catch (ValidationFailedException ex) when (ex.Errors.Any(e => e.Field == nameof(AssignInput.VillageId)))
            {
                return false; // refused as a person would be told: the village has its assistant
            }
        }));
        var outcomes = await Task.WhenAll(attempts);

        Assert.Single(outcomes, assigned => assigned);
        await using var db = await _county.Db.OpenAsync();
        Assert.Equal(1, await db.Postings.CountAsync(p => p.VillageId == village && p.EndedOn == null));
    }

    [Fact]
    public async Task ChineseNames_SortByCodePoint_AsOnEveryProvider()
    {
        string[] names = ["浪湾屯", "Z屯", "那桐屯", "a屯", "01队", "丁当屯", "宝塔屯", "B屯"];
        foreach (var name in names)
        {
            await _county.Get<VillageService>().CreateAsync(Caller.System, new VillageInput { TownshipId = _county.NatongId, Name = name });
        }

        await using var db = await _county.Db.OpenAsync();
        var sorted = await db.Villages.Where(v => names.Contains(v.Name)).OrderBy(v => v.Name).Select(v => v.Name).ToListAsync();
        var equal = await db.Villages.CountAsync(v => v.Name == "a屯" || v.Name == "A屯");

        // UTF-8 byte order is code-point order: digits, then upper case, lower case, then CJK by
        // code point — SQLite's BINARY and PostgreSQL's "C" agree (a locale would put a屯 beside A).
        Assert.Equal(names.OrderBy(n => n, Comparer<string>.Create(CodePointOrder)), sorted);
        Assert.Equal(1, equal); // comparison is exact: a屯 is not A屯
    }

    [Fact]
    public async Task MomentsAndDecimals_ReadBackExactly()
    {
        var moment = new DateTimeOffset(2026, 12, 6, 20, 30, 15, 123, TimeSpan.FromHours(8));
        var ballot = await _county.Get<PartyBallotService>().AddAsync(_county.Natong, _county.CycleId, _county.LangwanAssistant,
            new PartyBallotInput { TicketNo = "D001", PolicyAdvocate = 19.5m, PublicOpinion = 18.5m, CivilAgent = 17m, DisputeMediator = 16.5m, PartyBuildingGuide = 20m });
        await using (var db = await _county.Db.OpenAsync())
        {
            var cycle = await db.Cycles.SingleAsync(c => c.Id == _county.CycleId);
            cycle.CreatedAt = moment;
            await db.SaveChangesAsync();
        }

        await using var read = await _county.Db.OpenAsync();
        var stored = await read.PartyBallots.SingleAsync(b => b.Id == ballot);
        Assert.Equal((19.5m, 18.5m, 17m, 16.5m, 20m), (stored.PolicyAdvocate, stored.PublicOpinion, stored.CivilAgent, stored.DisputeMediator, stored.PartyBuildingGuide));
        var createdAt = await read.Cycles.Where(c => c.Id == _county.CycleId).Select(c => c.CreatedAt).SingleAsync();
        Assert.Equal(moment.UtcTicks, createdAt.UtcTicks);
    }

    private static int CodePointOrder(string? a, string? b)
    {
        var left = (a ?? "").EnumerateRunes().Select(r => r.Value).ToArray();
        var right = (b ?? "").EnumerateRunes().Select(r => r.Value).ToArray();
        for (var i = 0; i < Math.Min(left.Length, right.Length); i++)
        {
            if (left[i] != right[i])
            {
                return left[i].CompareTo(right[i]);
            }
        }
        return left.Length.CompareTo(right.Length);
    }
}
