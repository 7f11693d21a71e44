using Longan.Appraisal.Core.Domain;
using Longan.Appraisal.Core.Features.Common;
using Longan.Appraisal.Core.Features.Supervisors;
using Longan.Appraisal.Core.Features.Villages;
using Longan.Appraisal.Core.Security;
using Longan.Appraisal.Tests.Infrastructure;

namespace Longan.Appraisal.Tests.Core.Features;

public sealed class VillageServiceTests : IAsyncLifetime
{
    private TestDatabase _db = default!;
    private int _natong;

    private VillageService Service => _db.Get<VillageService>();

    public async Task InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync(demoCounty: true);
        _natong = (await _db.Get<Longan.Appraisal.Core.Features.Townships.TownshipService>().ListAsync(Caller.System)).Single(t => t.Name == Demo.NatongTownship).Id;
    }

    public async Task DisposeAsync() => await _db.DisposeAsync();

    [Fact]
    public async Task Create_WithStation_SavedTrimmed()
    {
        var id = await Service.CreateAsync(Caller.System, new VillageInput
        {
            TownshipId = _natong, Name = " 新屯村 ", StationName = "新屯村便民服务站", StationAddress = "那桐镇新屯村", StationPhone = "0771-6520000",
        });

        var village = await Service.GetAsync(Caller.System, id);
        Assert.Equal(("新屯村", "新屯村便民服务站", "那桐镇新屯村", "0771-6520000"), (village.Name, village.StationName, village.StationAddress, village.StationPhone));
        Assert.Null(village.CurrentPosting);
    }

    [Fact]
    public async Task Create_MissingTownshipAndName_ReportsBothFields()
    {
        var ex = await Assert.ThrowsAsync<ValidationFailedException>(() => Service.CreateAsync(Caller.System, new VillageInput()));

        Assert.Equal([nameof(VillageInput.TownshipId), nameof(VillageInput.Name)], ex.Errors.Select(e => e.Field));
        Assert.Equal(["请填写“乡镇”。", "请填写“村名”。"], ex.Errors.Select(e => e.Message));
    }

    [Fact]
    public async Task Create_NameTakenInSameTownship_Refused_ButAllowedElsewhere()
    {
        var ex = await Assert.ThrowsAsync<ValidationFailedException>(() => Service.CreateAsync(Caller.System, new VillageInput { TownshipId = _natong, Name = "浪湾村" }));
        Assert.Equal("那桐镇已有名为“浪湾村”的村。", ex.Errors.Single().Message);

        var chengxiang = (await _db.Get<Longan.Appraisal.Core.Features.Townships.TownshipService>().ListAsync(Caller.System)).Single(t => t.Name == "城厢镇").Id;
        var id = await Service.CreateAsync(Caller.System, new VillageInput { TownshipId = chengxiang, Name = "浪湾村" });
        Assert.True(id > 0);
    }

    [Fact]
    public async Task Create_NameTooLong_Refused()
    {
        var ex = await Assert.ThrowsAsync<ValidationFailedException>(() => Service.CreateAsync(Caller.System, new VillageInput { TownshipId = _natong, Name = new string('村', 51) }));

        Assert.Equal("“村名”不能超过 50 个字符。", ex.Errors.Single().Message);
    }

    [Fact]
    public async Task Create_NameTheCardCannotPrint_Refused()
    {
        var ex = await Assert.ThrowsAsync<ValidationFailedException>(() => Service.CreateAsync(Caller.System, new VillageInput { TownshipId = _natong, Name = "𠮷利村" }));

        Assert.StartsWith("村名中的“𠮷”不在报告卡的字库中", ex.Errors.Single().Message);
    }

    [Fact]
    public async Task Delete_VillageWithPostingHistory_RefusedWithAdviceToDeactivate()
    {
        var langwan = await _db.VillageIdAsync(Demo.NatongTownship, Demo.LangwanVillage);

        var ex = await Assert.ThrowsAsync<RuleViolationException>(() => Service.DeleteAsync(Caller.System, langwan));

        Assert.Contains("任职记录", ex.Message);
        Assert.Contains("停用", ex.Message);
    }

    [Fact]
    public async Task Delete_VillageWithSupervisorsOnly_Refused()
    {
        var id = await Service.CreateAsync(Caller.System, new VillageInput { TownshipId = _natong, Name = "新屯村" });
        await _db.Get<SupervisorService>().CreateAsync(Caller.System, new SupervisorInput { VillageId = id, Name = "黄德才", Kind = SupervisorKind.VeteranPartyMember });

        var ex = await Assert.ThrowsAsync<RuleViolationException>(() => Service.DeleteAsync(Caller.System, id));

        Assert.Contains("五老监督员", ex.Message);
    }

    [Fact]
    public async Task Delete_UnreferencedVillage_Removed()
    {
        var id = await Service.CreateAsync(Caller.System, new VillageInput { TownshipId = _natong, Name = "新屯村" });

        await Service.DeleteAsync(Caller.System, id);

        await Assert.ThrowsAsync<NotFoundException>(() => Service.GetAsync(Caller.System, id));
    }

    [Fact]
    public async Task Deactivate_VillageWithServingAssistant_Refused()
    {
        var langwan = await _db.VillageIdAsync(Demo.NatongTownship, Demo.LangwanVillage);

        var ex = await Assert.ThrowsAsync<RuleViolationException>(() => Service.SetActiveAsync(Caller.System, langwan, false));

        Assert.Contains("在任助理员", ex.Message);
    }

    [Fact]
    public async Task Query_SearchByAssistantName_FindsTheirVillage()
    {
        var langwan = await Service.GetAsync(Caller.System, await _db.VillageIdAsync(Demo.NatongTownship, Demo.LangwanVillage));

        var page = await Service.QueryAsync(Caller.System, new VillageQuery(new PageRequest(langwan.CurrentPosting!.AssistantName)));

        Assert.Contains(page.Items, v => v.Id == langwan.Id);
    }

    [Theory]
    [InlineData(nameof(VillageRow.Name))]
    [InlineData(nameof(VillageRow.TownshipName))]
    [InlineData(nameof(VillageRow.StationName))]
    [InlineData(nameof(VillageRow.CurrentAssistantName))]
    [InlineData(nameof(VillageRow.SupervisorCount))]
    [InlineData(nameof(VillageRow.IsActive))]
    public async Task Query_EverySortColumnBothWays_PagesThroughAllVillagesOnce(string column)
    {
        foreach (var descending in new[] { false, true })
        {
            var seen = new List<int>();
            for (var page = 0; page < 3; page++)
            {
                var result = await Service.QueryAsync(Caller.System, new VillageQuery(new PageRequest(SortBy: column, Descending: descending, Page: page, PageSize: 25)));
                Assert.Equal(60, result.TotalCount);
                seen.AddRange(result.Items.Select(v => v.Id));
            }
            Assert.Equal(60, seen.Distinct().Count());
        }
    }

    [Fact]
    public async Task Query_SortByNameDescending_IsOrdered()
    {
        var page = await Service.QueryAsync(Caller.System, new VillageQuery(new PageRequest(SortBy: nameof(VillageRow.Name), Descending: true, PageSize: 60)));

        var names = page.Items.Select(v => v.Name).ToList();
        Assert.Equal(names.OrderDescending(StringComparer.Ordinal), names);
    }

    [Fact]
    public async Task Create_StationPhoneWithLetters_Refused()
    {
        var ex = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            Service.CreateAsync(Caller.System, new VillageInput { TownshipId = _natong, Name = "新屯村", StationPhone = "abc!!" }));

        Assert.Equal((nameof(VillageInput.StationPhone), "联系电话只能包含数字、空格、“+”和“-”。"), (ex.Errors.Single().Field, ex.Errors.Single().Message));
    }
}
