using Longan.Appraisal.Tests.E2E.Pages;
using Longan.Appraisal.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Longan.Appraisal.Tests.E2E;

[Collection(PortalCollection.Name)]
public sealed class FollowUpTests(PortalFixture portal)
{
    [Fact]
    public async Task County_RecordsAnAdmonishmentTalk_TheCaseCloses_TownshipsSeeOnlyTheirOwn()
    {
        var county = await portal.SignedInPageAsync(Demo.County);
        await county.GetByRole(AriaRole.Link, new() { Name = "处理跟进" }).ClickAsync();
        var talks = county.Locator("[data-testid=followup-case]").Filter(new() { HasText = "诫勉谈话" });
        await Assertions.Expect(talks.First).ToBeVisibleAsync();
        var before = await talks.CountAsync();
        var name = (await talks.First.Locator("b").First.TextContentAsync())!;

        await talks.First.Locator("[data-testid=followup-record]").ClickAsync();
        await county.ClickAsync("[data-testid=dialog-save]");
        await Assertions.Expect(county.Locator(".mud-dialog")).ToContainTextAsync("请填写“谈话人”");
        await Shell.EnterAsync(county.Locator("[data-testid=followup-by]"), "乡镇党委书记");
        await Shell.EnterAsync(county.Locator("[data-testid=followup-notes]"), "本人表示接受，保证每月在村不少于 20 天。");
        await county.ClickAsync("[data-testid=dialog-save]");

        await Assertions.Expect(talks).ToHaveCountAsync(before - 1);
        await county.ClickAsync("[data-testid=followup-open-only]");
        await Assertions.Expect(county.Locator("[data-testid=followup-case]").Filter(new() { HasText = name }).Locator("[data-testid=followup-done]"))
            .ToContainTextAsync("由 乡镇党委书记 谈话");

        var township = await portal.SignedInPageAsync(Demo.Natong);
        await township.GotoAsync("/follow-up");
        await Assertions.Expect(township.Locator("[data-testid=followup-summary]")).ToBeVisibleAsync();
        await Assertions.Expect(township.Locator("[data-testid=followup-record], [data-testid=followup-replace]")).ToHaveCountAsync(0);
        var headings = await township.Locator("[data-testid=followup-township]").AllTextContentsAsync();
        Assert.NotEmpty(headings);
        foreach (var heading in headings)
        {
            Assert.StartsWith(Demo.NatongTownship, heading);
        }
    }
}
