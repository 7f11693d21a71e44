using Microsoft.Playwright;

namespace Longan.Appraisal.Tests.E2E.Pages;

/// <summary>The sign-in page, as a user meets it.</summary>
public sealed class LoginPage(IPage page)
{
    public ILocator Error => page.Locator("[data-testid=login-error]");

    public async Task GotoAsync() => await page.GotoAsync("/login");

    /// <summary>Signs in and waits for the landing page's circuit to be interactive.</summary>
    public async Task SignInAsync(string userName, string password)
    {
        await SubmitAsync(userName, password);
        await page.WaitForURLAsync(url => !url.Contains("/login", StringComparison.Ordinal));
        await Shell.WaitForInteractiveAsync(page);
    }

    public async Task SubmitAsync(string userName, string password)
    {
        await page.FillAsync("#username", userName);
        await page.FillAsync("#password", password);
        await page.ClickAsync("[data-testid=login-submit]");
    }
}
