using Longan.Appraisal.Core.Domain;
using Longan.Appraisal.Core.Features.Cycles;
using Longan.Appraisal.Core.Security;
using Microsoft.EntityFrameworkCore;

namespace Longan.Appraisal.Tests.Infrastructure;

/// <summary>
/// The demo county with its 2026 cycle open for collection, and the people entry tests act as:
/// the county, 那桐镇 and 城厢镇 committees, 浪湾村's supervisor and assistant.
/// </summary>
public sealed class CollectingCounty : IAsyncLifetime
{
    public TestDatabase Db { get; private set; } = default!;
    public int CycleId { get; private set; }
    public Caller County { get; private set; } = default!;
    public Caller Natong { get; private set; } = default!;
    public Caller Chengxiang { get; private set; } = default!;
    public Caller Supervisor { get; private set; } = default!;
    public Caller Assistant { get; private set; } = default!;
    /// <summary>The assistant serving 那桐镇 浪湾村.</summary>
    public int LangwanAssistant { get; private set; }
    /// <summary>The assistant serving 城厢镇 宝塔村.</summary>
    public int BaotaAssistant { get; private set; }
    public int NatongId { get; private set; }

    public T Get<T>() where T : notnull => Db.Get<T>();

    public async Task InitializeAsync()
    {
        Db = await TestDatabase.CreateAsync(demoCounty: true);
        County = await Db.CallerAsync(Demo.County);
        Natong = await Db.CallerAsync(Demo.Natong);
        Chengxiang = await Db.CallerAsync(Demo.Chengxiang);
        Supervisor = await Db.CallerAsync(Demo.Supervisor);
        Assistant = await Db.CallerAsync(Demo.Assistant);
        var cycles = Db.Get<CycleService>();
        CycleId = await cycles.CreateAsync(County, 2026);
        await cycles.TransitionAsync(County, CycleId, CycleState.Collecting, null);
        await using var db = await Db.OpenAsync();
        LangwanAssistant = Assistant.AssistantId!.Value;
        var baota = await Db.VillageIdAsync(Demo.ChengxiangTownship, Demo.BaotaVillage);
        BaotaAssistant = await db.Postings.Where(p => p.VillageId == baota && p.EndedOn == null).Select(p => p.AssistantId).SingleAsync();
        NatongId = Natong.TownshipId!.Value;
    }

    public async Task MoveAsync(CycleState to) => await Db.Get<CycleService>().TransitionAsync(County, CycleId, to, to < CycleState.Review ? "测试退回" : null);

    public async Task DisposeAsync() => await Db.DisposeAsync();
}
