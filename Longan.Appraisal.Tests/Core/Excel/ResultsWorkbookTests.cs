using ClosedXML.Excel;
using Longan.Appraisal.Core.Domain.Entries;
using Longan.Appraisal.Core.Features.Assistants;
using Longan.Appraisal.Core.Features.Evaluations;
using Longan.Appraisal.Core.Features.Results;
using Longan.Appraisal.Core.Security;
using Longan.Appraisal.Tests.Infrastructure;

namespace Longan.Appraisal.Tests.Core.Excel;

public sealed class ResultsWorkbookTests : IAsyncLifetime
{
    private readonly CollectingCounty _county = new();

    public Task InitializeAsync() => _county.InitializeAsync();

    public Task DisposeAsync() => _county.DisposeAsync();

    [Fact]
    public async Task Export_ReadBack_HeadersNumbersPercentsIncompleteRowsAndSafeText()
    {
        var (c, a, t) = (_county.CycleId, _county.LangwanAssistant, _county.Natong);
        await _county.Get<VillagerTallyService>().AddAsync(t, c, a, new TallyInput { Satisfied = 42, BasicallySatisfied = 14, Dissatisfied = 4, Comment = "=cmd|' /C calc'!A0" });
        await _county.Get<PartyBallotService>().AddAsync(t, c, a, new PartyBallotInput { PolicyAdvocate = 18, PublicOpinion = 18.5m, CivilAgent = 19, DisputeMediator = 18, PartyBuildingGuide = 18.5m });
        foreach (var g in Enumerable.Repeat(CadreGrade.Competent, 5))
        {
            await _county.Get<CadreBallotService>().AddAsync(t, c, a, new CadreBallotInput { Grade = g });
        }
        // A name that a spreadsheet would take for a formula.
        var current = await _county.Get<AssistantService>().GetAsync(Caller.System, a);
        var input = AssistantInput.From(current);
        input.Name = "=HYPERLINK(\"x\")";
        await _county.Get<AssistantService>().UpdateAsync(Caller.System, a, input);
        await _county.Get<ResultService>().ComputeAsync(_county.County, c);

        var bytes = await Exported.BytesAsync(file => _county.Get<ResultExportService>().ExportAsync(_county.County, c, file));

        using var workbook = new XLWorkbook(new MemoryStream(bytes));
        var sheet = workbook.Worksheet("考核结果");
        Assert.Equal(ResultsWorkbook.Headers, sheet.Row(1).CellsUsed().Select(x => x.GetString()));
        Assert.Equal(61, sheet.LastRowUsed()!.RowNumber());
        var first = sheet.Row(2);
        Assert.Equal(1, first.Cell(1).GetValue<int>());
        Assert.Equal("LA0020", first.Cell(2).GetString());
        Assert.Equal("=HYPERLINK(\"x\")", first.Cell(3).GetString());
        Assert.False(first.Cell(3).HasFormula);
        Assert.True(first.Cell(3).Style.IncludeQuotePrefix);
        Assert.Equal(XLDataType.Number, first.Cell(6).DataType);
        Assert.Equal(84.00, first.Cell(6).GetDouble());
        Assert.Equal("0.00%", first.Cell(7).Style.NumberFormat.Format);
        Assert.Equal(0.9333, Math.Round(first.Cell(7).GetDouble(), 4));
        Assert.Equal(85.20, first.Cell(13).GetDouble()); // 0.4 × 84 + 0.3 × 92 + 0.3 × 80
        Assert.Equal("称职", first.Cell(14).GetString());
        var incomplete = sheet.Row(3);
        Assert.Equal("数据不足", incomplete.Cell(14).GetString());
        Assert.True(incomplete.Cell(13).IsEmpty());
        Assert.True(incomplete.Cell(1).IsEmpty());
        Assert.Contains("群众评议、党组织评议、党员干部评议", incomplete.Cell(17).GetString());
        Assert.Equal(1, sheet.SheetView.SplitRow);
        Assert.True(sheet.AutoFilter.IsEnabled);
        Assert.Equal(XLPageOrientation.Landscape, sheet.PageSetup.PageOrientation);
        Assert.Equal(1, sheet.PageSetup.PagesWide);
    }

    [Fact]
    public async Task Export_Township_OnlyItsOwnRows_SupervisorRefused()
    {
        await _county.Get<ResultService>().ComputeAsync(_county.County, _county.CycleId);

        using var workbook = new XLWorkbook(new MemoryStream(await Exported.BytesAsync(file => _county.Get<ResultExportService>().ExportAsync(_county.Natong, _county.CycleId, file))));

        Assert.Equal(7, workbook.Worksheet("考核结果").LastRowUsed()!.RowNumber());
        await Assert.ThrowsAsync<AccessDeniedException>(() => Exported.BytesAsync(file => _county.Get<ResultExportService>().ExportAsync(_county.Supervisor, _county.CycleId, file)));
    }
}
