using System.Text.RegularExpressions;
using Longan.Appraisal.Tests.E2E.Pages;
using Longan.Appraisal.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Longan.Appraisal.Tests.E2E;

/// <summary>
/// Issue 11: each role does its main task to the end starting from its home page, by clicking what
/// the page offers (no typed address), on a desktop and on a 360-px phone. The journeys run on a
/// portal of their own (the demo county with 2026 open for collection and three more assistants
/// with accounts), so what one journey enters cannot move another test's counts.
/// </summary>
[Collection(PortalCollection.Name)]
public sealed partial class RoleJourneyTests(JourneyFixture journeys)
{
    private PortalFixture Portal => journeys.Portal;

    public static TheoryData<int, string, string, string, int> TownshipRuns() => new()
    {
        { 1366, "大滕村", "蒙雪莲", "D01", 3 },
        { 360, "定江村", "黄晓东", "P01", 4 },
    };

    [Theory]
    [MemberData(nameof(TownshipRuns))]
    public async Task Township_FromHome_TallyPartyBallot20CadreBallotsVerificationAndAMonthOfAttendance(int width, string village, string assistant, string firstTicket, int month)
    {
        var record = $"{width} 像素：主动帮五保户代办医保";
        await FileRecordAsSupervisorAsync(width, record);
        var page = await Portal.SignedInPageAsync(Demo.Natong, width, height: 800);

        // 待办事项 → the village's line → its assistant's entry page, on the group that is missing.
        await page.Locator("[data-testid=work-item] a").Filter(new() { HasText = $"{village} {assistant}" }).ClickAsync();
        await page.WaitForURLAsync(EntryUrl(), new() { WaitUntil = WaitUntilState.Commit });
        await Shell.WaitForInteractiveAsync(page);
        await Assertions.Expect(page.Locator("h1")).ToContainTextAsync(assistant);

        await page.GetByRole(AriaRole.Tab, new() { Name = "群众评议" }).ClickAsync();
        await page.Locator("[data-testid=tally-satisfied]").FillAsync("9");
        await page.Locator("[data-testid=tally-basic]").FillAsync("2");
        await page.Locator("[data-testid=tally-dissatisfied]").FillAsync("1");
        await Assertions.Expect(page.Locator("[data-testid=tally-live]")).ToContainTextAsync("本次有效票 12");
        await page.ClickAsync("[data-testid=tally-save]");
        await Assertions.Expect(page.Locator("[data-testid=tally-list] tbody tr")).ToHaveCountAsync(1);

        await page.GetByRole(AriaRole.Tab, new() { Name = "党组织评议" }).ClickAsync();
        string[] duties = ["PolicyAdvocate", "PublicOpinion", "CivilAgent", "DisputeMediator", "PartyBuildingGuide"];
        foreach (var (duty, score) in duties.Zip(new[] { "18", "17", "16", "18", "17.5" }))
        {
            await page.Locator($"[data-testid=party-{duty}]").FillAsync(score);
        }
        await Assertions.Expect(page.Locator("[data-testid=party-total]")).ToHaveTextAsync("86.5");
        await page.ClickAsync("[data-testid=party-save]");
        await Assertions.Expect(page.Locator("[data-testid=party-list] tbody tr")).ToHaveCountAsync(1);

        // 20 paper ballots in stack mode: the first with its 票号 typed, the rest one key and Enter each.
        await page.GetByRole(AriaRole.Tab, new() { Name = "党员干部评议" }).ClickAsync();
        await page.Locator("[data-testid=cadre-ticket]").FillAsync(firstTicket);
        await page.ClickAsync("[data-testid=grade-2]");
        await page.ClickAsync("[data-testid=cadre-save]");
        await Assertions.Expect(page.Locator("[data-testid=cadre-count]")).ToHaveTextAsync("1");
        for (var n = 2; n <= 20; n++)
        {
            await page.Keyboard.PressAsync(((n % 4) + 1).ToString(System.Globalization.CultureInfo.InvariantCulture));
            await page.Keyboard.PressAsync("Enter");
            await Assertions.Expect(page.Locator("[data-testid=cadre-count]")).ToHaveTextAsync(n.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        var tickets = await page.Locator("[data-testid=cadre-list] tbody tr td:first-child").AllInnerTextsAsync();
        Assert.Equal(Enumerable.Range(1, 20).Select(n => $"{firstTicket[0]}{n:00}").Order(), tickets.Order());

        // Home again (the menu, not an address): the record to verify, then a month of attendance.
        await HomeAsync(page);
        await page.Locator("[data-testid=work-item] a").Filter(new() { HasText = "条五老监督记录待核实" }).ClickAsync();
        await Shell.WaitForInteractiveAsync(page);
        var pending = page.Locator("[data-testid=pending-list] > .mud-paper").Filter(new() { HasText = record });
        await pending.Locator("[data-testid=verify-confirm]").ClickAsync();
        await page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "属实", Exact = true }).ClickAsync();
        await Assertions.Expect(pending).ToHaveCountAsync(0);

        await HomeAsync(page);
        await page.Locator("[data-testid=work-item] a").Filter(new() { HasText = "个月的驻村考勤未录入" }).ClickAsync();
        await Shell.WaitForInteractiveAsync(page);
        var cell = page.GetByLabel($"{assistant} {month}月", new() { Exact = true });
        await cell.FillAsync("22");
        await cell.PressAsync("Tab");
        await Assertions.Expect(page.Locator("[data-testid=attendance-saved]")).ToBeVisibleAsync();
        await page.ReloadAsync();
        await Shell.WaitForInteractiveAsync(page);
        await Assertions.Expect(page.GetByLabel($"{assistant} {month}月", new() { Exact = true })).ToHaveValueAsync("22");
        await NoSidewaysScrollAsync(page);

        // The village's line has gone from the home page: nothing is missing there any more.
        await HomeAsync(page);
        await Assertions.Expect(page.Locator("[data-testid=work-item]").Filter(new() { HasText = $"{village} {assistant}" })).ToHaveCountAsync(0);
    }

    [Theory]
    [InlineData(1366)]
    [InlineData(360)]
    public async Task Supervisor_FromHome_FilesARecordAndEntersAMeetingsTally(int width)
    {
        var description = $"{width} 像素：调解邻里宅基地纠纷";
        var page = await FileRecordAsSupervisorAsync(width, description);

        // The record is on the home page with its status.
        await HomeAsync(page);
        await Assertions.Expect(page.Locator("[data-testid=home-my-records]")).ToContainTextAsync("表扬：待核实");

        await page.ClickAsync("[data-testid=home-enter-tally]");
        await page.WaitForURLAsync(EntryUrl(), new() { WaitUntil = WaitUntilState.Commit });
        await Shell.WaitForInteractiveAsync(page);
        await page.Locator("[data-testid=tally-satisfied]").FillAsync("15");
        await page.Locator("[data-testid=tally-basic]").FillAsync("4");
        await page.Locator("[data-testid=tally-dissatisfied]").FillAsync("1");
        await Shell.EnterAsync(page.Locator("[data-testid=tally-round]"), $"{width} 像素：3月村民代表会议");
        await Assertions.Expect(page.Locator("[data-testid=tally-live]")).ToContainTextAsync("本次有效票 20");
        await page.ClickAsync("[data-testid=tally-save]");
        var saved = page.Locator("[data-testid=tally-list] tbody tr").Filter(new() { HasText = $"{width} 像素：3月村民代表会议" });
        await Assertions.Expect(saved).ToHaveCountAsync(1);
        await Assertions.Expect(saved).ToContainTextAsync("15");
        await NoSidewaysScrollAsync(page);
    }

    [Theory]
    [InlineData(1366, JourneyFixture.ShangdengAssistant)]
    [InlineData(360, Demo.Assistant)]
    public async Task Assistant_FromHome_ReadsTheResult_DownloadsTheCard_Appeals(int width, string user)
    {
        var page = await Portal.SignedInPageAsync(user, width, height: 800);

        await page.Locator("[data-testid=work-item] a").Filter(new() { HasText = "2025 年度：" }).ClickAsync();
        await Shell.WaitForInteractiveAsync(page);
        var result = page.Locator("[data-testid=my-result]");
        await Assertions.Expect(result).ToContainTextAsync("综合得分");
        await Assertions.Expect(result).ToContainTextAsync(new Regex(@"全县排名 \d+ / \d+"));
        await Assertions.Expect(result).ToContainTextAsync("等次线：优秀 90.00 分起");

        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("[data-testid=my-card]"));
        var path = await download.PathAsync();
        Assert.StartsWith("%PDF-", System.Text.Encoding.ASCII.GetString(File.ReadAllBytes(path!).AsSpan(0, 5)));

        await page.ClickAsync("[data-testid=appeal-start]");
        await Shell.EnterAsync(page.Locator("[data-testid=appeal-reason]"), $"{width} 像素：六月实际在村 21 天，考勤少记了天数，有签到表为证。");
        await page.ClickAsync("[data-testid=appeal-submit]");
        await page.Locator(".mud-dialog").GetByRole(AriaRole.Button, new() { Name = "提交申请" }).ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=my-appeal-item]")).ToContainTextAsync("待办理");
        await NoSidewaysScrollAsync(page);

        await HomeAsync(page);
        await Assertions.Expect(page.Locator("[data-testid=work-item]").Filter(new() { HasText = "复核申请" })).ToContainTextAsync("待办理");
    }

    [Theory]
    [InlineData(1366, JourneyFixture.DatengAssistant, "蒙雪莲")]
    [InlineData(360, JourneyFixture.NatongAssistant, "覃小燕")]
    public async Task County_AnswersAnAppeal_FromTheHomePagesList(int width, string appellant, string name)
    {
        var reason = $"{width} 像素：党员干部评议的票数与会议记录不符。";
        var assistant = await Portal.SignedInPageAsync(appellant, 360, height: 800);
        await assistant.Locator("[data-testid=work-item] a").Filter(new() { HasText = "2025 年度：" }).ClickAsync();
        await Shell.WaitForInteractiveAsync(assistant);
        await assistant.ClickAsync("[data-testid=appeal-start]");
        await Shell.EnterAsync(assistant.Locator("[data-testid=appeal-reason]"), reason);
        await assistant.ClickAsync("[data-testid=appeal-submit]");
        await assistant.Locator(".mud-dialog").GetByRole(AriaRole.Button, new() { Name = "提交申请" }).ClickAsync();
        await Assertions.Expect(assistant.Locator("[data-testid=my-appeal-item]")).ToContainTextAsync("待办理");

        var county = await Portal.SignedInPageAsync(Demo.County, width, height: 800);
        var item = county.Locator("[data-testid=work-item]").Filter(new() { HasText = name });
        await Assertions.Expect(item).ToContainTextAsync("等待答复");
        await Assertions.Expect(item.Locator(".work-due")).ToContainTextAsync("到期");
        await item.Locator("a").ClickAsync();
        await Shell.WaitForInteractiveAsync(county);
        var appeal = county.Locator("[data-testid=appeal]").Filter(new() { HasText = reason });
        await appeal.Locator("[data-testid=appeal-uphold]").ClickAsync();
        await Shell.EnterAsync(county.Locator("[data-testid=reason]"), "经核对会议记录与票箱，票数无误，维持原结果。");
        await county.ClickAsync("[data-testid=dialog-save]");
        await Assertions.Expect(appeal).ToHaveCountAsync(0);
        await NoSidewaysScrollAsync(county);

        await HomeAsync(county);
        await Assertions.Expect(county.Locator("[data-testid=work-item]").Filter(new() { HasText = name })).ToHaveCountAsync(0);
        await assistant.ReloadAsync();
        await Shell.WaitForInteractiveAsync(assistant);
        await Assertions.Expect(assistant.Locator("[data-testid=my-appeal-answer]")).ToContainTextAsync("维持原结果");
    }

    /// <summary>The supervisor, from their home page: 记一条监督记录, a praise with its category and words; returns their page.</summary>
    private async Task<IPage> FileRecordAsSupervisorAsync(int width, string description)
    {
        var page = await Portal.SignedInPageAsync(Demo.Supervisor, width, height: 800);
        await page.ClickAsync("[data-testid=home-file-record]");
        await page.WaitForURLAsync(EntryUrl(), new() { WaitUntil = WaitUntilState.Commit });
        await Shell.WaitForInteractiveAsync(page);
        await EntryPage.FilePraiseAsync(page, description);
        await NoSidewaysScrollAsync(page);
        return page;
    }

    /// <summary>Back to 首页 through the navigation: the drawer's link on a desktop, the menu button first on a phone (a closed drawer slides off screen, so it is asked, not looked at).</summary>
    private static async Task HomeAsync(IPage page)
    {
        var home = page.Locator("[data-testid=nav] a").Filter(new() { HasText = "首页" });
        // A phone's drawer closes itself after a navigation, possibly just as it is looked at: try again then.
        for (var attempt = 1; ; attempt++)
        {
            if (await page.Locator(".mud-drawer.mud-drawer--open").CountAsync() == 0)
            {
                await page.GetByRole(AriaRole.Button, new() { Name = "展开或收起菜单" }).ClickAsync();
            }
            try
            {
                await home.ClickAsync(new() { Timeout = 5000 });
                break;
            }
            catch (TimeoutException) when (attempt < 3)
            {
            }
        }
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/", new() { WaitUntil = WaitUntilState.Commit });
        await Shell.WaitForInteractiveAsync(page);
        await Assertions.Expect(page.Locator("[data-testid=home-work], [data-testid=home-actions]").First).ToBeVisibleAsync();
    }

    private static async Task NoSidewaysScrollAsync(IPage page) =>
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"), "the page scrolls sideways");

    [GeneratedRegex(@"/cycles/(\d+)/assistants/(\d+)(\?.*)?$")]
    private static partial Regex EntryUrl();
}

/// <summary>A portal of its own for the journeys: 2026 open for collection; 上邓村, 大滕村 and 那桐村's assistants given accounts by 组织部.</summary>
public sealed class JourneyFixture : IAsyncLifetime
{
    public const string ShangdengAssistant = "shangdeng.zl";
    public const string DatengAssistant = "dateng.zl";
    public const string NatongAssistant = "natongcun.zl";

    public PortalFixture Portal { get; } = new();

    public async Task InitializeAsync()
    {
        await Portal.InitializeAsync();
        await Cycles.OpenCollectionAsync(Portal, 2026);
        await Accounts.CreateAssistantAccountAsync(Portal, ShangdengAssistant, "卢永福", "LA0023");
        await Accounts.CreateAssistantAccountAsync(Portal, DatengAssistant, "蒙雪莲", "LA0022");
        await Accounts.CreateAssistantAccountAsync(Portal, NatongAssistant, "覃小燕", "LA0019");
    }

    public Task DisposeAsync() => Portal.DisposeAsync();
}
