using ClosedXML.Excel;
using Longan.Appraisal.Core.Domain.Entries;
using Longan.Appraisal.Core.Features.Attendance;
using Longan.Appraisal.Core.Features.Evaluations;
using Longan.Appraisal.Core.Features.Supervision;
using Longan.Appraisal.Core.Features.Workbooks;
using Longan.Appraisal.Core.Security;
using Longan.Appraisal.Tests.Infrastructure;

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
    public async Task Evaluations_ThreeSheets_NumbersAsNumbers_CodesAndFormulaLikeTextAsText_NoEvaluator()
    {
        using var workbook = new XLWorkbook(new MemoryStream(await Service.EvaluationsAsync(_county.County, _county.CycleId)));

        var villagers = workbook.Worksheet("群众评议");
        Assert.Equal(["助理员编号", "姓名", "乡镇", "驻村", "会议或轮次", "满意", "基本满意", "不满意", "无效", "意见建议"], villagers.Row(1).CellsUsed().Select(c => c.GetString()));
        Assert.Equal("LA0020", villagers.Cell(2, 1).GetString());
        Assert.Equal(XLDataType.Number, villagers.Cell(2, 6).DataType);
        Assert.Equal("=cmd|' /C calc'!A0", villagers.Cell(2, 10).GetString());
        Assert.False(villagers.Cell(2, 10).HasFormula);
        var party = workbook.Worksheet("党组织评议");
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
        using var workbook = new XLWorkbook(new MemoryStream(await Service.SupervisionAsync(_county.County, _county.CycleId)));

        var sheet = workbook.Worksheet("五老监督记录");
        Assert.Equal(XLDataType.DateTime, sheet.Cell(2, 5).DataType);
        Assert.Equal(new DateTime(2026, 4, 1), sheet.Cell(2, 5).GetDateTime());
        Assert.Equal(("问题", "在岗履职", "轻微"), (sheet.Cell(2, 7).GetString(), sheet.Cell(2, 8).GetString(), sheet.Cell(2, 9).GetString()));
        Assert.Equal("@工作日未在村", sheet.Cell(2, 10).GetString());
        Assert.Equal(("属实", "经核实"), (sheet.Cell(2, 11).GetString(), sheet.Cell(2, 12).GetString()));
        AssertSetUp(sheet);
    }

    [Fact]
    public async Task Attendance_OneRowPerAssistant_MonthsAndShortMonths()
    {
        using var workbook = new XLWorkbook(new MemoryStream(await Service.AttendanceAsync(_county.County, _county.CycleId)));

        var sheet = workbook.Worksheet("驻村考勤");
        Assert.Equal("不足20天月数", sheet.Cell(1, 17).GetString());
        Assert.Equal(61, sheet.LastRowUsed()!.RowNumber());
        var row = sheet.RowsUsed().Single(r => r.Cell(1).GetString() == "LA0020");
        Assert.Equal((18, 22), (row.Cell(7).GetValue<int>(), row.Cell(8).GetValue<int>()));
        Assert.True(row.Cell(5).IsEmpty());
        Assert.Equal(1, row.Cell(17).GetValue<int>());
        AssertSetUp(sheet);
    }

    [Fact]
    public async Task Workbooks_ForTheCountyOnly()
    {
        await Assert.ThrowsAsync<AccessDeniedException>(() => Service.EvaluationsAsync(_county.Natong, _county.CycleId));
        await Assert.ThrowsAsync<AccessDeniedException>(() => Service.SupervisionAsync(_county.Supervisor, _county.CycleId));
        await Assert.ThrowsAsync<AccessDeniedException>(() => Service.AttendanceAsync(_county.Assistant, _county.CycleId));
    }
}
