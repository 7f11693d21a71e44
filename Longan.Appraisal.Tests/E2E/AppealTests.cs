using Longan.Appraisal.Tests.E2E.Pages;
using Longan.Appraisal.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Longan.Appraisal.Tests.E2E;

[Collection(PortalCollection.Name)]
public sealed class AppealTests(PortalFixture portal)
{
    [Fact]
    public async Task Assistant_OnAPhone_ReadsFeedbackAndAppeals_CountyUpholds_TownshipSees_AssistantReadsTheAnswer()
    {
        var phone = await portal.SignedInPageAsync(Demo.Assistant, width: 360, height: 780);
        await phone.GotoAsync("/my/results");
        await Shell.WaitForInteractiveAsync(phone);
        await Assertions.Expect(phone.Locator("[data-testid=my-comments]")).ToContainTextAsync("群众意见");
        await Assertions.Expect(phone.Locator("[data-testid=my-trend]")).ToContainTextAsync("2025 年度");
        await Assertions.Expect(phone.Locator("[data-testid=my-records]")).ToContainTextAsync("不显示监督员姓名");

        await phone.ClickAsync("[data-testid=appeal-start]");
        await Shell.EnterAsync(phone.Locator("[data-testid=appeal-reason]"), "六月实际在村 21 天，考勤少记了 4 天，有签到表为证。");
        await phone.ClickAsync("[data-testid=appeal-submit]");
        await phone.Locator(".mud-dialog").GetByRole(AriaRole.Button, new() { Name = "提交申请" }).ClickAsync();
        await Assertions.Expect(phone.Locator("[data-testid=my-appeal-item]")).ToContainTextAsync("待办理");
        Assert.True(await phone.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"));

        var township = await portal.SignedInPageAsync(Demo.Natong);
        await township.GotoAsync("/appeals");
        await Assertions.Expect(township.Locator("[data-testid=appeal]").Filter(new() { HasText = "考勤少记了 4 天" })).ToHaveCountAsync(1);
        await Assertions.Expect(township.Locator("[data-testid=appeal-uphold]")).ToHaveCountAsync(0);
        var other = await portal.SignedInPageAsync(Demo.Chengxiang);
        await other.GotoAsync("/appeals");
        await Assertions.Expect(other.Locator("[data-testid=appeals-none]")).ToBeVisibleAsync();

        var county = await portal.SignedInPageAsync(Demo.County);
        await county.GotoAsync("/appeals");
        await Shell.WaitForInteractiveAsync(county);
        var appeal = county.Locator("[data-testid=appeal]").Filter(new() { HasText = "考勤少记了 4 天" });
        await appeal.Locator("[data-testid=appeal-uphold]").ClickAsync();
        await Shell.EnterAsync(county.Locator("[data-testid=reason]"), "经核对乡镇签到表，六月在村 17 天属实，维持原结果。");
        await county.ClickAsync("[data-testid=dialog-save]");
        await Assertions.Expect(county.Locator("[data-testid=appeal]").Filter(new() { HasText = "考勤少记了 4 天" })).ToHaveCountAsync(0);

        await phone.ReloadAsync();
        await Shell.WaitForInteractiveAsync(phone);
        await Assertions.Expect(phone.Locator("[data-testid=my-appeal-answer]")).ToContainTextAsync("维持原结果");
        await Assertions.Expect(phone.Locator("[data-testid=my-appeal-item]")).ToContainTextAsync("维持原结果");
    }

    [Fact]
    public async Task Assistant_CannotReachAnotherAssistantsResultOrCard()
    {
        var cycle = await portal.Server.CycleIdAsync(2025);
        var baota = await portal.Server.AssistantIdAsync(Demo.ChengxiangTownship, Demo.BaotaVillage);
        var page = await portal.SignedInPageAsync(Demo.Assistant);

        await page.GotoAsync($"/cycles/{cycle}/results/{baota}");
        await Assertions.Expect(page.GetByText("您的账号无权查看此页面")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("[data-testid=result-headline]")).ToHaveCountAsync(0);
        Assert.Equal(403, (await page.APIRequest.GetAsync($"/cycles/{cycle}/cards/{baota}.pdf")).Status);
        await page.GotoAsync("/appeals");
        await Assertions.Expect(page.Locator("[data-testid=appeal]")).ToHaveCountAsync(0);
    }
}
