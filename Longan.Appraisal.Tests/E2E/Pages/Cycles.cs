using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Longan.Appraisal.Tests.E2E.Pages;

/// <summary>What 组织部 does to a year's cycle through the pages, for tests that need one open.</summary>
public static partial class Cycles
{
    /// <summary>Creates the year's cycle on 考核年度 and starts collection from its page; returns its id.</summary>
    public static async Task<int> OpenCollectionAsync(PortalFixture portal, int year) =>
        await OpenCollectionAsync(await portal.SignedInPageAsync(Infrastructure.Demo.County), year);

    /// <summary>The same on a page signed in as 组织部 (closed afterwards).</summary>
    public static async Task<int> OpenCollectionAsync(IPage county, int year)
    {
        await county.GotoAsync("/cycles");
        await Shell.WaitForInteractiveAsync(county);
        await Shell.EnterAsync(county.Locator("[data-testid=cycle-year]"), year.ToString(CultureInfo.InvariantCulture));
        await county.ClickAsync("[data-testid=add-cycle]");
        await county.WaitForURLAsync(CycleUrl(), new() { WaitUntil = WaitUntilState.Commit });
        await county.ClickAsync("[data-testid=move-Collecting]");
        await county.Locator(".mud-dialog").GetByRole(AriaRole.Button, new() { Name = "开始采集" }).ClickAsync();
        await Assertions.Expect(county.Locator("[data-testid=cycle-state]").First).ToHaveTextAsync("采集中");
        var id = int.Parse(CycleUrl().Match(county.Url).Groups[1].Value, CultureInfo.InvariantCulture);
        await county.Context.CloseAsync();
        return id;
    }

    [GeneratedRegex(@"/cycles/(\d+)$")]
    private static partial Regex CycleUrl();
}
