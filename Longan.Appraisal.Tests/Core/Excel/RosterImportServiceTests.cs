using Longan.Appraisal.Core.Domain;
using Longan.Appraisal.Core.Excel;
using Longan.Appraisal.Core.Features.Assistants;
using Longan.Appraisal.Core.Features.Common;
using Longan.Appraisal.Core.Features.Imports;
using Longan.Appraisal.Core.Features.Postings;
using Longan.Appraisal.Core.Features.Villages;
using Longan.Appraisal.Core.Security;
using Longan.Appraisal.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static Longan.Appraisal.Tests.Infrastructure.Xlsx;

namespace Longan.Appraisal.Tests.Core.Excel;

public sealed class RosterImportServiceTests : IAsyncLifetime
{
    private TestDatabase _db = default!;

    private RosterImportService Service => _db.Get<RosterImportService>();

    public async Task InitializeAsync() => _db = await TestDatabase.CreateAsync(demoCounty: true);

    public async Task DisposeAsync() => await _db.DisposeAsync();

    private static readonly object?[] s_header = Row("编号", "姓名", "性别", "民族", "出生日期", "政治面貌", "学历", "派出单位及职务", "乡镇", "驻村", "任期开始", "任期结束");

    [Fact]
    public async Task Import_MoreAssistantsThanAnyProvince_RefusedBeforeAnythingIsCreated()
    {
        // 199 000 new assistants took 257 s and 3.6 GB to record one by one.
        static string Cell(string text) => $"""<c t="inlineStr"><is><t>{text}</t></is></c>""";
        var rows = new System.Text.StringBuilder("<sheetData><row>" + Cell("编号") + Cell("姓名") + Cell("乡镇") + Cell("驻村") + Cell("任期开始") + "</row>");
        for (var i = 0; i <= RosterImportService.MaxRows; i++)
        {
            rows.Append("<row>").Append(Cell($"N{i}")).Append(Cell("某")).Append(Cell("新镇")).Append(Cell($"村{i}")).Append(Cell("2026-03-01")).Append("</row>");
        }
        var bytes = WorkbookBombs.Crafted(rows.Append("</sheetData>").ToString(), workbookXml: WorkbookBombs.WorkbookXml.Replace("党员干部评议", RosterImportService.SheetName, StringComparison.Ordinal));

        var ex = await Assert.ThrowsAsync<ImportRejectedException>(() => Service.ImportAsync(Caller.System, bytes, "名册.xlsx"));

        Assert.Equal("名册有 60001 名助理员，一次最多导入 60000 名（多于任何一个省的行政村数），请按市或县分批导入。", ex.Errors.Single().Reason);
        await using var db = await _db.OpenAsync();
        Assert.False(await db.Townships.AnyAsync(t => t.Name == "新镇"));
    }

    [Fact]
    public async Task Import_NewAssistantInANewVillageAndTownship_CreatesEverythingKeepingTheCode()
    {
        var bytes = new Xlsx().Sheet("助理员名册", s_header,
            Row("示例", "张三", "男", "汉族", "1995-01-01", "中共党员", "大学本科", "某镇人民政府", "某镇", "某村", "2026-03-01", null),
            Row("007", "黄秀珍", "女", "壮族", new DateTime(1996, 5, 4), "中共党员", "大专", "江西镇人民政府科员", "江西镇", "同江村", "2026-03-01", null)).Bytes();

        var summary = await Service.ImportAsync(Caller.System, bytes, "助理员名册.xlsx");

        Assert.Equal(new RosterImportSummary(1, 1, 0, 1, 1, 1), summary);
        await using var db = await _db.OpenAsync();
        var a = await db.Assistants.Include(x => x.Postings).ThenInclude(p => p.Village).ThenInclude(v => v!.Township).SingleAsync(x => x.Code == "007");
        Assert.Equal(("黄秀珍", Gender.Female, new DateOnly(1996, 5, 4)), (a.Name, a.Gender, a.BirthDate));
        var posting = Assert.Single(a.Postings);
        Assert.Equal(("江西镇", "同江村", new DateOnly(2028, 2, 29)), (posting.Village!.Township!.Name, posting.Village.Name, posting.PlannedEndDate));
    }

    [Fact]
    public async Task Import_ExistingCode_UpdatesFieldsAndTermWithoutNewPosting()
    {
        var bytes = new Xlsx().Sheet("助理员名册", Row("驻村", "乡镇", "姓名", "编号", "学历", "任期结束"),
            Row("浪湾村", "那桐镇", "谢明辉", "LA0020", "研究生", "2027-06-30")).Bytes();

        var summary = await Service.ImportAsync(Caller.System, bytes, "名册.xlsx");

        Assert.Equal((0, 1, 0), (summary.NewAssistants, summary.UpdatedAssistants, summary.NewPostings));
        await using var db = await _db.OpenAsync();
        var a = await db.Assistants.Include(x => x.Postings).SingleAsync(x => x.Code == "LA0020");
        Assert.Equal("研究生", a.Education);
        Assert.Equal(new DateOnly(2027, 6, 30), a.Postings.Single().PlannedEndDate);
    }

    [Fact]
    public async Task Import_NewAndChangedAssistants_RecordsTheImportOnceAndEachChangeWithItsBeforeValues()
    {
        var bytes = new Xlsx().Sheet("助理员名册", Row("编号", "姓名", "学历", "乡镇", "驻村", "任期开始"),
            Row("LA0020", "谢明辉", "研究生", Demo.NatongTownship, Demo.LangwanVillage, null),
            Row("N8", "覃立新", null, "新镇", "新村", "2026-03-01")).Bytes();

        await Service.ImportAsync(Caller.System, bytes, "名册.xlsx");

        await using var db = await _db.OpenAsync();
        var records = await db.AuditRecords.Where(a => a.Actor == Caller.System.UserName).OrderBy(a => a.Id).ToListAsync();
        var changed = Assert.Single(records, r => r.Subject == nameof(Assistant));
        Assert.Equal(Longan.Appraisal.Core.Domain.Audit.AuditAction.Changed, changed.Action);
        Assert.Contains("研究生", changed.After);
        Assert.DoesNotContain(records, r => r.Subject is nameof(Township) or nameof(Village) or nameof(Posting));
        var import = Assert.Single(records, r => r.Action == Longan.Appraisal.Core.Domain.Audit.AuditAction.Bulk);
        Assert.Equal("导入助理员名册 名册.xlsx：2 行，新增助理员 1 名、乡镇 1 个、行政村 1 个、派驻 1 条，更改已有助理员 1 名", import.Summary);
    }

    [Fact]
    public async Task Import_Problems_AllReportedAndNothingSaved()
    {
        var bytes = new Xlsx().Sheet("助理员名册", s_header,
            Row("N1", "甲", "男", null, "2030-01-01", null, null, null, "那桐镇", "新村一", "2026-03-01", null),
            Row("N1", "乙", null, null, null, null, null, null, "那桐镇", "新村二", "2026-03-01", null),
            Row("N2", "丙", "未知", null, null, null, null, null, "那桐镇", "浪湾村", "2026-03-01", null),
            Row("LA0001", "卢国庆", null, null, null, null, null, null, "那桐镇", "新村三", null, null),
            Row("N3", null, null, null, null, null, null, null, "那桐镇", "新村四", null, null),
            Row("N4", "田𠮷", null, null, null, null, null, null, "那桐镇", "新村五", null, null)).Bytes();

        var ex = await Assert.ThrowsAsync<ImportRejectedException>(() => Service.ImportAsync(Caller.System, bytes, "名册.xlsx"));

        var errors = ex.Errors.Select(e => (e.Row, e.Column)).ToList();
        Assert.Contains((2, "出生日期"), errors);
        Assert.Contains((3, "编号"), errors);
        Assert.Contains((4, "性别"), errors);
        Assert.Contains((6, "姓名"), errors);
        Assert.Contains("“𠮷”不在报告卡的字库中", ex.Errors.Single(e => e.Row == 7).Reason);
        await using var db = await _db.OpenAsync();
        Assert.False(await db.Villages.AnyAsync(v => v.Name.StartsWith("新村")));
    }

    [Fact]
    public async Task Import_PostingConflicts_Refused()
    {
        var bytes = new Xlsx().Sheet("助理员名册", s_header,
            Row("N2", "丙", null, null, null, null, null, null, "那桐镇", "浪湾村", "2026-03-01", null),
            Row("LA0001", "卢国庆", null, null, null, null, null, null, "那桐镇", "新村三", "2026-03-01", null)).Bytes();

        var ex = await Assert.ThrowsAsync<ImportRejectedException>(() => Service.ImportAsync(Caller.System, bytes, "名册.xlsx"));

        Assert.Contains(ex.Errors, e => e.Row == 2 && e.Column == "驻村" && e.Reason.Contains("已有在任助理员"));
        Assert.Contains(ex.Errors, e => e.Row == 3 && e.Column == "驻村" && e.Reason.Contains("正在"));
    }

    private static object?[] Posting(string code, string name, string village, string? start, string? end = null) =>
        Row(code, name, null, null, null, null, null, null, Demo.NatongTownship, village, start, end);

    /// <summary>What the posting form says when it is asked for the same posting.</summary>
    private async Task<string> FormSaysAsync(int assistant, int village, string start) =>
        (await Assert.ThrowsAsync<ValidationFailedException>(() => _db.Get<PostingService>().AssignAsync(Caller.System,
            new AssignInput { AssistantId = assistant, VillageId = village, StartDate = DateOnly.Parse(start, System.Globalization.CultureInfo.InvariantCulture) }))).Errors.Single().Message;

    [Fact]
    public async Task Import_PostingsTheFormRefuses_RefusedWithTheFormsMessages()
    {
        // An inactive village, an inactive assistant, and a vacant village whose last term ended after the row's start.
        var villages = _db.Get<VillageService>();
        var natong = (await villages.GetAsync(Caller.System, await _db.VillageIdAsync(Demo.NatongTownship, Demo.LangwanVillage))).TownshipId;
        var closed = await villages.CreateAsync(Caller.System, new VillageInput { TownshipId = natong, Name = "旧屯村" });
        await villages.SetActiveAsync(Caller.System, closed, false);
        var assistants = _db.Get<AssistantService>();
        var retired = await assistants.CreateAsync(Caller.System, new AssistantInput { Code = "LA0998", Name = "韦德安" });
        await assistants.SetActiveAsync(Caller.System, retired, false);
        var newcomer = await assistants.CreateAsync(Caller.System, new AssistantInput { Code = "LA0999", Name = "凌振宇" });
        var langwan = await villages.GetAsync(Caller.System, await _db.VillageIdAsync(Demo.NatongTownship, Demo.LangwanVillage));
        await _db.Get<PostingService>().EndTermAsync(Caller.System, langwan.CurrentPosting!.Id, new EndTermInput { EndDate = new DateOnly(2026, 11, 28), Reason = "工作调动" });
        var vacant = await villages.CreateAsync(Caller.System, new VillageInput { TownshipId = natong, Name = "新屯村" });
        var bytes = new Xlsx().Sheet("助理员名册", s_header,
            Posting("LA0999", "凌振宇", "旧屯村", "2026-03-01"),
            Posting("LA0998", "韦德安", "新屯村", "2026-03-01"),
            Posting("N7", "覃立新", Demo.LangwanVillage, "2026-11-01")).Bytes();

        var ex = await Assert.ThrowsAsync<ImportRejectedException>(() => Service.ImportAsync(Caller.System, bytes, "名册.xlsx"));

        Assert.Equal(
        [
            (2, "驻村", "旧屯村", await FormSaysAsync(newcomer, closed, "2026-03-01")),
            (3, "驻村", "新屯村", await FormSaysAsync(retired, vacant, "2026-03-01")),
            (4, "任期开始", "2026-11-01", await FormSaysAsync(newcomer, langwan.Id, "2026-11-01")),
        ], ex.Errors.Select(e => (e.Row, e.Column, e.Value, e.Reason)));
        Assert.Equal("“旧屯村”已停用，不能派驻助理员。", ex.Errors[0].Reason);
        Assert.Equal("韦德安已停用，不能派驻。", ex.Errors[1].Reason);
        Assert.StartsWith("任期开始日期须晚于上一任期的离任日期（2026-11-28）", ex.Errors[2].Reason, StringComparison.Ordinal);
        await using var db = await _db.OpenAsync();
        Assert.False(await db.Assistants.AnyAsync(a => a.Code == "N7"));
    }

    [Fact]
    public async Task Import_NewEndOfACurrentTermBeforeItsStart_Refused()
    {
        // Only the end is given: the term keeps its start, which the new end must follow.
        var bytes = new Xlsx().Sheet("助理员名册", s_header, Posting("LA0020", "谢明辉", Demo.LangwanVillage, null, "2020-01-01")).Bytes();

        var ex = await Assert.ThrowsAsync<ImportRejectedException>(() => Service.ImportAsync(Caller.System, bytes, "名册.xlsx"));

        Assert.Equal((2, "任期结束", "2020-01-01", "任期结束日期必须晚于开始日期。"), (ex.Errors.Single().Row, ex.Errors.Single().Column, ex.Errors.Single().Value, ex.Errors.Single().Reason));
        await using var db = await _db.OpenAsync();
        Assert.True(await db.Postings.AllAsync(p => p.PlannedEndDate > p.StartDate));
    }

    [Fact]
    public async Task Import_CellAndPostingProblemsInOneFile_ReportedTogether()
    {
        var bytes = new Xlsx().Sheet("助理员名册", s_header,
            Row("N1", "甲", "未知", null, null, null, null, null, Demo.NatongTownship, "新村一", "2026-03-01", null),
            Posting("N2", "乙", Demo.LangwanVillage, "2026-03-01"),
            Posting("N3", "丙", "新村三", "2026-03-01", "2026-02-01")).Bytes();

        var ex = await Assert.ThrowsAsync<ImportRejectedException>(() => Service.ImportAsync(Caller.System, bytes, "名册.xlsx"));

        Assert.Equal([(2, "性别"), (3, "驻村"), (4, "任期结束")], ex.Errors.Select(e => (e.Row, e.Column)).Order());
    }

    [Fact]
    public async Task Import_ByTownship_Refused()
    {
        var bytes = new Xlsx().Sheet("助理员名册", s_header, Row("N9", "丁", null, null, null, null, null, null, "那桐镇", "新村", "2026-03-01", null)).Bytes();

        await Assert.ThrowsAsync<AccessDeniedException>(async () => await Service.ImportAsync(await _db.CallerAsync(Demo.Natong), bytes, "名册.xlsx"));
    }
}
