using Bunit;
using Longan.Appraisal.Tests.Infrastructure;
using Longan.Appraisal.Web.Components.Pages.Assistants;

namespace Longan.Appraisal.Tests.Web.Components;

public sealed class AssistantDetailPageTests : BunitTestBase
{
    [Fact]
    public async Task OwnRecord_ForTheAssistant_NamesTheVillageWithoutALinkThatWouldBeRefused()
    {
        var assistant = await SignInAsync(Demo.Assistant);

        var cut = Render<AssistantDetailPage>(p => p.Add(x => x.Id, assistant.AssistantId!.Value));

        cut.WaitForAssertion(() => Assert.Contains(Demo.LangwanVillage, cut.Markup));
        Assert.Empty(cut.FindAll("a[href^='/villages/']"));
    }

    [Fact]
    public async Task AnAssistantsRecord_ForTheCounty_LinksTheVillage()
    {
        var assistant = await Database.CallerAsync(Demo.Assistant);
        await SignInAsync(Demo.County);

        var cut = Render<AssistantDetailPage>(p => p.Add(x => x.Id, assistant.AssistantId!.Value));

        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("a[href^='/villages/']")));
    }
}
