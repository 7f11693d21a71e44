using AngleSharp.Dom;
using Bunit;
using Longan.Appraisal.Core.Domain;
using Longan.Appraisal.Core.Features.Cycles;
using Longan.Appraisal.Core.Features.Results;
using Longan.Appraisal.Core.Security;
using Longan.Appraisal.Tests.Infrastructure;
using Longan.Appraisal.Web.Components.Pages.Results;
using MudBlazor;

namespace Longan.Appraisal.Tests.Web.Components;

/// <summary>
/// The results page holds one page of rows (issue 14): more results than a page shows the first
/// page, the pager and the filters each read the next page from the service.
/// </summary>
public sealed class ResultsPagePagingTests : BunitTestBase
{
    private Caller _county = default!;
    private int _cycle;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _county = await Database.CallerAsync(Demo.County);
        var cycles = Database.Get<CycleService>();
        _cycle = await cycles.CreateAsync(_county, 2026);
        await cycles.TransitionAsync(_county, _cycle, CycleState.Collecting, null);
        await Database.Get<ResultService>().ComputeAsync(_county, _cycle);
        SignIn(_county);
    }

    private IReadOnlyList<IElement> Rows(IRenderedComponent<ResultsPage> cut) => cut.FindAll("[data-testid=results-grid] tbody tr");

    private static string Names(IEnumerable<ResultRow> rows) => string.Join("|", rows.Select(r => r.Name));

    /// <summary>The names the table shows, in its order (each row's name is the link to its detail).</summary>
    private string Names(IRenderedComponent<ResultsPage> cut) => string.Join("|", Rows(cut).Select(r => r.QuerySelector("td a")!.TextContent));

    [Fact]
    public async Task MoreResultsThanAPage_OnePageShown_NextPageReadFromTheService()
    {
        var query = Database.Get<ResultQueryService>();
        var first = (await query.PageAsync(_county, _cycle, null, new ResultPageRequest(PageSize: 50)))!;
        var second = (await query.PageAsync(_county, _cycle, null, new ResultPageRequest(Page: 1, PageSize: 50)))!;
        Assert.True(first.Total > 50, $"the demo county has {first.Total} results");

        var cut = Render<ResultsPage>(p => p.Add(x => x.CycleId, _cycle));

        cut.WaitForAssertion(() => Assert.Equal(50, Rows(cut).Count));
        Assert.Equal(Names(first.Rows), Names(cut));
        Assert.Contains(first.Rows[0].Name, Rows(cut)[0].TextContent);

        Assert.Equal($"第 1–50 条，共 {first.Total} 条", cut.Find("[data-testid=results-range]").TextContent);
        Assert.Equal($"/cycles/{_cycle}/results/{first.Rows[0].AssistantId}", Rows(cut)[0].QuerySelector("td a")!.GetAttribute("href"));

        cut.Find("[data-testid=results-pages] li:last-child button").Click();

        cut.WaitForAssertion(() => Assert.Equal(first.Total - 50, Rows(cut).Count));
        Assert.Equal(Names(second.Rows), Names(cut));
        Assert.Equal($"第 51–{first.Total} 条，共 {first.Total} 条", cut.Find("[data-testid=results-range]").TextContent);
    }

    [Fact]
    public async Task Search_ReadsTheFilteredPageFromTheService()
    {
        var query = Database.Get<ResultQueryService>();
        var someone = (await query.PageAsync(_county, _cycle, null, new ResultPageRequest(Page: 1, PageSize: 50)))!.Rows[0];
        var expected = (await query.PageAsync(_county, _cycle, null, new ResultPageRequest(Search: someone.Village)))!;

        var cut = Render<ResultsPage>(p => p.Add(x => x.CycleId, _cycle));
        cut.WaitForAssertion(() => Assert.Equal(50, Rows(cut).Count));
        cut.Find("input[data-testid=results-search], [data-testid=results-search] input").Input(someone.Village);

        cut.WaitForAssertion(() => Assert.Equal(expected.Rows.Count, Rows(cut).Count), TimeSpan.FromSeconds(5));
        Assert.Equal(Names(expected.Rows), Names(cut));
        Assert.Contains(someone.Name, cut.Find("[data-testid=results-grid]").TextContent);
    }

    [Fact]
    public async Task SortByComposite_ReadsTheServicesOrder()
    {
        var expected = (await Database.Get<ResultQueryService>().PageAsync(_county, _cycle, null, new ResultPageRequest(Sort: ResultSort.Composite, Descending: true)))!;

        var cut = Render<ResultsPage>(p => p.Add(x => x.CycleId, _cycle));
        cut.WaitForAssertion(() => Assert.Equal(50, Rows(cut).Count));
        var ascending = (await Database.Get<ResultQueryService>().PageAsync(_county, _cycle, null, new ResultPageRequest(Sort: ResultSort.Composite)))!;
        IElement Header() => cut.Find("th:has(button[data-sort=Composite])");
        Assert.Equal("none", Header().GetAttribute("aria-sort"));

        cut.Find("button[data-sort=Composite]").Click();
        cut.WaitForAssertion(() => Assert.Equal(Names(ascending.Rows), Names(cut)));
        Assert.Equal("ascending", Header().GetAttribute("aria-sort"));

        cut.Find("button[data-sort=Composite]").Click();
        cut.WaitForAssertion(() => Assert.Equal(Names(expected.Rows), Names(cut)));
        Assert.Equal("descending", Header().GetAttribute("aria-sort"));
        Assert.Equal("none", cut.Find("th:has(button[data-sort=Rank])").GetAttribute("aria-sort"));
    }

    [Fact]
    public async Task LargerPages_ShowMoreRowsFromTheSameFirstRow_AFilterNothingPasses_SaysSo()
    {
        var all = (await Database.Get<ResultQueryService>().PageAsync(_county, _cycle, null, new ResultPageRequest(PageSize: 200)))!;
        var cut = Render<ResultsPage>(p => p.Add(x => x.CycleId, _cycle));
        cut.WaitForAssertion(() => Assert.Equal(50, Rows(cut).Count));

        await cut.InvokeAsync(() => cut.FindComponent<MudSelect<int>>().Instance.ValueChanged.InvokeAsync(200));

        cut.WaitForAssertion(() => Assert.Equal(all.Rows.Count, Rows(cut).Count));
        Assert.Equal(Names(all.Rows), Names(cut));
        Assert.Empty(cut.FindAll("[data-testid=results-pages]"));

        cut.Find("input[data-testid=results-search], [data-testid=results-search] input").Input("没有这个人");
        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("[data-testid=results-none]")), TimeSpan.FromSeconds(5));
        Assert.Equal("没有符合条件的结果", cut.Find("[data-testid=results-range]").TextContent);
    }
}
