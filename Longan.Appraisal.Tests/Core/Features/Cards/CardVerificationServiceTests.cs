using Longan.Appraisal.Core.Domain;
using Longan.Appraisal.Core.Domain.Entries;
using Longan.Appraisal.Core.Features.Cards;
using Longan.Appraisal.Core.Features.Common;
using Longan.Appraisal.Core.Features.Evaluations;
using Longan.Appraisal.Core.Security;
using Longan.Appraisal.Tests.Infrastructure;

namespace Longan.Appraisal.Tests.Core.Features.Cards;

/// <summary>A printed card's verification code checked against the system (spec report-card.md, item 10).</summary>
public sealed class CardVerificationServiceTests : IAsyncLifetime
{
    private readonly PublishableCounty _county = new();
    private int _assistant;

    private CardVerificationService Service => _county.Get<CardVerificationService>();

    public async Task InitializeAsync()
    {
        await _county.InitializeAsync();
        _assistant = _county.Assistant.AssistantId!.Value;
        await _county.MoveAsync(CycleState.Review);
        await _county.ComputeAsync();
    }

    public Task DisposeAsync() => _county.DisposeAsync();

    private async Task<string> PrintedCodeAsync() =>
        (await _county.Get<ReportCardService>().GetAsync(_county.County, _county.CycleId, _assistant)).VerificationCode;

    [Fact]
    public async Task Verify_ACardPrintedForChecking_NamesTheAssistantAndSaysItIsNotPublished()
    {
        var code = await PrintedCodeAsync();

        var found = await Service.VerifyAsync(_county.County, code);

        var card = await _county.Get<ReportCardService>().GetAsync(_county.County, _county.CycleId, _assistant);
        Assert.NotNull(found);
        Assert.Equal((PublishableCounty.Year, 1, _assistant, card.Identity.Name), (found.Year, found.VersionNumber, found.AssistantId, found.Name));
        Assert.Equal((card.Result.Composite, card.Result.Grade, card.Result.CountyRank), (found.Composite, found.Grade, found.CountyRank));
        Assert.Equal(CardStanding.Unpublished, found.Standing);
    }

    [Fact]
    public async Task Verify_Published_InForce_ThenReopened_ThenSupersededByTheRepublishedVersion()
    {
        await _county.MoveAsync(CycleState.Published);
        var first = await PrintedCodeAsync();
        var other = _county.OtherAssistant.AssistantId!.Value;
        var othersCard = await _county.Get<ReportCardService>().GetAsync(_county.County, _county.CycleId, other);
        Assert.Equal(CardStanding.InForce, (await Service.VerifyAsync(_county.County, first))!.Standing);

        _county.Later();
        await _county.MoveAsync(CycleState.Review, "复核申请：考勤少记");
        Assert.Equal(CardStanding.Reopened, (await Service.VerifyAsync(_county.County, first))!.Standing);

        await _county.Get<CadreBallotService>().AddAsync(_county.County, _county.CycleId, _assistant, new CadreBallotInput { Grade = CadreGrade.Incompetent });
        await _county.ComputeAsync();
        _county.Later();
        await _county.MoveAsync(CycleState.Published);
        var second = await PrintedCodeAsync();

        var old = await Service.VerifyAsync(_county.County, first);
        Assert.Equal((CardStanding.Superseded, 1, 2), (old!.Standing, old.VersionNumber, old.LatestVersionNumber));
        var current = await Service.VerifyAsync(_county.County, second);
        Assert.Equal((CardStanding.InForce, 2), (current!.Standing, current.VersionNumber));
        // Someone else's filed card: the correction did not touch their result, so it stands.
        var othersNow = await _county.Get<ReportCardService>().GetAsync(_county.County, _county.CycleId, other);
        Assert.Equal((othersCard.Result.Composite, othersCard.Result.Grade), (othersNow.Result.Composite, othersNow.Result.Grade));
        var filed = await Service.VerifyAsync(_county.County, othersCard.VerificationCode.Replace("-", "", StringComparison.Ordinal).Insert(0, "核验码 "));
        Assert.Equal((CardStanding.InForce, 1, 2), (filed!.Standing, filed.VersionNumber, filed.LatestVersionNumber));
    }

    [Fact]
    public async Task Verify_Scope_TownshipOnlyItsOwn_OthersRefused()
    {
        var code = await PrintedCodeAsync();

        Assert.NotNull(await Service.VerifyAsync(_county.Township, code));
        Assert.Null(await Service.VerifyAsync(_county.OtherTownship, code));
        await Assert.ThrowsAsync<AccessDeniedException>(() => Service.VerifyAsync(_county.Assistant, code));
        await Assert.ThrowsAsync<AccessDeniedException>(() => Service.VerifyAsync(new Caller("s", "s", AppRole.Supervisor, VillageId: 1), code));
    }

    [Fact]
    public async Task Verify_AnAlteredCode_FindsNothing()
    {
        var code = await PrintedCodeAsync();
        var altered = (code[0] == '0' ? "1" : "0") + code[1..];

        Assert.Null(await Service.VerifyAsync(_county.County, altered));
    }

    [Theory]
    [InlineData("729b-155c-f594", "729B-155C-F594")]
    [InlineData(" 729B 155C F594 ", "729B-155C-F594")]
    [InlineData("７２９Ｂ－１５５Ｃ－Ｆ５９４", "729B-155C-F594")]
    [InlineData("729B155CF594", "729B-155C-F594")]
    public void Normalise_AsTyped_GivesThePrintedForm(string typed, string expected) =>
        Assert.Equal(expected, CardVerificationService.Normalise(typed));

    [Theory]
    [InlineData("", "请填写报告卡页脚的核验码（12 位，如 729B-155C-F594）。")]
    [InlineData("729B-155C-F59", "核验码应为 12 位，现在是 11 位，请对照报告卡页脚重新填写。")]
    [InlineData("729B-155C-F59O", "核验码只含数字 0–9 和字母 A–F，不能含“O”。")]
    public void Normalise_BadInput_SaysWhatIsWrong(string typed, string message)
    {
        var ex = Assert.Throws<ValidationFailedException>(() => CardVerificationService.Normalise(typed));

        Assert.Equal(message, Assert.Single(ex.Errors).Message);
        Assert.Equal(CardVerificationService.CodeField, ex.Errors[0].Field);
    }
}
