using Longan.Appraisal.Tests.E2E.Pages;
using Longan.Appraisal.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Longan.Appraisal.Tests.E2E;

[Collection(PortalCollection.Name)]
public sealed class AuditTests(PortalFixture portal)
{
    [Fact]
    public async Task FailedSignIn_AndARefusedPage_AppearInTheCountysAuditTrail_WhoseChainHolds()
    {
        var stranger = "nobody." + Guid.NewGuid().ToString("N")[..6];
        var page = await portal.NewPageAsync();
        var login = new LoginPage(page);
        await login.GotoAsync();
        await login.SubmitAsync(stranger, "not a password");
        await Assertions.Expect(login.Error).ToContainTextAsync("登录名或密码不正确");

        var township = await portal.SignedInPageAsync(Demo.Chengxiang);
        await township.GotoAsync("/audit");
        await Assertions.Expect(township.GetByText("您的账号无权查看此页面")).ToBeVisibleAsync();

        var county = await portal.SignedInPageAsync(Demo.County);
        await county.GetByRole(AriaRole.Link, new() { Name = "审计日志" }).ClickAsync();
        var grid = county.Locator("[data-testid=audit-grid]");
        await Shell.EnterAsync(grid.Locator(".search-box input"), stranger);
        await Assertions.Expect(grid.Locator("tbody tr").Filter(new() { HasText = stranger })).ToContainTextAsync("登录失败");
        await Assertions.Expect(grid.Locator("tbody tr").Filter(new() { HasText = stranger })).ToContainTextAsync("无此账号");

        await Shell.EnterAsync(grid.Locator(".search-box input"), Demo.Chengxiang);
        await Assertions.Expect(grid.Locator("tbody tr").Filter(new() { HasText = "拒绝访问" }).First).ToContainTextAsync("/audit");

        await county.ClickAsync("[data-testid=audit-verify]");
        await Assertions.Expect(county.Locator("[data-testid=audit-verification]")).ToContainTextAsync("审计日志完整");
    }
}
