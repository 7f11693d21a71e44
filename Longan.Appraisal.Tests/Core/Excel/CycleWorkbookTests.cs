using ClosedXML.Excel;
using Longan.Appraisal.Core.Domain.Entries;
using Longan.Appraisal.Core.Features.Attendance;
using Longan.Appraisal.Core.Features.Evaluations;
using Longan.Appraisal.Core.Features.Supervision;
using Longan.Appraisal.Core.Features.Workbooks;
using Longan.Appraisal.Core.Security;
using Longan.Appraisal.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Longan.Appraisal.Tests.Core.Excel;

/// <summary>组织部's workbooks of collected data, read back: headers, types, text kept as text, the common sheet setup.</summary>
public sealed class CycleWorkbookTests : IAsyncLifetime
{
    private readonly CollectingCounty _county = new();

    private CycleWorkbookService Service => _county.Get<CycleWorkbookService>();

    public async Task InitializeAsync()
    {
        await _county.InitializeAsync();
        var (c, a, t) = (_county.CycleId, _county.LangwanAssistant, _county.Natong);
        await _county.Get<VillagerTallyService>().AddAsync(t, c, a, new TallyInput { Satisfied = 12, BasicallySatisfied = 6, Dissatisfied = 2, Invalid = 1, Round = "第一次会议", Comment = "=cmd|' /C calc'!A0" });
        await _county.Get<PartyBallotService>().AddAsync(t, c, a, new PartyBallotInput { TicketNo = "007", PolicyAdvocate = 18, PublicOpinion = 18.5m, CivilAgent = 19, DisputeMediator = 18, PartyBuildingGuide = 18.5m });
        await _county.Get<CadreBallotService>().AddAsync(t, c, a, new CadreBallotInput { Grade = CadreGrade.Competent, Comment = "+多下村" });
        var record = await _county.Get<SupervisionService>().AddAsync(_county.Supervisor, c, a, new SupervisionInput
        {
            Date = new DateOnly(2026, 4, 1), Nature = RecordNature.Issue, Category = RecordCategory.OnDuty, Severity = IssueSeverity.Minor, Description = "@工作日未在村",
        });
        await _county.Get<SupervisionService>().VerifyAsync(t, record, 1, new VerifyInput { Result = Verification.Confirmed, Note = "经核实" });
        await _county.Get<AttendanceService>().SetAsync(t, c, a, 3, 18);
        await _county.Get<AttendanceService>().SetAsync(t, c, a, 4, 22);
    }

    public Task DisposeAsync() => _county.DisposeAsync();

    private static void AssertSetUp(IXLWorksheet sheet)
    {
        Assert.Equal(1, sheet.SheetView.SplitRow);
        Assert.True(sheet.AutoFilter.IsEnabled);
        Assert.Equal(XLPageOrientation.Landscape, sheet.PageSetup.PageOrientation);
        Assert.Equal(1, sheet.PageSetup.PagesWide);
    }

    [Fact]
    public async Task Evaluations_TheContractsSheets_NumbersAsNumbers_CodesAndFormulaLikeTextAsText_NoEvaluator()
    {
        using var workbook = new XLWorkbook(new MemoryStream(await Exported.BytesAsync(file => Service.EvaluationsAsync(_county.County, _county.CycleId, file))));

        Assert.Equal(["群众评议", "群众意见", "党组织评议", "党员干部评议"], workbook.Worksheets.Select(w => w.Name));
        var villagers = workbook.Worksheet("群众评议");
        Assert.Equal(["助理员编号", "姓名", "乡镇", "驻村", "满意", "基本满意", "不满意", "无效", "备注"], villagers.Row(1).CellsUsed().Select(c => c.GetString()));
        Assert.Equal("LA0020", villagers.Cell(2, 1).GetString());
        Assert.Equal(XLDataType.Number, villagers.Cell(2, 5).DataType);
        Assert.Equal("第一次会议", villagers.Cell(2, 9).GetString());
        var comments = workbook.Worksheet("群众意见");
        Assert.Equal(["助理员编号", "姓名", "乡镇", "驻村", "意见建议"], comments.Row(1).CellsUsed().Select(c => c.GetString()));
        Assert.Equal("=cmd|' /C calc'!A0", comments.Cell(2, 5).GetString());
        Assert.False(comments.Cell(2, 5).HasFormula);
        var party = workbook.Worksheet("党组织评议");
        Assert.Equal(["助理员编号", "姓名", "乡镇", "驻村", "票号", "政策宣讲员", "民意信息员", "民事代办员", "纠纷调解员", "党建指导员", "合计", "意见建议"],
            party.Row(1).CellsUsed().Select(c => c.GetString()));
        Assert.Equal("007", party.Cell(2, 5).GetString());
        Assert.Equal(XLDataType.Text, party.Cell(2, 5).DataType);
        Assert.Equal(92.0, party.Cell(2, 11).GetDouble());
        var cadres = workbook.Worksheet("党员干部评议");
        Assert.Equal(("称职", "+多下村"), (cadres.Cell(2, 6).GetString(), cadres.Cell(2, 7).GetString()));
        Assert.False(cadres.Cell(2, 7).HasFormula);
        foreach (var sheet in workbook.Worksheets)
        {
            AssertSetUp(sheet);
            Assert.DoesNotContain(sheet.Row(1).CellsUsed(), c => c.GetString().Contains("录入", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task Supervision_RecordsWithVerification_DatesAsDates()
    {
        using var workbook = new XLWorkbook(new MemoryStream(await Exported.BytesAsync(file => Service.SupervisionAsync(_county.County, _county.CycleId, file))));

        var sheet = workbook.Worksheet("五老监督");
        Assert.Equal(["日期", "监督员", "性质", "类别", "严重程度", "情况描述", "核实结果"], sheet.Row(1).CellsUsed().Skip(4).Take(7).Select(c => c.GetString()));
        Assert.Equal(XLDataType.DateTime, sheet.Cell(2, 5).DataType);
        Assert.Equal(new DateTime(2026, 4, 1), sheet.Cell(2, 5).GetDateTime());
        Assert.Equal(("问题", "在岗履职", "轻微"), (sheet.Cell(2, 7).GetString(), sheet.Cell(2, 8).GetString(), sheet.Cell(2, 9).GetString()));
        Assert.Equal("@工作日未在村", sheet.Cell(2, 10).GetString());
        Assert.Equal(("属实", "经核实"), (sheet.Cell(2, 11).GetString(), sheet.Cell(2, 12).GetString()));
        AssertSetUp(sheet);
    }

    [Fact]
    public async Task Attendance_AGridPerAssistant_AndTheContractsListOfMonths()
    {
        using var workbook = new XLWorkbook(new MemoryStream(await Exported.BytesAsync(file => Service.AttendanceAsync(_county.County, _county.CycleId, file))));

        var grid = workbook.Worksheet("考勤汇总");
        Assert.Equal("不足20天月数", grid.Cell(1, 17).GetString());
        Assert.Equal(61, grid.LastRowUsed()!.RowNumber());
        var row = grid.RowsUsed().Single(r => r.Cell(1).GetString() == "LA0020");
        Assert.Equal((18, 22), (row.Cell(7).GetValue<int>(), row.Cell(8).GetValue<int>()));
        Assert.True(row.Cell(5).IsEmpty());
        Assert.Equal(1, row.Cell(17).GetValue<int>());
        var list = workbook.Worksheet("驻村考勤");
        Assert.Equal(["助理员编号", "姓名", "乡镇", "驻村", "月份", "驻村天数"], list.Row(1).CellsUsed().Select(c => c.GetString()));
        Assert.Equal(("LA0020", "2026-03", 18), (list.Cell(2, 1).GetString(), list.Cell(2, 5).GetString(), list.Cell(2, 6).GetValue<int>()));
        Assert.Equal(XLDataType.Text, list.Cell(2, 5).DataType);
        AssertSetUp(grid);
        AssertSetUp(list);
    }

    [Fact]
    public async Task Workbooks_ImportedAgainIntoAnEmptiedCycle_GiveBackTheSameEntries()
    {
        var (c, county) = (_county.CycleId, _county.County);
        var files = new[]
        {
            await Exported.BytesAsync(file => Service.EvaluationsAsync(county, c, file)), await Exported.BytesAsync(file => Service.SupervisionAsync(county, c, file)), await Exported.BytesAsync(file => Service.AttendanceAsync(county, c, file)),
        };
        var before = await EntriesAsync();
        await using (var db = await _county.Db.OpenAsync())
        {
            await db.VillagerTallies.ExecuteDeleteAsync();
            await db.PartyBallots.ExecuteDeleteAsync();
            await db.CadreBallots.ExecuteDeleteAsync();
            await db.SupervisionRecords.ExecuteDeleteAsync();
            await db.AttendanceMonths.ExecuteDeleteAsync();
        }

        foreach (var (file, i) in files.Select((f, i) => (f, i)))
        {
            await _county.Get<Longan.Appraisal.Core.Features.Imports.BallotImportService>().ImportAsync(county, c, file, $"导出{i}.xlsx", replace: false);
        }

        Assert.NotEmpty(before);
        Assert.Equal(before, await EntriesAsync());
    }

    /// <summary>
    /// The cycle's entries as a sorted list of what they say: a tally's comment stands on its own
    /// (the contract carries it on the 群众意见 sheet), ids and entry times left out.
    /// </summary>
    private async Task<List<string>> EntriesAsync()
    {
        await using var db = await _county.Db.OpenAsync();
        var c = _county.CycleId;
        var tallies = await db.VillagerTallies.Where(t => t.CycleId == c).ToListAsync();
        List<string> entries =
        [
            .. tallies.Where(t => t.Counted + t.Invalid > 0).Select(t => $"V {t.AssistantId} {t.Satisfied}/{t.BasicallySatisfied}/{t.Dissatisfied}/{t.Invalid} {t.Round}"),
            .. tallies.Where(t => t.Comment is not null).Select(t => $"C {t.AssistantId} {t.Comment}"),
            .. (await db.PartyBallots.Where(b => b.CycleId == c).ToListAsync()).Select(b => $"P {b.AssistantId} {b.TicketNo} {b.Total} {b.Comment}"),
            .. (await db.CadreBallots.Where(b => b.CycleId == c).ToListAsync()).Select(b => $"G {b.AssistantId} {b.TicketNo} {b.Grade} {b.Comment}"),
            .. (await db.SupervisionRecords.Where(r => r.CycleId == c).ToListAsync()).Select(r => $"S {r.AssistantId} {r.Date} {r.Nature} {r.Category} {r.Severity} {r.Description} {r.Verification}"),
            .. (await db.AttendanceMonths.Where(m => m.CycleId == c).ToListAsync()).Select(m => $"A {m.AssistantId} {m.Month} {m.Days}"),
        ];
        return [.. entries.Order(StringComparer.Ordinal)];
    }

    [Fact]
    public async Task Workbooks_ForTheCountyOnly()
    {
        await Assert.ThrowsAsync<AccessDeniedException>(() => Exported.BytesAsync(file => Service.EvaluationsAsync(_county.Natong, _county.CycleId, file)));
        await Assert.ThrowsAsync<AccessDeniedException>(() => Exported.BytesAsync(file => Service.SupervisionAsync(_county.Supervisor, _county.CycleId, file)));
        await Assert.ThrowsAsync<AccessDeniedException>(() => Exported.BytesAsync(file => Service.AttendanceAsync(_county.Assistant, _county.CycleId, file)));
    }
}
