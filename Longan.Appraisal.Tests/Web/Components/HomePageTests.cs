using Bunit;
using Longan.Appraisal.Core.Domain;
using Longan.Appraisal.Core.Features.Cycles;
using Longan.Appraisal.Core.Features.Results;
using Longan.Appraisal.Tests.Infrastructure;
using Longan.Appraisal.Web.Components.Pages;

namespace Longan.Appraisal.Tests.Web.Components;

/// <summary>
/// 组织部's home (issue 14): the list shows at once; a cycle in review is first "in review", with a
/// status while the portal checks the version against the data, then ready to publish or stale.
/// </summary>
public sealed class HomePageTests : BunitTestBase
{
    [Fact]
    public async Task County_ReviewCycle_ShownAtOnce_ThenToldReadyOrStale()
    {
        var (county, cycle) = await ReviewCycleComputedAsync();
        var cycles = Database.Get<CycleService>();

        var cut = Render<Home>();

        cut.WaitForAssertion(() => Assert.Contains("2026 年度第 1 版结果与数据一致，核对后可以公布", cut.Find("[data-testid=home-work]").TextContent));
        Assert.Empty(cut.FindAll("[data-testid=work-checking]"));

        await cycles.SetRenormaliseAsync(county, cycle, true, "缺组别按比例折算");
        Renderer.SetRendererInfo(new Microsoft.AspNetCore.Components.RendererInfo("Static", isInteractive: false));
        var prerendered = Render<Home>();
        prerendered.WaitForAssertion(() => Assert.Contains("2026 年度第 1 版结果在审核中", prerendered.Find("[data-testid=home-work]").TextContent));
        Assert.Contains("正在核对结果与数据是否一致", prerendered.Find("[data-testid=work-checking]").TextContent);

        Renderer.SetRendererInfo(new Microsoft.AspNetCore.Components.RendererInfo("Server", isInteractive: true));
        var live = Render<Home>();
        live.WaitForAssertion(() => Assert.Contains("2026 年度第 1 版结果计算后数据有变，需重新计算", live.Find("[data-testid=home-work]").TextContent));
        Assert.Empty(live.FindAll("[data-testid=work-checking]"));
    }

    [Fact]
    public async Task County_TheListArrivesAfterTheFirstRender_TheCheckStillRuns()
    {
        await ReviewCycleComputedAsync();
        // The first render goes by without a check (here: before the page is live, as when the list
        // is still loading) …
        Renderer.SetRendererInfo(new Microsoft.AspNetCore.Components.RendererInfo("Static", isInteractive: false));
        var cut = Render<Home>();
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid=work-checking]")));

        // … a later render of the live page still starts it, once.
        Renderer.SetRendererInfo(new Microsoft.AspNetCore.Components.RendererInfo("Server", isInteractive: true));
        cut.Render();

        cut.WaitForAssertion(() => Assert.Contains("2026 年度第 1 版结果与数据一致，核对后可以公布", cut.Find("[data-testid=home-work]").TextContent), TimeSpan.FromSeconds(10));
        Assert.Empty(cut.FindAll("[data-testid=work-checking]"));
    }

    /// <summary>组织部 signed in; 2026 opened, moved to review and computed (version 1).</summary>
    private async Task<(Longan.Appraisal.Core.Security.Caller County, int Cycle)> ReviewCycleComputedAsync()
    {
        var county = await SignInAsync(Demo.County);
        var cycles = Database.Get<CycleService>();
        var cycle = await cycles.CreateAsync(county, 2026);
        await cycles.TransitionAsync(county, cycle, CycleState.Collecting, null);
        await cycles.TransitionAsync(county, cycle, CycleState.Review, null);
        await Database.Get<ResultService>().ComputeAsync(county, cycle);
        return (county, cycle);
    }
}
