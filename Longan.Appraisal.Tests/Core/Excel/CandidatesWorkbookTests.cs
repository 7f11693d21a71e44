using ClosedXML.Excel;
using Longan.Appraisal.Core.Domain;
using Longan.Appraisal.Core.Features.Assistants;
using Longan.Appraisal.Core.Features.Results;
using Longan.Appraisal.Core.Scoring;
using Longan.Appraisal.Core.Security;
using Longan.Appraisal.Tests.Infrastructure;

namespace Longan.Appraisal.Tests.Core.Excel;

/// <summary>后备干部人选.xlsx per the workbook spec, read back.</summary>
public sealed class CandidatesWorkbookTests : IAsyncLifetime
{
    private readonly PublishableCounty _county = new();

    private CandidateExportService Service => _county.Get<CandidateExportService>();

    public Task InitializeAsync() => _county.InitializeAsync();

    public Task DisposeAsync() => _county.DisposeAsync();

    [Fact]
    public async Task Export_ReadBack_OnlyEffectiveReserveCadres_ByCountyRank_WithTheDepartmentsOpinion()
    {
        await _county.ComputeAsync();
        var rows = (await _county.Get<ResultQueryService>().ReadAsync(_county.County, _county.CycleId))!.Rows;
        var recommended = rows.Where(r => r.ComputedOutcomes.Contains(Outcome.ReserveCadre)).ToList();
        var removed = recommended[0];
        var added = rows.First(r => !r.ComputedOutcomes.Contains(Outcome.ReserveCadre) && r.Composite is not null);
        var decisions = _county.Get<OutcomeOverrideService>();
        await decisions.OverrideAsync(_county.County, _county.CycleId, removed.AssistantId, [], "年龄已超过后备干部条件");
        await decisions.OverrideAsync(_county.County, _county.CycleId, added.AssistantId, [Outcome.ReserveCadre], "=群众基础好，经部务会研究推荐");
        var assistants = _county.Get<AssistantService>();
        var input = AssistantInput.From(await assistants.GetAsync(Caller.System, added.AssistantId));
        input.Name = "翟珊妹";
        input.BirthDate = new DateOnly(1996, 11, 29);
        await assistants.UpdateAsync(Caller.System, added.AssistantId, input);

        var bytes = await Exported.BytesAsync(file => Service.ExportAsync(_county.County, _county.CycleId, file));

        using var workbook = new XLWorkbook(new MemoryStream(bytes));
        var sheet = workbook.Worksheet("后备干部人选");
        Assert.Equal(CandidatesWorkbook.Headers, sheet.Row(1).CellsUsed().Select(c => c.GetString()));
        var names = sheet.RowsUsed().Skip(1).Select(r => r.Cell(2).GetString()).ToList();
        Assert.Equal(recommended.Count, names.Count);
        Assert.DoesNotContain(removed.Name, names);
        Assert.Contains("翟珊妹", names);
        var ranks = sheet.RowsUsed().Skip(1).Select(r => r.Cell(15).GetValue<int>()).ToList();
        Assert.Equal(ranks.Order(), ranks);
        Assert.Equal(Enumerable.Range(1, names.Count), sheet.RowsUsed().Skip(1).Select(r => r.Cell(1).GetValue<int>()));
        var row = sheet.RowsUsed().Single(r => r.Cell(2).GetString() == "翟珊妹");
        Assert.Equal(XLDataType.DateTime, row.Cell(5).DataType);
        Assert.Equal(new DateTime(1996, 11, 29), row.Cell(5).GetDateTime());
        Assert.Equal(29, row.Cell(6).GetValue<int>()); // 28 November 2026: a day before the 30th birthday
        Assert.Equal(2026, row.Cell(12).GetValue<int>());
        Assert.Equal(XLDataType.Number, row.Cell(13).DataType);
        Assert.Equal("组织部决定推荐列入。", row.Cell(17).GetString());
        Assert.Equal("=群众基础好，经部务会研究推荐", row.Cell(18).GetString());
        Assert.False(row.Cell(18).HasFormula);
        Assert.Equal("无", row.Cell(16).GetString());
        Assert.Equal(1, sheet.SheetView.SplitRow);
        Assert.True(sheet.AutoFilter.IsEnabled);
        Assert.Equal(XLPageOrientation.Landscape, sheet.PageSetup.PageOrientation);
    }

    [Fact]
    public async Task Export_TheYearsBefore_FromTheirPublishedResults()
    {
        // The demo county: 2025 published; 2026 collecting, with 浪湾村's assistant decided onto the list.
        var demo = new CollectingCounty();
        await demo.InitializeAsync();
        try
        {
            var a = demo.LangwanAssistant;
            var id2025 = (await demo.Get<Longan.Appraisal.Core.Features.Cycles.CycleService>().ListAsync(demo.County)).Single(c => c.Year == 2025).Id;
            var grade2025 = (await demo.Get<ResultQueryService>().ReadAsync(demo.County, id2025, a))!.Rows.Single().Grade;
            await demo.Get<ResultService>().ComputeAsync(demo.County, demo.CycleId);
            await demo.Get<OutcomeOverrideService>().OverrideAsync(demo.County, demo.CycleId, a, [Outcome.ReserveCadre], "驻村表现突出");

            var bytes = await Exported.BytesAsync(file => demo.Get<CandidateExportService>().ExportAsync(demo.County, demo.CycleId, file));

            using var workbook = new XLWorkbook(new MemoryStream(bytes));
            var row = workbook.Worksheet("后备干部人选").RowsUsed().Skip(1).Single();
            Assert.Equal($"2025年 {Longan.Appraisal.Core.Resources.Messages.Get("Grade." + grade2025)}", row.Cell(16).GetString());
            Assert.Equal("驻村表现突出", row.Cell(18).GetString());
        }
        finally
        {
            await demo.DisposeAsync();
        }
    }

    [Fact]
    public async Task Export_ByATownship_Refused()
    {
        await _county.ComputeAsync();

        await Assert.ThrowsAsync<AccessDeniedException>(() => Exported.BytesAsync(file => Service.ExportAsync(_county.Township, _county.CycleId, file)));
    }
}
