using Longan.Appraisal.Core.Features.Common;
using Longan.Appraisal.Core.Features.Townships;
using Longan.Appraisal.Core.Security;
using Longan.Appraisal.Tests.Infrastructure;

namespace Longan.Appraisal.Tests.Core.Features;

public sealed class TownshipServiceTests : IAsyncLifetime
{
    private TestDatabase _db = default!;
    private TownshipService Service => _db.Get<TownshipService>();

    public async Task InitializeAsync() => _db = await TestDatabase.CreateAsync(demoCounty: true);

    public async Task DisposeAsync() => await _db.DisposeAsync();

    [Fact]
    public async Task List_County_GivesTheTenTownshipsInCountyOrder()
    {
        var rows = await Service.ListAsync(Caller.System);

        Assert.Equal(["城厢镇", "南圩镇", "雁江镇", "那桐镇", "乔建镇", "丁当镇", "古潭乡", "都结乡", "布泉乡", "屏山乡"], rows.Select(r => r.Name));
        Assert.All(rows, r => Assert.Equal(6, r.VillageCount));
        Assert.All(rows, r => Assert.Equal(6, r.PostedAssistantCount));
    }

    [Fact]
    public async Task Create_BlankName_RefusedWithChineseMessage()
    {
        var ex = await Assert.ThrowsAsync<ValidationFailedException>(() => Service.CreateAsync(Caller.System, new TownshipInput { Name = "  " }));

        var error = Assert.Single(ex.Errors);
        Assert.Equal(nameof(TownshipInput.Name), error.Field);
        Assert.Equal("请填写“乡镇名称”。", error.Message);
    }

    [Fact]
    public async Task Create_ExistingName_Refused()
    {
        var ex = await Assert.ThrowsAsync<ValidationFailedException>(() => Service.CreateAsync(Caller.System, new TownshipInput { Name = "那桐镇" }));

        Assert.Contains("已有名为“那桐镇”的乡镇", ex.Message);
    }

    [Fact]
    public async Task Delete_TownshipWithVillages_RefusedWithAdviceToDeactivate()
    {
        var natong = (await Service.ListAsync(Caller.System)).Single(t => t.Name == "那桐镇");

        var ex = await Assert.ThrowsAsync<RuleViolationException>(() => Service.DeleteAsync(Caller.System, natong.Id));

        Assert.Contains("6 个行政村", ex.Message);
        Assert.Contains("停用", ex.Message);
        Assert.Contains(await Service.ListAsync(Caller.System), t => t.Id == natong.Id);
    }

    [Fact]
    public async Task Delete_UnreferencedTownship_Removed()
    {
        var id = await Service.CreateAsync(Caller.System, new TownshipInput { Name = "试点乡", SortOrder = 200 });

        await Service.DeleteAsync(Caller.System, id);

        Assert.DoesNotContain(await Service.ListAsync(Caller.System), t => t.Id == id);
    }

    [Fact]
    public async Task SetActive_False_KeepsTownshipAsInactive()
    {
        var id = await Service.CreateAsync(Caller.System, new TownshipInput { Name = "试点乡" });

        await Service.SetActiveAsync(Caller.System, id, false);

        Assert.False((await Service.GetAsync(Caller.System, id)).IsActive);
    }

    [Fact]
    public async Task Update_RenamesAndReorders()
    {
        var id = await Service.CreateAsync(Caller.System, new TownshipInput { Name = "试点乡", SortOrder = 5 });

        await Service.UpdateAsync(Caller.System, id, new TownshipInput { Name = "试点镇", SortOrder = 500 });

        var row = await Service.GetAsync(Caller.System, id);
        Assert.Equal(("试点镇", 500), (row.Name, row.SortOrder));
    }

    [Fact]
    public async Task Deactivate_TownshipWithActiveVillages_Refused()
    {
        var natong = (await Service.ListAsync(Caller.System)).Single(t => t.Name == "那桐镇");

        var ex = await Assert.ThrowsAsync<RuleViolationException>(() => Service.SetActiveAsync(Caller.System, natong.Id, false));

        Assert.Contains("6 个在用的行政村", ex.Message);
        Assert.True((await Service.GetAsync(Caller.System, natong.Id)).IsActive);
    }
}
