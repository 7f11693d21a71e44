using Longan.Appraisal.Core.Domain;
using Longan.Appraisal.Core.Features.Accounts;
using Longan.Appraisal.Core.Features.Common;
using Longan.Appraisal.Core.Features.Supervisors;
using Longan.Appraisal.Core.Security;
using Longan.Appraisal.Tests.Infrastructure;

namespace Longan.Appraisal.Tests.Core.Features;

public sealed class SupervisorServiceTests : IAsyncLifetime
{
    private TestDatabase _db = default!;
    private int _langwan;

    private SupervisorService Service => _db.Get<SupervisorService>();

    public async Task InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync(demoCounty: true);
        _langwan = await _db.VillageIdAsync(Demo.NatongTownship, Demo.LangwanVillage);
    }

    public async Task DisposeAsync() => await _db.DisposeAsync();

    [Fact]
    public async Task Create_ThenQueryByVillage_ListsIt()
    {
        var id = await Service.CreateAsync(Caller.System, new SupervisorInput { VillageId = _langwan, Name = "陆宝山", Kind = SupervisorKind.FormerTeamLeader, Phone = "13977200000" });

        var page = await Service.QueryAsync(Caller.System, new SupervisorQuery(new PageRequest(), VillageId: _langwan));

        var row = Assert.Single(page.Items, s => s.Id == id);
        Assert.Equal(("陆宝山", SupervisorKind.FormerTeamLeader, "浪湾村", "那桐镇"), (row.Name, row.Kind, row.VillageName, row.TownshipName));
    }

    [Fact]
    public async Task Create_WithoutKindOrVillage_Refused()
    {
        var ex = await Assert.ThrowsAsync<ValidationFailedException>(() => Service.CreateAsync(Caller.System, new SupervisorInput { Name = "陆宝山" }));

        Assert.Equal(["请填写“行政村”。", "请填写“监督员类别”。"], ex.Errors.Select(e => e.Message));
    }

    [Fact]
    public async Task Delete_SupervisorWithAccount_RefusedWithAdviceToDeactivate()
    {
        await using var db = await _db.OpenAsync();
        var withAccount = db.Users.Where(u => u.UserName == Demo.Supervisor).Select(u => u.SupervisorId!.Value).Single();

        var ex = await Assert.ThrowsAsync<RuleViolationException>(() => Service.DeleteAsync(Caller.System, withAccount));

        Assert.Contains("停用", ex.Message);
    }

    [Fact]
    public async Task SetActive_False_HidesFromActiveOnlyQueries()
    {
        var id = await Service.CreateAsync(Caller.System, new SupervisorInput { VillageId = _langwan, Name = "陆宝山", Kind = SupervisorKind.FormerTeamLeader });

        await Service.SetActiveAsync(Caller.System, id, false);

        var active = await Service.QueryAsync(Caller.System, new SupervisorQuery(new PageRequest(), VillageId: _langwan, IncludeInactive: false));
        Assert.DoesNotContain(active.Items, s => s.Id == id);
    }

    [Theory]
    [InlineData(nameof(SupervisorRow.Name))]
    [InlineData(nameof(SupervisorRow.Kind))]
    [InlineData(nameof(SupervisorRow.VillageName))]
    [InlineData(nameof(SupervisorRow.TownshipName))]
    [InlineData(nameof(SupervisorRow.IsActive))]
    public async Task Query_EverySortColumn_Translates(string column)
    {
        var page = await Service.QueryAsync(Caller.System, new SupervisorQuery(new PageRequest(SortBy: column, Descending: true, PageSize: 500)));

        Assert.Equal(page.TotalCount, page.Items.Count);
    }
}
