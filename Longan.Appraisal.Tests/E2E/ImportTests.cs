using System.Text.RegularExpressions;
using Longan.Appraisal.Tests.E2E.Pages;
using Longan.Appraisal.Tests.Infrastructure;
using Microsoft.Playwright;
using static Longan.Appraisal.Tests.Infrastructure.Xlsx;

namespace Longan.Appraisal.Tests.E2E;

/// <summary>A township clerk imports a workbook typed from paper ballots: errors first, then the corrected file.</summary>
[Collection(PortalCollection.Name)]
public sealed class ImportTests(PortalFixture portal)
{
    [Fact]
    public async Task Township_UploadsWorkbook_SeesEachErrorThenImportsTheCorrectedFile()
    {
        var (_, page) = await OpenImportAsTownshipAsync();
        // MudFileUpload keeps a fresh hidden input for the next pick: the last one takes the file.
        var upload = page.Locator("input[type=file]").Last;

        await upload.SetInputFilesAsync(new FilePayload
        {
            Name = "评议数据.xlsx", MimeType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            Buffer = new Xlsx().Sheet("党员干部评议", Row("助理员编号", "等次"), Row("LA0020", "良好"), Row("LA0001", "优秀")).Bytes(),
        });
        var errors = page.Locator("[data-testid=import-errors] tbody tr");
        await Assertions.Expect(errors).ToHaveCountAsync(2);
        await Assertions.Expect(errors.Nth(0)).ToContainTextAsync("只能填：优秀、称职、基本称职、不称职。");
        await Assertions.Expect(errors.Nth(1)).ToContainTextAsync("该助理员不在本乡镇");

        await upload.SetInputFilesAsync(new FilePayload
        {
            Name = "评议数据-改正.xlsx", MimeType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            Buffer = new Xlsx().Sheet("党员干部评议", Row("助理员编号", "等次"), Row("LA0020", "称职"), Row("LA0020", "优秀")).Bytes(),
        });
        await Assertions.Expect(page.Locator("[data-testid=import-summary]")).ToContainTextAsync("党员干部评议 2 票");
        await page.ClickAsync("[data-testid=import-confirm]");
        await Assertions.Expect(page.Locator("[data-testid=import-summary]")).ToContainTextAsync("导入完成");
    }

    [Fact]
    public async Task Template_DownloadsAsARealWorkbook_ForTheTownshipOnly()
    {
        var page = await portal.SignedInPageAsync(Demo.Natong);
        var response = await page.APIRequest.GetAsync("/templates/ballots");
        Assert.Equal(200, response.Status);
        Assert.Equal((byte)'P', (await response.BodyAsync())[0]);

        var supervisor = await portal.SignedInPageAsync(Demo.Supervisor);
        var refused = await supervisor.APIRequest.GetAsync("/templates/ballots", new() { MaxRedirects = 0 });
        Assert.NotEqual(200, refused.Status);
    }

    /// <summary>
    /// The probe's decompression bombs, uploaded where a township and the county upload workbooks:
    /// each refused at once with the reason in Chinese, and the portal carries on (before, the server
    /// climbed to gigabytes and died of an out-of-memory error while the user saw nothing).
    /// </summary>
    [Fact]
    public async Task Bombs_UploadedOnBothImportPages_RefusedWithTheReason_AndThePortalCarriesOn()
    {
        var (cycle, township) = await OpenImportAsTownshipAsync();

        foreach (var (bomb, part) in new[] { (WorkbookBombs.SheetBombPath, "xl/worksheets/sheet1.xml"), (WorkbookBombs.SharedStringsBombPath, "xl/sharedStrings.xml") })
        {
            await township.Locator("input[type=file]").Last.SetInputFilesAsync(new FilePayload
            {
                Name = "评议数据.xlsx", MimeType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", Buffer = await File.ReadAllBytesAsync(bomb),
            });
            var error = township.Locator("[data-testid=import-errors] tbody tr");
            await Assertions.Expect(error).ToContainTextAsync(part, new() { Timeout = 10_000 });
            await Assertions.Expect(error).ToContainTextAsync("可能是恶意构造的压缩文件，已拒绝");
        }

        var county = await portal.SignedInPageAsync(Demo.County);
        await county.GotoAsync("/assistants/import");
        await Shell.WaitForInteractiveAsync(county);
        await county.Locator("input[type=file]").Last.SetInputFilesAsync(new FilePayload
        {
            Name = "助理员名册.xlsx", MimeType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", Buffer = await File.ReadAllBytesAsync(WorkbookBombs.SheetBombPath),
        });
        await Assertions.Expect(county.Locator("[data-testid=import-errors] tbody tr")).ToContainTextAsync("可能是恶意构造的压缩文件，已拒绝", new() { Timeout = 10_000 });

        // The same circuit goes on to import a real file.
        await township.Locator("input[type=file]").Last.SetInputFilesAsync(new FilePayload
        {
            Name = "评议数据-真.xlsx", MimeType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            Buffer = new Xlsx().Sheet("党员干部评议", Row("助理员编号", "等次"), Row("LA0020", "称职")).Bytes(),
        });
        await Assertions.Expect(township.Locator("[data-testid=import-summary]")).ToContainTextAsync("党员干部评议 1 票");
    }

    /// <summary>
    /// Issue 14: a tab holds one page of 25 entries. A stack of 30 cadre ballots imported for one
    /// assistant shows 25 on a 360-px phone with the pager under them; page 2 shows the other 5.
    /// </summary>
    [Fact]
    public async Task Township_OnAPhone_ThirtyImportedBallots_PagedBy25()
    {
        var (cycle, township) = await OpenImportAsTownshipAsync();
        // 龙床村's assistant (LA0024): no other test enters anything for them in 2029.
        var grades = new[] { "优秀", "称职", "基本称职", "不称职" };
        await township.Locator("input[type=file]").Last.SetInputFilesAsync(new FilePayload
        {
            Name = "党员干部评议.xlsx", MimeType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            Buffer = new Xlsx().Sheet("党员干部评议", [Row("助理员编号", "等次"), .. Enumerable.Range(0, 30).Select(i => Row("LA0024", grades[i % 4]))]).Bytes(),
        });
        await Assertions.Expect(township.Locator("[data-testid=import-summary]")).ToContainTextAsync("党员干部评议 30 票");
        await township.ClickAsync("[data-testid=import-confirm]");
        await Assertions.Expect(township.Locator("[data-testid=import-summary]")).ToContainTextAsync("导入完成");

        var phone = await portal.SignedInPageAsync(Demo.Natong, width: 360, height: 780);
        var assistant = await portal.Server.AssistantIdAsync("那桐镇", "龙床村");
        await phone.GotoAsync($"/cycles/{cycle}/assistants/{assistant}?group=cadres");
        await Shell.WaitForInteractiveAsync(phone);
        var rows = phone.Locator("[data-testid=cadre-list] tbody tr");
        await Assertions.Expect(rows).ToHaveCountAsync(25);
        var pager = phone.Locator("[data-testid=cadre-pager]");
        await Assertions.Expect(pager).ToContainTextAsync("共 30 条");
        Assert.True(await phone.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"));

        await pager.Locator("button").Filter(new() { HasTextRegex = new Regex("^2$") }).ClickAsync();

        await Assertions.Expect(rows).ToHaveCountAsync(5);
        await Assertions.Expect(pager).ToContainTextAsync("共 30 条");
        Assert.True(await phone.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"));
    }

    /// <summary>那桐镇's import page for 2029, signed in as the township.</summary>
    private async Task<(string Cycle, IPage Page)> OpenImportAsTownshipAsync()
    {
        var cycle = await EnsureCollectingCycleAsync();
        var page = await portal.SignedInPageAsync(Demo.Natong);
        await page.GotoAsync($"/cycles/{cycle}/import");
        await Shell.WaitForInteractiveAsync(page);
        return (cycle, page);
    }

    /// <summary>2029, opened for collection by the county through the pages (once for the tests that need it).</summary>
    private async Task<string> EnsureCollectingCycleAsync()
    {
        await s_cycleLock.WaitAsync();
        try
        {
            var existing = await portal.Server.CycleIdAsync(2029);
            return existing > 0 ? existing.ToString(System.Globalization.CultureInfo.InvariantCulture) : await CreateCollectingCycleAsync();
        }
        finally
        {
            s_cycleLock.Release();
        }
    }

    private static readonly SemaphoreSlim s_cycleLock = new(1, 1);

    private async Task<string> CreateCollectingCycleAsync()
    {
        var county = await portal.SignedInPageAsync(Demo.County);
        await county.GotoAsync("/cycles");
        await Shell.WaitForInteractiveAsync(county);
        await Shell.EnterAsync(county.Locator("[data-testid=cycle-year]"), "2029");
        await county.ClickAsync("[data-testid=add-cycle]");
        await county.WaitForURLAsync(new Regex(@"/cycles/\d+$"), new() { WaitUntil = WaitUntilState.Commit });
        var id = new Regex(@"/cycles/(\d+)$").Match(county.Url).Groups[1].Value;
        await county.ClickAsync("[data-testid=move-Collecting]");
        await county.Locator(".mud-dialog").GetByRole(AriaRole.Button, new() { Name = "开始采集" }).ClickAsync();
        await Assertions.Expect(county.Locator("[data-testid=cycle-state]").First).ToHaveTextAsync("采集中");
        return id;
    }
}
