using Bunit;
using Longan.Appraisal.Tests.Infrastructure;
using Longan.Appraisal.Web.Components.Layout;

namespace Longan.Appraisal.Tests.Web.Components;

public sealed class NavMenuTests : BunitTestBase
{
    private static readonly string[] s_masterData = ["/cycles", "/appeals", "/follow-up", "/cards/verify", "/townships", "/villages", "/assistants", "/supervisors"];

    private string[] Links(IRenderedComponent<NavMenu> cut) =>
        cut.FindAll("a").Select(a => a.GetAttribute("href")!).ToArray();

    [Fact]
    public async Task County_SeesMasterDataAndAccounts()
    {
        await SignInAsync(Demo.County);

        var links = Links(Render<NavMenu>());

        Assert.Equal(["/", .. s_masterData, "/accounts", "/audit", "/account/password"], links);
    }

    [Fact]
    public async Task Township_SeesMasterDataButNotAccounts()
    {
        await SignInAsync(Demo.Natong);

        var cut = Render<NavMenu>();

        Assert.Equal(["/", .. s_masterData, "/account/password"], Links(cut));
        Assert.Contains("本乡镇", cut.Markup);
    }

    [Fact]
    public async Task Prerendered_LinksWithoutCounts_LivePage_CountsItsWork()
    {
        await SignInAsync(Demo.Natong);
        Renderer.SetRendererInfo(new Microsoft.AspNetCore.Components.RendererInfo("Static", isInteractive: false));

        var prerendered = Render<NavMenu>();

        Assert.Equal(["/", .. s_masterData, "/account/password"], Links(prerendered));
        Assert.Empty(prerendered.FindAll(".nav-count"));

        Renderer.SetRendererInfo(new Microsoft.AspNetCore.Components.RendererInfo("Server", isInteractive: true));
        var live = Render<NavMenu>();
        live.WaitForAssertion(() => Assert.NotEmpty(live.FindAll(".nav-count")));
    }

    [Fact]
    public async Task Supervisor_SeesOnlyTheirVillage()
    {
        var caller = await SignInAsync(Demo.Supervisor);

        var cut = Render<NavMenu>();

        Assert.Equal(["/", "/collect", $"/villages/{caller.VillageId}", "/account/password"], Links(cut));
        Assert.Contains("我的村", cut.Markup);
    }

    [Fact]
    public async Task Assistant_SeesOnlyTheirOwnResultsAndRecord()
    {
        var caller = await SignInAsync(Demo.Assistant);

        var cut = Render<NavMenu>();

        Assert.Equal(["/", "/my/results", $"/assistants/{caller.AssistantId}", "/account/password"], Links(cut));
    }

    [Fact]
    public void Anonymous_SeesNothing()
    {
        AddAuthorization();

        Assert.Empty(Links(Render<NavMenu>()));
    }
}
