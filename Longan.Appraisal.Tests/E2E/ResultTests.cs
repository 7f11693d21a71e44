using ClosedXML.Excel;
using Longan.Appraisal.Tests.E2E.Pages;
using Longan.Appraisal.Tests.Infrastructure;
using Longan.Appraisal.Web.Hosting;
using Microsoft.Playwright;

namespace Longan.Appraisal.Tests.E2E;

/// <summary>The demo county's published 2025 appraisal, as the county, a township and an assistant see it.</summary>
[Collection(PortalCollection.Name)]
public sealed class ResultTests(PortalFixture portal)
{
    private static async Task OpenResultsAsync(IPage page)
    {
        await page.GotoAsync("/cycles");
        await Shell.WaitForInteractiveAsync(page);
        await page.GetByRole(AriaRole.Link, new() { Name = "2025 年度考核" }).ClickAsync();
        await page.ClickAsync("[data-testid=open-results]");
        await page.WaitForURLAsync(new System.Text.RegularExpressions.Regex(@"/cycles/\d+/results$"), new() { WaitUntil = WaitUntilState.Commit });
        await Shell.WaitForInteractiveAsync(page);
    }

    [Fact]
    public async Task County_ResultsWithCharts_AnAssistantsComputation_AndTheWorkbook()
    {
        var page = await portal.SignedInPageAsync(Demo.County);
        await OpenResultsAsync(page);

        await Assertions.Expect(page.Locator("[data-testid=published-note]")).ToContainTextAsync("第 1 版结果已于");
        await Assertions.Expect(page.Locator("[data-testid=chart-grades] svg").First).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("[data-testid=chart-townships]")).ToContainTextAsync("那桐镇");
        await Assertions.Expect(page.Locator("[data-testid=results-grid] tbody tr")).ToHaveCountAsync(40);
        Assert.Equal(0, await page.Locator("[data-testid=compute]").CountAsync());

        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("[data-testid=download-results]"));
        var path = Path.Combine(Path.GetTempPath(), $"results-{Guid.NewGuid():N}.xlsx");
        try
        {
            await download.SaveAsAsync(path);
            using var workbook = new XLWorkbook(path);
            var sheet = workbook.Worksheet("考核结果");
            Assert.Equal("全县排名", sheet.Cell(1, 1).GetString());
            Assert.Equal(41, sheet.LastRowUsed()!.RowNumber());
            Assert.Equal(1, sheet.Cell(2, 1).GetValue<int>());
        }
        finally
        {
            File.Delete(path);
        }

        await page.Locator("[data-testid=results-grid] tbody tr").First.ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=result-steps]")).ToContainTextAsync("基础分 =");
        await Assertions.Expect(page.Locator("[data-testid=outcome-panel]")).ToContainTextAsync("结果已公布并冻结");
    }

    [Fact]
    public async Task Township_SeesOnlyItsOwnAssistants()
    {
        var page = await portal.SignedInPageAsync(Demo.Natong);
        await OpenResultsAsync(page);

        var rows = page.Locator("[data-testid=results-grid] tbody tr");
        await Assertions.Expect(rows.First).ToBeVisibleAsync();
        foreach (var text in await rows.AllInnerTextsAsync())
        {
            Assert.Contains("那桐镇", text);
        }
    }

    [Fact]
    public async Task Assistant_OnAPhone_ReadsTheirOwnPublishedResult()
    {
        var phone = await portal.SignedInPageAsync(Demo.Assistant, width: 390, height: 844);
        await phone.GotoAsync("/my/results");
        await Shell.WaitForInteractiveAsync(phone);

        await Assertions.Expect(phone.Locator("[data-testid=my-result]")).ToHaveCountAsync(1);
        await Assertions.Expect(phone.Locator("[data-testid=my-result] h5")).ToHaveTextAsync("2025 年度考核结果");
        await Assertions.Expect(phone.Locator("[data-testid=result-steps]")).ToContainTextAsync("综合得分");
        Assert.True(await phone.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"));

        // The county's tables are not for assistants.
        await phone.GotoAsync("/cycles/1/results");
        await Assertions.Expect(phone.Locator("[data-testid=results-grid]")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task ReportCardDownloads_CheckScopeLikeThePages()
    {
        var cycle = await portal.Server.CycleIdAsync(2025);
        var langwan = await portal.Server.AssistantIdAsync(Demo.NatongTownship, Demo.LangwanVillage);
        var baota = await portal.Server.AssistantIdAsync(Demo.ChengxiangTownship, Demo.BaotaVillage);
        async Task<IAPIResponse> Get(IPage page, int assistant) => await page.APIRequest.GetAsync($"/cycles/{cycle}/cards/{assistant}.pdf");

        var county = await portal.SignedInPageAsync(Demo.County);
        var card = await Get(county, langwan);
        Assert.Equal(200, card.Status);
        Assert.Equal("application/pdf", card.Headers["content-type"]);
        Assert.Contains("filename*=UTF-8''" + Uri.EscapeDataString("考核结果报告卡_2025_"), card.Headers["content-disposition"], StringComparison.Ordinal);
        using (var pdf = UglyToad.PdfPig.PdfDocument.Open(await card.BodyAsync()))
        {
            Assert.Contains("隆安县2025年度驻村助理员考核结果报告卡", pdf.GetPage(1).Text);
        }

        var natong = await portal.SignedInPageAsync(Demo.Natong);
        Assert.Equal(200, (await Get(natong, langwan)).Status);
        Assert.Equal(403, (await Get(natong, baota)).Status);
        Assert.Equal(1, await portal.Server.RefusalsAsync(Demo.Natong, $"/cycles/{cycle}/cards/{baota}.pdf"));

        var assistant = await portal.SignedInPageAsync(Demo.Assistant);
        Assert.Equal(200, (await Get(assistant, langwan)).Status);
        Assert.Equal(403, (await Get(assistant, baota)).Status);

        // Not a role that reads cards: sent to the portal's access-denied page, never a PDF.
        var supervisor = await portal.SignedInPageAsync(Demo.Supervisor);
        var refused = await Get(supervisor, langwan);
        Assert.DoesNotContain("application/pdf", refused.Headers["content-type"], StringComparison.Ordinal);
        Assert.Contains("/access-denied", refused.Url, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Township_OnAPhone_ChecksAPrintedCardsCode_AndSeesThatItStands()
    {
        var cycle = await portal.Server.CycleIdAsync(2025);
        var langwan = await portal.Server.AssistantIdAsync(Demo.NatongTownship, Demo.LangwanVillage);
        var phone = await portal.SignedInPageAsync(Demo.Natong, width: 360, height: 780);
        string text;
        using (var pdf = UglyToad.PdfPig.PdfDocument.Open(await (await phone.APIRequest.GetAsync($"/cycles/{cycle}/cards/{langwan}.pdf")).BodyAsync()))
        {
            text = pdf.GetPage(1).Text;
        }
        var code = System.Text.RegularExpressions.Regex.Match(text, "核验码 ?([0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4})").Groups[1].Value;
        Assert.NotEmpty(code);

        await phone.GotoAsync("/cards/verify");
        await Shell.WaitForInteractiveAsync(phone);
        await Shell.EnterAsync(phone.Locator("[data-testid=verify-code]"), code.ToLowerInvariant());
        await phone.ClickAsync("[data-testid=verify-submit]");

        await Assertions.Expect(phone.Locator("[data-testid=verify-standing]")).ToContainTextAsync("核验通过");
        await Assertions.Expect(phone.Locator("[data-testid=verify-result]")).ToContainTextAsync(code);
        Assert.True(await phone.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"));
    }

    [Fact]
    public async Task WorkbookDownloads_PerRole()
    {
        var cycle = await portal.Server.CycleIdAsync(2025);
        string[] countyOnly = ["candidates.xlsx", "evaluations.xlsx", "supervision.xlsx", "attendance.xlsx"];
        static bool IsXlsx(IAPIResponse r) => r.Status == 200 && r.Headers["content-type"].StartsWith(DownloadEndpoints.XlsxType, StringComparison.Ordinal);

        var county = await portal.SignedInPageAsync(Demo.County);
        foreach (var file in countyOnly.Append("results.xlsx"))
        {
            Assert.True(IsXlsx(await county.APIRequest.GetAsync($"/cycles/{cycle}/{file}")), file);
        }

        var township = await portal.SignedInPageAsync(Demo.Natong);
        Assert.True(IsXlsx(await township.APIRequest.GetAsync($"/cycles/{cycle}/results.xlsx")));
        foreach (var file in countyOnly)
        {
            Assert.False(IsXlsx(await township.APIRequest.GetAsync($"/cycles/{cycle}/{file}")), file);
        }

        var assistant = await portal.SignedInPageAsync(Demo.Assistant);
        foreach (var file in countyOnly.Append("results.xlsx"))
        {
            Assert.False(IsXlsx(await assistant.APIRequest.GetAsync($"/cycles/{cycle}/{file}")), file);
        }
    }
}
