using Microsoft.Playwright;

namespace Longan.Appraisal.Tests.E2E.Pages;

/// <summary>What 组织部 does on 账号管理, for tests that need more people than the demo has.</summary>
public static class Accounts
{
    /// <summary>Gives an assistant (found by their 编号) an account through the account dialog.</summary>
    public static async Task CreateAssistantAccountAsync(PortalFixture portal, string userName, string displayName, string assistantCode)
    {
        var county = await portal.SignedInPageAsync(Infrastructure.Demo.County);
        await county.GotoAsync("/accounts");
        await Shell.WaitForInteractiveAsync(county);
        await county.ClickAsync("[data-testid=add-account]");
        var dialog = county.Locator(".mud-dialog");
        await Shell.EnterAsync(dialog.Locator("[data-testid=account-username]"), userName);
        await Shell.EnterAsync(dialog.Locator("[data-testid=account-displayname]"), displayName);
        await dialog.Locator("[data-testid=account-role]").ClickAsync();
        await county.Locator(".mud-popover-open .mud-list-item").Filter(new() { HasText = "助理员" }).ClickAsync();
        await dialog.Locator("[data-testid=assistant-picker]").FillAsync(assistantCode);
        await county.Locator(".mud-popover-open .mud-list-item").Filter(new() { HasText = assistantCode }).ClickAsync();
        // The choice has reached the dialog before anything else is typed (a loaded machine can lag).
        await Assertions.Expect(dialog.Locator("[data-testid=assistant-picker]")).ToHaveValueAsync(new System.Text.RegularExpressions.Regex(assistantCode));
        await Shell.EnterAsync(dialog.Locator("[data-testid=account-password]"), Infrastructure.Demo.Password);
        await dialog.Locator("[data-testid=dialog-save]").ClickAsync();
        // Hashing the password on purpose costs a few hundred milliseconds; under a loaded CI machine, seconds.
        try
        {
            await Assertions.Expect(county.Locator(".mud-dialog")).ToHaveCountAsync(0, new() { Timeout = 30_000 });
        }
        catch (PlaywrightException ex)
        {
            throw new InvalidOperationException($"The account dialog for {userName} stayed open, saying: {await dialog.InnerTextAsync()}", ex);
        }
        await Assertions.Expect(county.Locator("[data-testid=accounts-grid]")).ToContainTextAsync(userName);
        await county.Context.CloseAsync();
    }
}
