using Longan.Appraisal.Tests.E2E.Pages;
using Longan.Appraisal.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Longan.Appraisal.Tests.E2E;

/// <summary>Typing a URL never opens what the role's scope does not cover (spec §1).</summary>
[Collection(PortalCollection.Name)]
public sealed class ScopeTests(PortalFixture portal)
{
    [Fact]
    public async Task Township_TypesAnotherTownshipsVillageUrl_IsRefusedAndSeesNoData()
    {
        var baota = await portal.Server.VillageIdAsync(Demo.ChengxiangTownship, Demo.BaotaVillage);
        var page = await portal.SignedInPageAsync(Demo.Natong);

        await page.GotoAsync($"/villages/{baota}");
        await Shell.WaitForInteractiveAsync(page);

        await Assertions.Expect(page.GetByText("无权查看该村")).ToBeVisibleAsync();
        Assert.DoesNotContain("宝塔村", await page.ContentAsync());
    }

    [Fact]
    public async Task Township_OpensOwnVillage_SeesItReadOnly()
    {
        var langwan = await portal.Server.VillageIdAsync(Demo.NatongTownship, Demo.LangwanVillage);
        var page = await portal.SignedInPageAsync(Demo.Natong);

        await page.GotoAsync($"/villages/{langwan}");
        await Shell.WaitForInteractiveAsync(page);

        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("那桐镇 浪湾村");
        await Assertions.Expect(page.Locator("[data-testid=current-assistant]")).ToBeVisibleAsync();
        Assert.Equal(0, await page.GetByRole(AriaRole.Button, new() { Name = "更换助理员" }).CountAsync());
    }

    [Fact]
    public async Task Township_TypesTheAccountsUrl_IsRefused()
    {
        var page = await portal.SignedInPageAsync(Demo.Natong);

        await page.GotoAsync("/accounts");

        await Assertions.Expect(page.GetByText("无权访问")).ToBeVisibleAsync();
        Assert.Equal(0, await page.Locator("[data-testid=accounts-grid]").CountAsync());
    }

    [Fact]
    public async Task Supervisor_TypesAnotherVillagesUrl_IsRefused()
    {
        var baota = await portal.Server.VillageIdAsync(Demo.ChengxiangTownship, Demo.BaotaVillage);
        var page = await portal.SignedInPageAsync(Demo.Supervisor);

        await page.GotoAsync($"/villages/{baota}");
        await Shell.WaitForInteractiveAsync(page);

        await Assertions.Expect(page.GetByText("无权查看该村")).ToBeVisibleAsync();
    }
}
