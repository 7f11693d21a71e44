using System.Text.RegularExpressions;
using Longan.Appraisal.Tests.E2E.Pages;
using Longan.Appraisal.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Longan.Appraisal.Tests.E2E;

/// <summary>Collection end to end: a supervisor on a phone, the township verifying, the dashboard moving.</summary>
[Collection(PortalCollection.Name)]
public sealed partial class CollectionTests(PortalFixture portal)
{
    [Fact]
    public async Task Supervisor_OnAPhone_EntersTallyAndFilesRecord_TownshipVerifies_DashboardMoves()
    {
        await Cycles.OpenCollectionAsync(portal, 2026);

        // The supervisor, on a 390 × 844 phone.
        var phone = await portal.SignedInPageAsync(Demo.Supervisor, width: 390, height: 844);
        // From the home page, one tap: a meeting's tally (the other big button files a record).
        await Assertions.Expect(phone.Locator("[data-testid=home-file-record]")).ToBeVisibleAsync();
        await phone.ClickAsync("[data-testid=home-enter-tally]");
        await phone.WaitForURLAsync(CollectUrl(), new() { WaitUntil = WaitUntilState.Commit });
        var match = CollectUrl().Match(phone.Url);
        var (cycle, assistant) = (match.Groups[1].Value, match.Groups[2].Value);
        await Shell.WaitForInteractiveAsync(phone);
        // A supervisor's own task, the five-elders records, opens first; the meeting's tally is the other tab.
        await Assertions.Expect(phone.GetByRole(AriaRole.Tab)).ToHaveTextAsync(["五老监督", "群众评议"]);

        await phone.Locator("[data-testid=tally-satisfied]").FillAsync("20");
        await phone.Locator("[data-testid=tally-basic]").FillAsync("5");
        await phone.Locator("[data-testid=tally-dissatisfied]").FillAsync("1");
        await Assertions.Expect(phone.Locator("[data-testid=tally-live]")).ToContainTextAsync("本次有效票 26");
        await phone.ClickAsync("[data-testid=tally-save]");
        await Assertions.Expect(phone.Locator("[data-testid=tally-list] tbody tr")).ToHaveCountAsync(1);

        await phone.GetByRole(AriaRole.Tab, new() { Name = "五老监督" }).ClickAsync();
        await EntryPage.FilePraiseAsync(phone, "主动上门帮五保户代办医保");
        Assert.True(await phone.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"));

        // The township sees it on the dashboard, verifies it, and the count of records to verify drops.
        var township = await portal.SignedInPageAsync(Demo.Natong);
        await township.GotoAsync($"/cycles/{cycle}/progress");
        await Shell.WaitForInteractiveAsync(township);
        var row = township.Locator("tr").Filter(new() { HasText = "浪湾村" });
        await Assertions.Expect(row.Locator("[data-testid=count-chip]").First).ToHaveTextAsync("26 / 10");
        await Assertions.Expect(township.Locator("[data-testid=progress-summary]")).ToContainTextAsync("待核实记录 1 条");

        await township.GotoAsync($"/cycles/{cycle}/verify");
        await Shell.WaitForInteractiveAsync(township);
        await township.ClickAsync("[data-testid=verify-confirm]");
        await township.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "属实", Exact = true }).ClickAsync();
        await Assertions.Expect(township.GetByText("没有待核实的记录。")).ToBeVisibleAsync();

        await township.GotoAsync($"/cycles/{cycle}/progress");
        await Assertions.Expect(township.Locator("[data-testid=progress-summary]")).ToContainTextAsync("待核实记录 0 条");

        await phone.GotoAsync($"/cycles/{cycle}/assistants/{assistant}");
        await Shell.WaitForInteractiveAsync(phone);
        await phone.GetByRole(AriaRole.Tab, new() { Name = "五老监督" }).ClickAsync();
        await Assertions.Expect(phone.Locator("[data-testid=record-status]").First).ToHaveTextAsync("属实");
    }

    [GeneratedRegex(@"/cycles/(\d+)/assistants/(\d+)(\?.*)?$")]
    private static partial Regex CollectUrl();
}
