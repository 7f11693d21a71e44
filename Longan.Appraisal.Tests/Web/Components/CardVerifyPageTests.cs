using Bunit;
using Longan.Appraisal.Core.Domain;
using Longan.Appraisal.Core.Features.Cards;
using Longan.Appraisal.Tests.Infrastructure;
using Longan.Appraisal.Web.Components.Pages.Cards;
using MudBlazor;

namespace Longan.Appraisal.Tests.Web.Components;

public sealed class CardVerifyPageTests : PublishableCountyTestBase
{
    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await County.MoveAsync(CycleState.Review);
        await County.ComputeAsync();
        await County.MoveAsync(CycleState.Published);
    }

    private IRenderedComponent<CardVerifyPage> Check(string typed)
    {
        var cut = Render<CardVerifyPage>();
        cut.Find("input[data-testid=verify-code]").Input(typed);
        cut.Find("form").Submit();
        return cut;
    }

    [Fact]
    public async Task County_TypesTheCodeInLowerCase_SeesWhoseCardItIsAndThatItStands()
    {
        SignIn(County.County);
        var card = await County.Get<ReportCardService>().GetAsync(County.County, County.CycleId, County.Assistant.AssistantId!.Value);

        var cut = Check(card.VerificationCode.ToLowerInvariant().Replace("-", " ", StringComparison.Ordinal));

        cut.WaitForAssertion(() => Assert.Contains("核验通过：此卡与现行公布的考核结果一致。", cut.Find("[data-testid=verify-standing]").TextContent));
        Assert.Contains(card.Identity.Name, cut.Find("[data-testid=verify-name]").TextContent);
        Assert.Equal(card.Result.Composite!.Value.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture), cut.Find("[data-testid=verify-composite]").TextContent);
        Assert.Contains(card.VerificationCode, cut.Markup);
    }

    [Fact]
    public void Township_AnotherTownshipsOrAnUnknownCode_IsToldWhereToTurn()
    {
        SignIn(County.OtherTownship);

        var cut = Check("0000-0000-0000");

        cut.WaitForAssertion(() => Assert.Contains("乡镇党委只能核验本乡镇助理员的报告卡", cut.Find("[data-testid=verify-none]").TextContent));
    }

    [Fact]
    public void BadCode_TheFieldSaysWhatIsWrong_NothingLooked()
    {
        SignIn(County.County);

        var cut = Check("729B-155C-F5");

        cut.WaitForAssertion(() => Assert.Contains("核验码应为 12 位，现在是 10 位", cut.Find(".mud-input-helper-text.mud-input-error").TextContent));
        Assert.Empty(cut.FindAll("[data-testid=verify-result], [data-testid=verify-none]"));
    }
}
