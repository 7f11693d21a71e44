using ClosedXML.Excel;
using Longan.Appraisal.Core.Domain;
using Longan.Appraisal.Core.Domain.Entries;
using Longan.Appraisal.Core.Features.Common;
using Longan.Appraisal.Core.Features.Evaluations;
using Longan.Appraisal.Core.Features.Results;
using Longan.Appraisal.Core.Scoring;
using Longan.Appraisal.Core.Security;
using Longan.Appraisal.Tests.Infrastructure;

namespace Longan.Appraisal.Tests.Core.Features.Results;

/// <summary>Spec §8: 组织部 overrides a computed outcome with a reason; both are kept; the effective one is shown and exported.</summary>
public sealed class OutcomeOverrideServiceTests : IAsyncLifetime
{
    private readonly PublishableCounty _county = new();
    private int _assistant;

    private OutcomeOverrideService Service => _county.Get<OutcomeOverrideService>();

    public async Task InitializeAsync()
    {
        await _county.InitializeAsync();
        _assistant = _county.Assistant.AssistantId!.Value;
    }

    public Task DisposeAsync() => _county.DisposeAsync();

    private async Task<ResultRow> RowAsync(Caller? caller = null) =>
        (await _county.Get<ResultQueryService>().ReadAsync(caller ?? _county.County, _county.CycleId, _assistant))!.Rows.Single();

    [Fact]
    public async Task Override_ReplacesTheEffectiveOutcome_ComputedOneKept()
    {
        await _county.ComputeAsync();
        var computed = (await RowAsync()).ComputedOutcomes;

        await Service.OverrideAsync(_county.County, _county.CycleId, _assistant, [Outcome.Replacement, Outcome.AdmonishmentTalk], "  多次无故离村，经乡镇党委核实  ");

        var row = await RowAsync();
        Assert.Equal(computed, row.ComputedOutcomes);
        Assert.Equal([Outcome.AdmonishmentTalk, Outcome.Replacement], row.Outcomes);
        Assert.Equal(("多次无故离村，经乡镇党委核实", "zzb.test"), (row.Decision!.Reason, row.Decision.By));
    }

    [Fact]
    public async Task Override_ToNone_IsADecisionToo()
    {
        await _county.ComputeAsync();

        await Service.OverrideAsync(_county.County, _county.CycleId, _assistant, [], "问题已整改到位，不作处理");

        Assert.Empty((await RowAsync()).Outcomes);
    }

    [Fact]
    public async Task Override_CarriesAcrossARecompute()
    {
        await _county.ComputeAsync();
        await Service.OverrideAsync(_county.County, _county.CycleId, _assistant, [Outcome.PublicCriticism], "通报");
        await _county.Get<CadreBallotService>().AddAsync(_county.County, _county.CycleId, _assistant, new CadreBallotInput { Grade = CadreGrade.Competent });

        Assert.Equal(2, (await _county.ComputeAsync()).Number);

        Assert.Equal([Outcome.PublicCriticism], (await RowAsync()).Outcomes);
    }

    [Fact]
    public async Task Override_WithoutReason_OrWithInsufficientData_FieldErrors()
    {
        await _county.ComputeAsync();

        var ex = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            Service.OverrideAsync(_county.County, _county.CycleId, _assistant, [Outcome.InsufficientData], "  "));

        Assert.Equal(
            [("Outcomes", "“数据不足，暂不评定”不能作为组织部决定的处理建议。"), ("Reason", "请填写“调整理由”。")],
            ex.Errors.Select(e => (e.Field, e.Message)));
    }

    [Fact]
    public async Task Override_BeforeAnyResult_Refused()
    {
        var ex = await Assert.ThrowsAsync<RuleViolationException>(() =>
            Service.OverrideAsync(_county.County, _county.CycleId, _assistant, [Outcome.ReserveCadre], "表现突出"));

        Assert.Equal("该助理员在本年度还没有计算结果，请先计算结果再调整处理建议。", ex.Message);
    }

    [Fact]
    public async Task Override_ByTownshipOrAssistant_Refused_NothingSaved()
    {
        await _county.ComputeAsync();

        await Assert.ThrowsAsync<AccessDeniedException>(() => Service.OverrideAsync(_county.Township, _county.CycleId, _assistant, [], "乡镇意见"));
        await Assert.ThrowsAsync<AccessDeniedException>(() => Service.OverrideAsync(_county.Assistant, _county.CycleId, _assistant, [], "本人意见"));

        Assert.Null((await RowAsync()).Decision);
    }

    [Fact]
    public async Task Withdraw_RestoresTheComputedOutcome_HistoryKeepsEverything()
    {
        await _county.ComputeAsync();
        await Service.OverrideAsync(_county.County, _county.CycleId, _assistant, [Outcome.PublicCriticism], "第一次决定");

        await Service.WithdrawAsync(_county.County, _county.CycleId, _assistant, "经复核撤销");

        var row = await RowAsync();
        Assert.Null(row.Decision);
        Assert.Equal(row.ComputedOutcomes, row.Outcomes);
        var history = await Service.HistoryAsync(_county.Township, _county.CycleId, _assistant);
        Assert.Equal([("经复核撤销", true), ("第一次决定", false)], history.Select(h => (h.Decision.Reason, h.Withdrawn)));
        var again = await Assert.ThrowsAsync<RuleViolationException>(() => Service.WithdrawAsync(_county.County, _county.CycleId, _assistant, "再次撤销"));
        Assert.Equal("该助理员的处理建议没有组织部调整，无需撤销。", again.Message);
    }

    [Fact]
    public async Task History_AnotherTownship_Refused()
    {
        await Assert.ThrowsAsync<AccessDeniedException>(() => Service.HistoryAsync(_county.OtherTownship, _county.CycleId, _assistant));
    }

    [Fact]
    public async Task Export_UsesTheEffectiveOutcome_AndNotesTheDecisionAndWhatItReplaced()
    {
        await _county.ComputeAsync();
        var computed = string.Join("；", (await RowAsync()).ComputedOutcomes.Select(o => Longan.Appraisal.Core.Resources.Messages.Get("Outcome." + o)));
        await Service.OverrideAsync(_county.County, _county.CycleId, _assistant, [Outcome.AdmonishmentTalk], "=群众反映较多");

        var bytes = await Exported.BytesAsync(file => _county.Get<ResultExportService>().ExportAsync(_county.County, _county.CycleId, file));

        using var workbook = new XLWorkbook(new MemoryStream(bytes));
        var code = (await RowAsync()).Code;
        var row = workbook.Worksheet("考核结果").RowsUsed().Single(r => r.Cell(2).GetString() == code);
        Assert.Equal("诫勉谈话", row.Cell(16).GetString());
        Assert.EndsWith($"组织部调整处理建议（原建议：{(computed.Length == 0 ? "无" : computed)}）：=群众反映较多", row.Cell(17).GetString());
        Assert.False(row.Cell(17).HasFormula);
    }

    [Fact]
    public async Task Override_AnUndefinedOutcome_FieldError_NothingSaved()
    {
        await _county.ComputeAsync();

        var ex = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            Service.OverrideAsync(_county.County, _county.CycleId, _assistant, [(Outcome)99], "试图写入未知的处理建议"));

        Assert.Equal("“99”不能作为组织部决定的处理建议。", ex.Errors.Single().Message);
        Assert.Null((await RowAsync()).Decision);
    }
}
