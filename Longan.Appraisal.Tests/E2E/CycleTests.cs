using Longan.Appraisal.Tests.E2E.Pages;
using Longan.Appraisal.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Longan.Appraisal.Tests.E2E;

/// <summary>The county runs a cycle's lifecycle from the pages (spec §2).</summary>
[Collection(PortalCollection.Name)]
public sealed class CycleTests(PortalFixture portal)
{
    [Fact]
    public async Task County_CreatesCycle_FixesRules_OpensCollection_RulesFreeze()
    {
        var page = await portal.SignedInPageAsync(Demo.County);
        await page.GotoAsync("/cycles");
        await Shell.WaitForInteractiveAsync(page);

        await Shell.EnterAsync(page.Locator("[data-testid=cycle-year]"), "2030");
        await page.ClickAsync("[data-testid=add-cycle]");
        await page.WaitForURLAsync(new System.Text.RegularExpressions.Regex(@"/cycles/\d+$"), new() { WaitUntil = WaitUntilState.Commit });
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("2030 年度考核");

        await Shell.EnterAsync(page.Locator("[data-testid=rule-WeightVillagers]"), "50");
        await page.ClickAsync("[data-testid=save-rules]");
        await Assertions.Expect(page.GetByText("三项评议的权重之和必须是 100%，现在是 110%。")).ToBeVisibleAsync();

        await Shell.EnterAsync(page.Locator("[data-testid=rule-WeightVillagers]"), "40");
        await page.ClickAsync("[data-testid=save-rules]");
        await Assertions.Expect(page.Locator(".mud-snackbar").Filter(new() { HasText = "规则已保存" })).ToBeVisibleAsync();

        await page.ClickAsync("[data-testid=move-Collecting]");
        await page.Locator(".mud-dialog").GetByRole(AriaRole.Button, new() { Name = "开始采集" }).ClickAsync();

        await Assertions.Expect(page.Locator("[data-testid=cycle-state]").First).ToHaveTextAsync("采集中");
        await Assertions.Expect(page.Locator("[data-testid=save-rules]")).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("[data-testid=cycle-history]")).ToContainTextAsync(Demo.County);
    }

    [Fact]
    public async Task Township_SeesCyclesButCannotChangeThem()
    {
        var page = await portal.SignedInPageAsync(Demo.Natong);
        await page.GotoAsync("/cycles");
        await Shell.WaitForInteractiveAsync(page);

        Assert.Equal(0, await page.Locator("[data-testid=add-cycle]").CountAsync());
    }
}
