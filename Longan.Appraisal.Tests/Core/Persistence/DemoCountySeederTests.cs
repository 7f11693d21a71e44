using Longan.Appraisal.Core.Persistence.Seeding;
using Longan.Appraisal.Core.Security;
using Longan.Appraisal.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Longan.Appraisal.Tests.Core.Persistence;

public sealed class DemoCountySeederTests
{
    [Fact]
    public async Task Seed_EmptyDatabase_LoadsLongansTenTownshipsWithVillagesAssistantsAndSupervisors()
    {
        await using var db = await TestDatabase.CreateAsync();

        var result = await db.Get<DemoCountySeeder>().SeedAsync();

        Assert.Equal(10, result.Townships);
        Assert.Equal(60, result.Villages);
        Assert.Equal(60, result.Assistants);
        await using var context = await db.OpenAsync();
        Assert.Equal(
            ["城厢镇", "南圩镇", "雁江镇", "那桐镇", "乔建镇", "丁当镇", "古潭乡", "都结乡", "布泉乡", "屏山乡"],
            await context.Townships.OrderBy(t => t.SortOrder).Select(t => t.Name).ToListAsync());
        Assert.True(await context.Villages.AnyAsync(v => v.Name == "浪湾村" && v.Township!.Name == "那桐镇"));
        var perVillage = await context.Villages.Select(v => new
        {
            Supervisors = v.Supervisors.Count,
            Serving = v.Postings.Count(p => p.EndedOn == null),
        }).ToListAsync();
        Assert.All(perVillage, v => Assert.InRange(v.Supervisors, 2, 3));
        Assert.All(perVillage, v => Assert.Equal(1, v.Serving));
        Assert.True(await context.Assistants.AnyAsync(a => a.Name == "翟珊妹"));
    }

    [Fact]
    public async Task Seed_DemoLoginsForEveryRole()
    {
        await using var db = await TestDatabase.CreateAsync(demoCounty: true);

        var roles = new Dictionary<string, AppRole>
        {
            [Demo.County] = AppRole.County,
            [Demo.Natong] = AppRole.Township,
            [Demo.Chengxiang] = AppRole.Township,
            [Demo.Supervisor] = AppRole.Supervisor,
            [Demo.Assistant] = AppRole.Assistant,
        };
        foreach (var (userName, role) in roles)
        {
            Assert.Equal(role, (await db.CallerAsync(userName)).Role);
        }
        var assistant = await db.CallerAsync(Demo.Assistant);
        Assert.Equal(await db.VillageIdAsync(Demo.NatongTownship, Demo.LangwanVillage), assistant.VillageId);
    }

    [Fact]
    public async Task Seed_Twice_AddsNothingTheSecondTime()
    {
        await using var db = await TestDatabase.CreateAsync(demoCounty: true);

        var again = await db.Get<DemoCountySeeder>().SeedAsync();

        Assert.Equal(new DemoSeedResult(0, 0, 0, 0, 0, 0), again);
        await using var context = await db.OpenAsync();
        Assert.Equal(60, await context.Postings.CountAsync());
    }

    [Fact]
    public async Task Seed_APublishedPastYear_TheFeaturedAssistantSeesTheirResult()
    {
        await using var db = await TestDatabase.CreateAsync(demoCounty: true);

        var cycle = (await db.Get<Longan.Appraisal.Core.Features.Cycles.CycleService>().ListAsync(Caller.System)).Single(c => c.Year == DemoCountySeeder.PublishedYear);
        var set = await db.Get<Longan.Appraisal.Core.Features.Results.ResultQueryService>().ReadAsync(Caller.System, cycle.Id);

        Assert.Equal(Longan.Appraisal.Core.Domain.CycleState.Published, cycle.State);
        Assert.NotNull(set!.PublishedAt);
        // Terms began in March 2025 in two villages of three: forty assistants served that year, all complete.
        Assert.Equal(40, set.Rows.Count);
        Assert.All(set.Rows, r => Assert.NotNull(r.Composite));
        var mine = Assert.Single(await db.Get<Longan.Appraisal.Core.Features.Results.ResultQueryService>().PublishedForSelfAsync(await db.CallerAsync(Demo.Assistant)));
        Assert.Equal(2025, mine.Year);
        await using var context = await db.OpenAsync();
        Assert.Equal(10, await context.AttendanceMonths.CountAsync(m => m.CycleId == cycle.Id && m.AssistantId == mine.Row.AssistantId));
    }
}
