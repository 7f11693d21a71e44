using Microsoft.Playwright;

namespace Longan.Appraisal.Tests.E2E.Pages;

/// <summary>The portal's frame: navigation, the user chip, the interactive marker.</summary>
public static class Shell
{
    /// <summary>Waits until the circuit has replaced the prerendered page, so clicks reach the server.</summary>
    public static Task WaitForInteractiveAsync(IPage page) =>
        page.Locator(".mud-layout[data-interactive=true]").WaitForAsync();

    /// <summary>The texts of the navigation links, in order.</summary>
    public static async Task<IReadOnlyList<string>> NavItemsAsync(IPage page) =>
        (await page.Locator("[data-testid=nav] a").AllInnerTextsAsync()).Select(t => t.Trim()).ToList();
}
