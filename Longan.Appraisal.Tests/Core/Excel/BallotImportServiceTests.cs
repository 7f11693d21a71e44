using Longan.Appraisal.Core.Domain.Entries;
using Longan.Appraisal.Core.Excel;
using Longan.Appraisal.Core.Features.Assistants;
using Longan.Appraisal.Core.Features.Common;
using Longan.Appraisal.Core.Features.Evaluations;
using Longan.Appraisal.Core.Features.Imports;
using Longan.Appraisal.Core.Features.Postings;
using Longan.Appraisal.Core.Features.Supervision;
using Longan.Appraisal.Core.Features.Villages;
using Longan.Appraisal.Core.Security;
using Longan.Appraisal.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static Longan.Appraisal.Tests.Infrastructure.Xlsx;

namespace Longan.Appraisal.Tests.Core.Excel;

public sealed class BallotImportServiceTests : IAsyncLifetime
{
    private readonly CollectingCounty _county = new();

    private BallotImportService Service => _county.Get<BallotImportService>();

    /// <summary>浪湾村's assistant (demo code LA0020) and an assistant coded "007" in a new 那桐镇 village.</summary>
    private const string Langwan = "LA0020";

    public async Task InitializeAsync()
    {
        await _county.InitializeAsync();
        var village = await _county.Get<VillageService>().CreateAsync(Caller.System, new VillageInput { TownshipId = _county.NatongId, Name = "新屯村" });
        var assistant = await _county.Get<AssistantService>().CreateAsync(Caller.System, new AssistantInput { Code = "007", Name = "凌振宇" });
        await _county.Get<PostingService>().AssignAsync(Caller.System, new AssignInput { AssistantId = assistant, VillageId = village, StartDate = new DateOnly(2026, 3, 1) });
    }

    public Task DisposeAsync() => _county.DisposeAsync();

    private static byte[] FullWorkbook() => new Xlsx()
        .Sheet("群众评议",
            Row("2026年那桐镇群众评议汇总"),
            Row("助理员编号", "满意", "基本满意", "不满意", "无效", "备注"),
            Row("示例：LA0001", 10, 2, 0, 1, "示例行，导入时忽略"),
            Row(Langwan, 30, 8, 2, 1, "3月会议"),
            Row(Langwan, 12, 6, 2, null, null),
            Row("007", "20", "5", "0", "0", null))
        .Sheet("群众意见", Row("助理员编号", "意见建议"), Row(Langwan, "希望多到屯里走访"))
        .Sheet("党组织评议",
            Row("助理员编号", "票号", "政策宣讲员", "民意信息员", "民事代办员", "纠纷调解员", "党建指导员", "意见建议"),
            Row(Langwan, "P01", 18, 18.5, 19, 18, 18.5, null),
            Row(Langwan, "P02", 17, 17.5, 18, 18, 18, "调解纠纷有耐心"))
        .Sheet("党员干部评议",
            Row("等次", "助理员编号", "票号"),
            Row("优秀", Langwan, "C01"), Row("称职", Langwan, "C02"), Row("基本称职", "007", null))
        .Sheet("五老监督",
            Row("助理员编号", "日期", "监督员", "性质", "类别", "严重程度", "情况描述", "核实结果"),
            Row(Langwan, new DateTime(2026, 3, 18), "罗福生", "问题", "在岗履职", "轻微", "工作日未在村", null),
            Row(Langwan, "2026-05-02", "某村民", "表扬", "服务态度", null, "帮老人代办医保", "属实"))
        .Sheet("驻村考勤",
            Row("助理员编号", "月份", "驻村天数"),
            Row(Langwan, "2026-03", 18), Row(Langwan, new DateTime(2026, 4, 1), 22), Row("007", "2026-04", 20))
        .Bytes();

    [Fact]
    public async Task Import_FullWorkbook_SavesEverySheetAndKeepsLeadingZeros()
    {
        var summary = await Service.ImportAsync(_county.Natong, _county.CycleId, FullWorkbook(), "评议数据.xlsx", replace: false);

        Assert.Equal((3, 1, 2, 3, 2, 3), (summary.Tallies, summary.Comments, summary.PartyBallots, summary.CadreBallots, summary.Records, summary.AttendanceMonths));
        await using var db = await _county.Db.OpenAsync();
        var seven = await db.Assistants.SingleAsync(a => a.Code == "007");
        Assert.Equal(20, await db.VillagerTallies.Where(t => t.AssistantId == seven.Id).SumAsync(t => t.Satisfied));
        Assert.All(await db.VillagerTallies.Where(t => t.CycleId == _county.CycleId).ToListAsync(), t => Assert.Equal(summary.ImportId, t.ImportId));
        var records = await db.SupervisionRecords.Where(r => r.CycleId == _county.CycleId).OrderBy(r => r.Date).ToListAsync();
        Assert.NotNull(records[0].SupervisorId);
        Assert.Equal((Verification.Pending, Verification.Confirmed), (records[0].Verification, records[1].Verification));
        Assert.Null(records[1].SupervisorId);
        Assert.Equal(92m, (await db.PartyBallots.FirstAsync(b => b.TicketNo == "P01")).Total);
        // 备注 names the meeting; only the 群众意见 sheet holds villagers' comments.
        var tallies = await db.VillagerTallies.Where(t => t.CycleId == _county.CycleId).ToListAsync();
        Assert.Equal("3月会议", Assert.Single(tallies, t => t.Round is not null).Round);
        Assert.Equal(["希望多到屯里走访"], tallies.Where(t => t.Comment is not null).Select(t => t.Comment));
    }

    [Fact]
    public async Task Import_EveryKindOfError_LocatedBySheetRowAndColumn_AndNothingSaved()
    {
        var bytes = new Xlsx()
            .Sheet("群众评议", Row("助理员编号", "满意", "基本满意", "不满意"), Row(Langwan, "很多", 1, 0), Row("LA9999", 1, 1, 1), Row(Langwan, 0, 0, 0))
            .Sheet("党组织评议", Row("助理员编号", "政策宣讲员", "民意信息员", "民事代办员", "纠纷调解员", "党建指导员", "票号"),
                Row(Langwan, 21, 18, 18, 18, 18, "P1"), Row(Langwan, 18, 18, 18, 18, 18, "P1"))
            .Sheet("党员干部评议", Row("助理员编号", "等次"), Row(Langwan, "良好"))
            .Sheet("五老监督", Row("助理员编号", "日期", "监督员", "性质", "类别", "情况描述"),
                Row(Langwan, "2026-03-18", "罗福生", "问题", "在岗履职", "未在村"), Row(Langwan, "2025-12-01", "罗福生", "表扬", "其他", "好"))
            .Sheet("驻村考勤", Row("助理员编号", "月份", "驻村天数"), Row(Langwan, "2026/3", 18), Row(Langwan, "2026-02", 29), Row(Langwan, "2026-04", 20), Row(Langwan, "2026-04", 21))
            .Sheet("群众意见", Row("助理员", "意见"))
            .Bytes();

        var ex = await Assert.ThrowsAsync<ImportRejectedException>(() => Service.ImportAsync(_county.Natong, _county.CycleId, bytes, "评议数据.xlsx", false));

        var errors = ex.Errors.Select(e => (e.Sheet, e.Row, e.Column)).ToList();
        Assert.Contains(("群众评议", 2, "满意"), errors);
        Assert.Contains(("群众评议", 3, "助理员编号"), errors);
        Assert.Contains(("群众评议", 4, "满意"), errors);
        Assert.Contains(("党组织评议", 2, "政策宣讲员"), errors);
        Assert.Contains(("党组织评议", 3, "票号"), errors);
        Assert.Contains(("党员干部评议", 2, "等次"), errors);
        Assert.Contains(("五老监督", 2, "严重程度"), errors);
        Assert.Contains(("五老监督", 3, "日期"), errors);
        Assert.Contains(("驻村考勤", 3, "驻村天数"), errors);
        Assert.Contains(("驻村考勤", 5, "月份"), errors);
        Assert.Contains(ex.Errors, e => e.Sheet == "群众意见" && e.Row == 0 && e.Reason.StartsWith("找不到表头", StringComparison.Ordinal));
        Assert.Contains(ex.Errors, e => e.Sheet == "党员干部评议" && e.Value == "良好" && e.Reason == "只能填：优秀、称职、基本称职、不称职。");
        Assert.Contains(ex.Errors, e => e.Sheet == "驻村考勤" && e.Row == 3 && e.Reason == "须是 0 至 28 之间的整数。");
        await using var db = await _county.Db.OpenAsync();
        Assert.Equal(0, await db.VillagerTallies.CountAsync(x => x.CycleId == _county.CycleId) + await db.PartyBallots.CountAsync(x => x.CycleId == _county.CycleId) + await db.AttendanceMonths.CountAsync(x => x.CycleId == _county.CycleId) + await db.ImportBatches.CountAsync(x => x.CycleId == _county.CycleId));
    }

    [Fact]
    public async Task Import_RowsBreakingAnEntrysOwnRules_RefusedWithTheFormsMessageAtTheFieldsColumn()
    {
        // What the forms say about the same inputs: one rule, whichever way a record or ballot comes in.
        async Task<string> FormSays(Func<Task> save) => (await Assert.ThrowsAsync<ValidationFailedException>(save)).Errors.Single().Message;
        var records = _county.Get<SupervisionService>();
        SupervisionInput Record(string date, IssueSeverity? severity) => new()
        {
            Date = DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture), SupervisorName = "罗福生", Nature = RecordNature.Issue,
            Category = RecordCategory.OnDuty, Severity = severity, Description = "未在村",
        };
        var noSeverity = await FormSays(() => records.AddAsync(_county.Natong, _county.CycleId, _county.LangwanAssistant, Record("2026-03-18", null)));
        var lastYear = await FormSays(() => records.AddAsync(_county.Natong, _county.CycleId, _county.LangwanAssistant, Record("2025-12-31", IssueSeverity.Minor)));
        var tomorrow = await FormSays(() => records.AddAsync(_county.Natong, _county.CycleId, _county.LangwanAssistant, Record("2026-11-29", IssueSeverity.Minor)));
        var halfPoint = await FormSays(() => _county.Get<PartyBallotService>().AddAsync(_county.Natong, _county.CycleId, _county.LangwanAssistant,
            new PartyBallotInput { PolicyAdvocate = 18, PublicOpinion = 18, CivilAgent = 18.25m, DisputeMediator = 18, PartyBuildingGuide = 18 }));
        var bytes = new Xlsx()
            .Sheet("五老监督", Row("助理员编号", "日期", "监督员", "性质", "类别", "严重程度", "情况描述"),
                Row(Langwan, "2026-03-18", "罗福生", "问题", "在岗履职", null, "未在村"),
                Row(Langwan, "2025-12-31", "罗福生", "问题", "在岗履职", "轻微", "未在村"),
                Row(Langwan, new DateTime(2026, 11, 29), "罗福生", "问题", "在岗履职", "轻微", "未在村"))
            .Sheet("党组织评议", Row("助理员编号", "政策宣讲员", "民意信息员", "民事代办员", "纠纷调解员", "党建指导员"), Row(Langwan, 18, 18, 18.25, 18, 18))
            .Sheet("群众评议", Row("助理员编号", "满意", "基本满意", "不满意", "无效"), Row(Langwan, 0, 0, 0, 0))
            .Bytes();

        var ex = await Assert.ThrowsAsync<ImportRejectedException>(() => Service.ImportAsync(_county.Natong, _county.CycleId, bytes, "评议数据.xlsx", false));

        Assert.Equal(
        [
            // The sheet has no comment column: an empty tally is told where villagers' comments go.
            ("群众评议", 2, "满意", "0", "这一行的票数都是 0；群众的意见建议请填在“群众意见”表。"),
            ("党组织评议", 2, "民事代办员", "18.25", halfPoint),
            ("五老监督", 2, "严重程度", null, noSeverity),
            ("五老监督", 3, "日期", "2025-12-31", lastYear),
            ("五老监督", 4, "日期", "2026-11-29", tomorrow),
        ], ex.Errors.Select(e => (e.Sheet, e.Row, e.Column, e.Value, e.Reason)));
        Assert.Equal(["问题记录须选择严重程度。", "日期须在 2026 年内。", "日期不能晚于今天。"], [noSeverity, lastYear, tomorrow]);
    }

    [Fact]
    public async Task Tickets_OneRuleForFormsAndImports_AReplacedImportFreesOnlyItsOwnNumbers()
    {
        var bytes = new Xlsx().Sheet("党员干部评议", Row("助理员编号", "票号", "等次"), Row(Langwan, "C01", "称职")).Bytes();
        await Service.ImportAsync(_county.Natong, _county.CycleId, bytes, "评议数据.xlsx", false);
        var cadres = _county.Get<CadreBallotService>();

        var taken = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            cadres.AddAsync(_county.Natong, _county.CycleId, _county.LangwanAssistant, new CadreBallotInput { Grade = CadreGrade.Competent, TicketNo = "c01" }));
        Assert.Equal("票号“C01”已录入过，同一助理员的票号不能重复。", taken.Errors.Single().Message);
        // Replacing the file frees the numbers of the import it replaces...
        Assert.True((await Service.ImportAsync(_county.Natong, _county.CycleId, bytes, "评议数据.xlsx", replace: true)).Replaced);
        // ...but not a number typed into a form, even one stored before numbers were normalised.
        var typed = await cadres.AddAsync(_county.Natong, _county.CycleId, _county.LangwanAssistant, new CadreBallotInput { Grade = CadreGrade.Competent, TicketNo = "C02" });
        await using (var db = await _county.Db.OpenAsync())
        {
            await db.CadreBallots.Where(b => b.Id == typed).ExecuteUpdateAsync(u => u.SetProperty(b => b.TicketNo, "c01 "));
        }
        var again = await Assert.ThrowsAsync<ImportRejectedException>(() => Service.ImportAsync(_county.Natong, _county.CycleId, bytes, "评议数据.xlsx", replace: true));
        Assert.Equal(("票号", "C01", "票号“C01”已录入过，同一助理员的票号不能重复。"), (again.Errors.Single().Column, again.Errors.Single().Value, again.Errors.Single().Reason));
    }

    [Fact]
    public async Task Import_SameFileTwice_RefusedUnlessReplaced()
    {
        var bytes = FullWorkbook();
        var first = await Service.ImportAsync(_county.Natong, _county.CycleId, bytes, "评议数据.xlsx", false);

        var again = await Assert.ThrowsAsync<ImportRejectedException>(() => Service.ImportAsync(_county.Natong, _county.CycleId, bytes, "评议数据(1).xlsx", false));
        var replaced = await Service.ImportAsync(_county.Natong, _county.CycleId, bytes, "评议数据.xlsx", replace: true);

        Assert.Contains("已于", again.Errors.Single().Reason);
        Assert.Contains(Demo.Natong, again.Errors.Single().Reason);
        Assert.True(replaced.Replaced);
        Assert.NotEqual(first.ImportId, replaced.ImportId);
        await using var db = await _county.Db.OpenAsync();
        // Three tallies and the 群众意见 comment, once: the first import's rows were removed.
        Assert.Equal(4, await db.VillagerTallies.CountAsync(x => x.CycleId == _county.CycleId));
        Assert.Equal([replaced.ImportId], await db.ImportBatches.Select(b => b.Id).ToListAsync());
    }

    [Fact]
    public async Task Import_RowForAnotherTownship_Refused()
    {
        var bytes = new Xlsx().Sheet("党员干部评议", Row("助理员编号", "等次"), Row("LA0001", "优秀")).Bytes();

        var ex = await Assert.ThrowsAsync<ImportRejectedException>(() => Service.ImportAsync(_county.Natong, _county.CycleId, bytes, "x.xlsx", false));

        Assert.Equal(("党员干部评议", 2, "该助理员不在本乡镇，不能导入。"), (ex.Errors.Single().Sheet, ex.Errors.Single().Row, ex.Errors.Single().Reason));
    }

    [Theory]
    [InlineData("评议数据.csv", false, "只能导入")]
    [InlineData("评议数据.xlsx", false, "只能导入")]
    [InlineData("评议数据.xlsx", true, "文件已损坏")]
    public async Task Import_NotAnXlsxOrDamaged_RejectedCleanly(string name, bool zipLike, string reason)
    {
        var bytes = zipLike ? [(byte)'P', (byte)'K', 3, 4, 1, 2, 3, 4, 5, 6, 7, 8] : "助理员编号,满意\nLA0020,1"u8.ToArray();

        var ex = await Assert.ThrowsAsync<ImportRejectedException>(() => Service.ImportAsync(_county.Natong, _county.CycleId, bytes, name, false));

        Assert.Contains(reason, ex.Errors.Single().Reason);
    }

    [Fact]
    public async Task Import_BySupervisor_Refused()
    {
        await Assert.ThrowsAsync<AccessDeniedException>(() => Service.ImportAsync(_county.Supervisor, _county.CycleId, FullWorkbook(), "x.xlsx", false));
    }

    [Fact]
    public async Task Check_ValidWorkbook_CountsWithoutSaving()
    {
        var summary = await Service.CheckAsync(_county.Natong, _county.CycleId, FullWorkbook(), "评议数据.xlsx", false);

        Assert.Equal(14, summary.Rows);
        await using var db = await _county.Db.OpenAsync();
        Assert.Equal(0, await db.VillagerTallies.CountAsync(x => x.CycleId == _county.CycleId));
    }

    [Fact]
    public async Task Import_MoreRowsThanTheLimit_Refused()
    {
        using var workbook = new ClosedXML.Excel.XLWorkbook();
        var sheet = workbook.AddWorksheet("党员干部评议");
        sheet.Cell(1, 1).SetValue("助理员编号");
        sheet.Cell(1, 2).SetValue("等次");
        sheet.Cell(WorkbookLimits.MaxRows + 1, 1).SetValue("LA0020");
        using var stream = new MemoryStream();
        workbook.SaveAs(stream);

        var ex = await Assert.ThrowsAsync<ImportRejectedException>(() => Service.ImportAsync(_county.Natong, _county.CycleId, stream.ToArray(), "big.xlsx", false));

        Assert.Equal("文件超过 200000 行，请分批导入。", ex.Errors.Single().Reason);
    }
}
