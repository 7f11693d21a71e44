using Longan.Appraisal.Tests.E2E.Pages;
using Longan.Appraisal.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Longan.Appraisal.Tests.E2E;

/// <summary>The organisation department keeps the master data through the pages.</summary>
[Collection(PortalCollection.Name)]
public sealed class MasterDataTests(PortalFixture portal)
{
    private Task<IPage> CountyAsync() => portal.SignedInPageAsync(Demo.County);

    [Fact]
    public async Task County_AddsAnAssistant_ThroughTheForm()
    {
        var page = await CountyAsync();
        await page.GotoAsync("/assistants/new");
        await Shell.WaitForInteractiveAsync(page);

        await page.ClickAsync("[data-testid=assistant-save]");
        await Assertions.Expect(page.GetByText("请填写“编号”。")).ToBeVisibleAsync();

        await Shell.EnterAsync(page.Locator("[data-testid=assistant-code]"), "0099");
        await Shell.EnterAsync(page.Locator("[data-testid=assistant-name]"), "韦晓东");
        await Assertions.Expect(page.Locator("[data-testid=assistant-code]")).ToHaveValueAsync("0099");
        await page.ClickAsync("[data-testid=assistant-save]");

        await page.WaitForURLAsync(new System.Text.RegularExpressions.Regex(@"/assistants/\d+$"), new() { WaitUntil = WaitUntilState.Commit });
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("韦晓东（0099）");
        await Assertions.Expect(page.Locator("[data-testid=current-posting]")).ToContainTextAsync("未派驻");
    }

    [Fact]
    public async Task County_DeletesAVillageWithHistory_IsToldToDeactivateInstead()
    {
        var langwan = await portal.Server.VillageIdAsync(Demo.NatongTownship, Demo.LangwanVillage);
        var page = await CountyAsync();
        await page.GotoAsync($"/villages/{langwan}");
        await Shell.WaitForInteractiveAsync(page);

        await page.GetByRole(AriaRole.Button, new() { Name = "删除" }).ClickAsync();
        await page.Locator(".mud-dialog").GetByRole(AriaRole.Button, new() { Name = "删除" }).ClickAsync();

        await Assertions.Expect(page.Locator(".mud-snackbar")).ToContainTextAsync("请改为停用");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("那桐镇 浪湾村");
    }

    [Fact]
    public async Task County_SearchesVillages_GridFilters()
    {
        var page = await CountyAsync();
        await page.GotoAsync("/villages");
        await Shell.WaitForInteractiveAsync(page);

        await page.GetByPlaceholder("搜索村名、乡镇、助理员").FillAsync("浪湾");

        var rows = page.Locator("[data-testid=villages-grid] tbody tr");
        await Assertions.Expect(rows).ToHaveCountAsync(1);
        await Assertions.Expect(rows.First).ToContainTextAsync("浪湾村");
    }

    [Fact]
    public async Task County_ReplacesAVillagesAssistant_HistoryKept()
    {
        var page = await CountyAsync();
        await page.GotoAsync("/assistants/new");
        await Shell.WaitForInteractiveAsync(page);
        await Shell.EnterAsync(page.Locator("[data-testid=assistant-code]"), "0100");
        await Shell.EnterAsync(page.Locator("[data-testid=assistant-name]"), "梁振宇");
        await Assertions.Expect(page.Locator("[data-testid=assistant-code]")).ToHaveValueAsync("0100");
        await page.ClickAsync("[data-testid=assistant-save]");
        await page.WaitForURLAsync(new System.Text.RegularExpressions.Regex(@"/assistants/\d+$"), new() { WaitUntil = WaitUntilState.Commit });

        var dingjiang = await portal.Server.VillageIdAsync(Demo.NatongTownship, "定江村");
        await page.GotoAsync($"/villages/{dingjiang}");
        await Shell.WaitForInteractiveAsync(page);
        await page.ClickAsync("[data-testid=replace]");
        await page.Locator("[data-testid=assistant-picker]").FillAsync("0100");
        await page.Locator(".mud-popover-open .mud-list-item").Filter(new() { HasText = "梁振宇" }).ClickAsync();
        // The choice has reached the dialog before anything else is typed (a loaded machine can lag).
        await Assertions.Expect(page.Locator("[data-testid=assistant-picker]")).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("梁振宇"));
        await Shell.EnterAsync(page.Locator(".mud-dialog textarea"), "调整撤换");
        await page.ClickAsync("[data-testid=dialog-save]");

        await Assertions.Expect(page.Locator("[data-testid=current-assistant]")).ToContainTextAsync("梁振宇");
        await Assertions.Expect(page.Locator("[data-testid=posting-history] tbody tr")).ToHaveCountAsync(2);
        await Assertions.Expect(page.Locator("[data-testid=posting-history]")).ToContainTextAsync("调整撤换");
    }
}
