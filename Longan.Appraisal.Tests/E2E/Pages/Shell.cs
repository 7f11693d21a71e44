using Microsoft.Playwright;

namespace Longan.Appraisal.Tests.E2E.Pages;

/// <summary>The portal's frame: navigation, the user chip, the interactive marker.</summary>
public static class Shell
{
    /// <summary>Waits until the circuit has replaced the prerendered page, so clicks reach the server.</summary>
    public static Task WaitForInteractiveAsync(IPage page) =>
        page.Locator(".mud-layout[data-interactive=true]").WaitForAsync();

    /// <summary>
    /// Types into a field and leaves it, as a person does before reaching for a button: MudBlazor
    /// commits a field's value on change, and a click dispatched in the same instant can overtake it.
    /// </summary>
    public static async Task EnterAsync(ILocator field, string text)
    {
        await field.FillAsync(text);
        await field.PressAsync("Tab");
    }

    /// <summary>The texts of the navigation links, in order (without the counts of waiting work).</summary>
    public static async Task<IReadOnlyList<string>> NavItemsAsync(IPage page) =>
        await page.Locator("[data-testid=nav] a").EvaluateAllAsync<string[]>(
            "links => links.map(a => { const c = a.cloneNode(true); c.querySelectorAll('.nav-count').forEach(n => n.remove()); return c.textContent.trim(); })");
}
