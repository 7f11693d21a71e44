using Microsoft.Playwright;

namespace Longan.Appraisal.Tests.E2E.Pages;

/// <summary>An assistant's entry page (评议录入), as the people who enter evaluations use it.</summary>
public static class EntryPage
{
    /// <summary>On the 五老监督 tab: a praise about service attitude with the given words; waits until it is listed as 待核实.</summary>
    public static async Task FilePraiseAsync(IPage page, string description)
    {
        await page.Locator("[data-testid=record-nature]").GetByText("表扬", new() { Exact = true }).ClickAsync();
        await page.Locator("[data-testid=record-category]").ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item").Filter(new() { HasText = "服务态度" }).ClickAsync();
        await Shell.EnterAsync(page.Locator("[data-testid=record-description]"), description);
        await page.ClickAsync("[data-testid=record-save]");
        var filed = page.Locator("[data-testid=record-list] > *").Filter(new() { HasText = description });
        await Assertions.Expect(filed.Locator("[data-testid=record-status]")).ToHaveTextAsync("待核实");
    }
}
