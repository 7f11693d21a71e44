using Bunit;
using Longan.Appraisal.Core.Features.Townships;
using Longan.Appraisal.Tests.Infrastructure;
using Longan.Appraisal.Web.Components.Pages.Audit;
using Microsoft.EntityFrameworkCore;

namespace Longan.Appraisal.Tests.Web.Components;

public sealed class AuditPageTests : BunitTestBase
{
    [Fact]
    public async Task County_SeesChangesWithBeforeAndAfter_ChecksTheChain_ThenSeesTampering()
    {
        var county = await SignInAsync(Demo.County);
        var townships = Database.Get<TownshipService>();
        var id = await townships.CreateAsync(county, new TownshipInput { Name = "审计乡", SortOrder = 500 });
        await townships.UpdateAsync(county, id, new TownshipInput { Name = "审计镇", SortOrder = 500 });

        var cut = Render<AuditPage>();

        cut.WaitForAssertion(() => Assert.Contains("审计乡 → 审计镇", cut.Markup));
        Assert.Contains("修改", cut.Markup);
        Assert.Contains(Demo.County, cut.Markup);
        cut.Find("[data-testid=audit-verify]").Click();
        cut.WaitForAssertion(() => Assert.Contains("审计日志完整", cut.Find("[data-testid=audit-verification]").TextContent));

        await using (var db = await Database.OpenAsync())
        {
            await db.Database.ExecuteSqlRawAsync("UPDATE AuditRecords SET SubjectKey = '999' WHERE Id = 3");
        }
        cut.Find("[data-testid=audit-verify]").Click();
        cut.WaitForAssertion(() => Assert.Contains("问题出在第 3 条", cut.Find("[data-testid=audit-verification]").TextContent));
    }

    [Fact]
    public async Task Township_IsRefused()
    {
        await SignInAsync(Demo.Natong);

        var cut = Render<AuditPage>();

        cut.WaitForAssertion(() => Assert.Contains("审计日志只有县委组织部可以查看", cut.Markup));
        Assert.Empty(cut.FindAll("[data-testid=audit-grid]"));
    }
}
