using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Longan.Appraisal.Core.Features.Ballots;
using Longan.Appraisal.Tests.E2E.Pages;
using Longan.Appraisal.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Longan.Appraisal.Tests.E2E;

/// <summary>
/// Issue 12: a villager votes on a 360-px phone from a slip's address, without an account, and
/// cannot vote twice with it; the ballot pages carry no script and are axe clean.
/// </summary>
[Collection(PortalCollection.Name)]
public sealed class PhoneVoteTests(JourneyFixture journeys)
{
    private PortalFixture Portal => journeys.Portal;

    [Fact]
    public async Task Villager_OnAPhone_OpensTheSlipsAddress_Votes_IsThanked_AndTheCodeIsThenSpent()
    {
        var code = (await OpenVillagersSessionAsync("LA0019", 3, "那桐村委会议室"))[0];
        var phone = await Portal.NewPageAsync(360, 740);

        await phone.GotoAsync(BallotSlips.Address(Portal.Server.BaseUrl, BallotCodes.Canonical(code)!));
        await Assertions.Expect(phone.Locator("[data-testid=vote-assistant]")).ToContainTextAsync("覃小燕");
        await AxeCleanAsync(phone);
        await phone.Locator("[data-testid=vote-next]").ClickAsync();
        await Assertions.Expect(phone.Locator("[data-testid=vote-confirm]")).ToHaveCountAsync(0); // nothing chosen: the browser asks first
        await phone.GetByText("满意", new() { Exact = true }).ClickAsync();
        await phone.Locator("textarea").FillAsync("希望多来村里走访");
        await phone.Locator("[data-testid=vote-next]").ClickAsync();
        await Assertions.Expect(phone.Locator("[data-testid=vote-confirm]")).ToBeVisibleAsync();
        await Assertions.Expect(phone.Locator(".vote-summary")).ToContainTextAsync("满意");
        await phone.Locator("[data-testid=vote-submit]").ClickAsync();
        await Assertions.Expect(phone.Locator("[data-testid=vote-thanks]")).ToBeVisibleAsync();
        Assert.True(await phone.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"));
        Assert.Equal(0, await phone.Locator("script").CountAsync());

        await phone.GotoAsync($"/v/{code}");
        await Assertions.Expect(phone.Locator("[data-testid=vote-state]")).ToContainTextAsync("已经投过票");
        await phone.GotoAsync("/v");
        await phone.Locator("[data-testid=vote-code]").FillAsync(code.ToLowerInvariant().Replace("-", " "));
        await phone.Locator("[data-testid=vote-open]").ClickAsync();
        await Assertions.Expect(phone.Locator("[data-testid=vote-state]")).ToContainTextAsync("已经投过票");
        await phone.GotoAsync("/v/2345-6789-ABCD");
        await Assertions.Expect(phone.Locator("[data-testid=vote-state]")).ToContainTextAsync("测评码无效");
        await AxeCleanAsync(phone);
    }

    [Theory]
    [InlineData(1366)]
    [InlineData(360)]
    public async Task Township_OpensASessionFromCollectionProgress_PrintsSlips_SeesSpentCodesNotVotes_Closes(int width)
    {
        var page = await Portal.SignedInPageAsync(Demo.Natong, width, height: 800);
        var cycle = await Portal.Server.CycleIdAsync(2026);
        await page.GotoAsync($"/cycles/{cycle}/progress");
        await Shell.WaitForInteractiveAsync(page);
        await page.ClickAsync("[data-testid=progress-sessions]");
        await Shell.WaitForInteractiveAsync(page);
        await page.ClickAsync("[data-testid=session-new]");
        var dialog = page.Locator(".mud-dialog");
        await dialog.Locator("[data-testid=session-assistants]").ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item").Filter(new() { HasText = "上邓村" }).ClickAsync();
        await Assertions.Expect(page.Locator(".mud-popover-open .mud-list-item")).ToHaveCountAsync(0);
        await Shell.EnterAsync(dialog.Locator("[data-testid=session-codes]"), "4");
        await Shell.EnterAsync(dialog.Locator("[data-testid=session-place]"), $"上邓村委会议室 {width}");
        await Assertions.Expect(dialog.Locator("[data-testid=session-codes]")).ToHaveValueAsync("4");
        await dialog.Locator("[data-testid=dialog-save]").ClickAsync();

        await Assertions.Expect(page.Locator("[data-testid=session-opened]")).ToContainTextAsync("测评码 4 个");
        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("[data-testid=session-slips]"));
        var slips = await File.ReadAllBytesAsync((await download.PathAsync())!);
        Assert.StartsWith("%PDF-", System.Text.Encoding.ASCII.GetString(slips, 0, 5));
        var session = page.Locator("[data-testid=session]").Filter(new() { HasText = $"上邓村委会议室 {width}" });
        await Assertions.Expect(session.Locator("[data-testid=session-spent]")).ToContainTextAsync("已投票 0 / 4");
        await Assertions.Expect(session.Locator("[data-testid=session-state]")).ToHaveTextAsync("投票中");

        await session.Locator("[data-testid=session-close]").ClickAsync();
        await page.Locator(".mud-dialog").GetByRole(AriaRole.Button, new() { Name = "结束投票" }).ClickAsync();
        await Assertions.Expect(session.Locator("[data-testid=session-state]")).ToHaveTextAsync("已结束");
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"));
    }

    [Fact]
    public async Task Township_OnAPhone_FindsAFlaggedSessionOnItsHome_KeepsIt_AndSeesPhoneBesidePaper()
    {
        var codes = await OpenVillagersSessionAsync("LA0021", 10, "定江村文化室");
        using (var firstTab = await PhoneVoter.OpenAsync(Portal.Server.BaseUrl, codes[0]))
        {
            foreach (var code in codes)
            {
                Assert.Equal("/v/thanks", await PhoneVoter.CastAsync(Portal.Server.BaseUrl, code, choice: 1));
            }
            // The same ballot sent again from another tab (or a retry on a weak network) is told plainly that the code was used.
            using var again = await firstTab.SubmitAsync(choice: 1);
            Assert.Equal(System.Net.HttpStatusCode.OK, again.StatusCode);
            Assert.Contains("已经投过票", await again.Content.ReadAsStringAsync());
        }
        var cycle = await Portal.Server.CycleIdAsync(2026);
        var page = await Portal.SignedInPageAsync(Demo.Natong, 360, height: 740);
        await page.GotoAsync($"/cycles/{cycle}/sessions");
        await Shell.WaitForInteractiveAsync(page);
        var session = page.Locator("[data-testid=session]").Filter(new() { HasText = "定江村文化室" });
        await Assertions.Expect(session.Locator("[data-testid=session-spent]")).ToContainTextAsync("已投票 10 / 10");
        await session.Locator("[data-testid=session-close]").ClickAsync();
        await page.Locator(".mud-dialog").GetByRole(AriaRole.Button, new() { Name = "结束投票" }).ClickAsync();
        await Assertions.Expect(session.Locator("[data-testid=session-flag]").Filter(new() { HasText = "全场一致" })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator(".mud-snackbar")).ToHaveCSSAsync("opacity", "1"); // faded in: axe measures the colours it ends with
        await AxeCleanAsync(page);

        // The flag is a task on the township's home page, which leads back to the session.
        await page.GotoAsync("/");
        await Shell.WaitForInteractiveAsync(page);
        var task = page.Locator("a").Filter(new() { HasText = "定江村文化室" });
        await Assertions.Expect(task).ToContainTextAsync("异常提示");
        await task.ClickAsync();
        await Shell.WaitForInteractiveAsync(page);
        await session.Locator("[data-testid=session-keep]").ClickAsync();
        await page.Locator(".mud-dialog").GetByRole(AriaRole.Button, new() { Name = "已查看，保留这些票" }).ClickAsync();
        await Assertions.Expect(session.Locator("[data-testid=session-flags]")).ToContainTextAsync("已于");
        await Assertions.Expect(session.Locator("[data-testid=session-keep]")).ToHaveCountAsync(0);
        await page.GotoAsync("/");
        await Shell.WaitForInteractiveAsync(page);
        await Assertions.Expect(page.Locator("a").Filter(new() { HasText = "定江村文化室" })).ToHaveCountAsync(0);

        // Paper and phone side by side, and the phone tally marked as such and fixed.
        await page.GotoAsync($"/cycles/{cycle}/progress");
        await Shell.WaitForInteractiveAsync(page);
        var row = page.Locator("tr").Filter(new() { HasText = "定江村" });
        await Assertions.Expect(row.Locator("[data-testid=progress-villagers-source]")).ToContainTextAsync("手机 10");
        await AxeCleanAsync(page);
        var assistant = await row.GetByRole(AriaRole.Link, new() { Name = "黄晓东" }).GetAttributeAsync("href");
        await page.GotoAsync(assistant + "?group=tally");
        await Shell.WaitForInteractiveAsync(page);
        var phoneTally = page.Locator("[data-testid=tally-list] tr").Filter(new() { Has = page.Locator("[data-testid=source-phone]") });
        await Assertions.Expect(phoneTally).ToHaveCountAsync(1);
        await Assertions.Expect(phoneTally.GetByRole(AriaRole.Button)).ToHaveCountAsync(0);
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"));
    }

    /// <summary>A 群众评议 session opened now with `ballot-session open`; its codes, as the slips carry them.</summary>
    private async Task<IReadOnlyList<string>> OpenVillagersSessionAsync(string assistant, int codes, string place)
    {
        var dir = Directory.CreateTempSubdirectory("vote-");
        try
        {
            var list = Path.Combine(dir.FullName, "codes.txt");
            await Portal.Server.RunVerbAsync("ballot-session", "open", "--year", "2026", "--group", "群众评议", "--assistant", assistant, "--codes", codes.ToString(System.Globalization.CultureInfo.InvariantCulture),
                "--out", Path.Combine(dir.FullName, "slips.pdf"), "--list", list, "--place", place);
            return File.ReadAllLines(list);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    private static async Task AxeCleanAsync(IPage page)
    {
        var result = await page.RunAxe(new AxeRunOptions { RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } });
        var violations = result.Violations.Select(v => $"{v.Id}: {v.Help} at {string.Join(", ", v.Nodes.Select(n => n.Target))}").ToList();
        Assert.True(violations.Count == 0, string.Join("\n", violations));
    }
}
