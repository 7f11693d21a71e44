using Longan.Appraisal.Core.Domain.Entries;
using Longan.Appraisal.Core.Excel;
using Longan.Appraisal.Core.Features.Assistants;
using Longan.Appraisal.Core.Features.Common;
using Longan.Appraisal.Core.Features.Evaluations;
using Longan.Appraisal.Core.Features.Imports;
using Longan.Appraisal.Core.Features.Supervision;
using Longan.Appraisal.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static Longan.Appraisal.Tests.Infrastructure.Xlsx;

namespace Longan.Appraisal.Tests.Core.Features;

/// <summary>
/// Text means the same whichever way it comes in (the security probe: 票号 c05, "C05 " and Ｃ05 were
/// three ballots; a 10 000-character 票号 was stored; NUL and bidi overrides went through).
/// </summary>
public sealed class InputNormalisationTests : IAsyncLifetime
{
    private const string Langwan = "LA0020";
    private readonly CollectingCounty _county = new();

    public Task InitializeAsync() => _county.InitializeAsync();

    public Task DisposeAsync() => _county.DisposeAsync();

    [Theory]
    [InlineData("c05", "C05")]
    [InlineData(" C05 ", "C05")]
    [InlineData("Ｃ０５", "C05")]
    [InlineData("\u3000c05\t", "C05")]
    [InlineData("C\u200B05", "C05")]
    [InlineData("LA\u000020", "LA20")]
    [InlineData("C\u300010", "C10")]
    [InlineData("C\u00A008", "C08")]
    [InlineData("T88\uFE0F", "T88")]
    [InlineData("T88\U000E0020", "T88")]
    [InlineData("T\u034F88", "T88")]
    [InlineData("T88\u3164", "T88")]
    [InlineData("T88\u2800", "T88")]
    [InlineData("\U000E0001T88", "T88")]
    [InlineData("   ", null)]
    [InlineData(null, null)]
    public void Code_TrimmedHalfWidthOneCase(string? typed, string? stored) => Assert.Equal(stored, InputText.Code(typed));

    [Theory]
    [InlineData("  工作认真  ", false, "工作认真")]
    [InlineData("工作\0认真", false, "工作认真")]
    [InlineData("工作\u202E认真\u202C", false, "工作认真")]
    [InlineData("第一行\r\n第二行", true, "第一行\n第二行")]
    [InlineData("第一行\r\n第二行", false, "第一行 第二行")]
    [InlineData("全角，标点。保留", false, "全角，标点。保留")]
    [InlineData("陆𬇙", false, "陆𬇙")]
    [InlineData("\u0007\u001B", false, null)]
    [InlineData("工作\u200B认真\u2060\u00AD", false, "工作认真")]
    [InlineData("第一段\u2029第二段\u2028第三行", true, "第一段\n第二段\n第三行")]
    [InlineData("第一段\u2029第二段", false, "第一段 第二段")]
    [InlineData("👨\u200D👩\u200D👧", false, "👨\u200D👩\u200D👧")]
    public void Text_ControlAndBidiCharactersRemoved(string typed, bool multiline, string? stored) => Assert.Equal(stored, InputText.Text(typed, multiline));

    [Fact]
    public void Text_UnpairedSurrogateRemoved_PairKept() => Assert.Equal("孤𬇙", InputText.Text("\uD800孤\uDC00𬇙"));

    [Fact]
    public void Quote_KeepsAShortPrefixWithoutSplittingAPair()
    {
        Assert.Equal("短", InputText.Quote("短"));
        Assert.Equal(new string('票', 20) + "…", InputText.Quote(new string('票', 10_000)));
        Assert.Equal(new string('a', 19) + "…", InputText.Quote(new string('a', 19) + "𬇙𬇙"));
    }

    [Fact]
    public async Task CadreForm_TicketVariants_AreOneBallot()
    {
        var cadres = _county.Get<CadreBallotService>();
        await cadres.AddAsync(_county.Natong, _county.CycleId, _county.LangwanAssistant, new CadreBallotInput { Grade = CadreGrade.Competent, TicketNo = "c05" });

        foreach (var variant in new[] { "C05 ", "Ｃ05" })
        {
            var ex = await Assert.ThrowsAsync<ValidationFailedException>(() =>
                cadres.AddAsync(_county.Natong, _county.CycleId, _county.LangwanAssistant, new CadreBallotInput { Grade = CadreGrade.Competent, TicketNo = variant }));
            Assert.Equal("票号“C05”已录入过，同一助理员的票号不能重复。", ex.Errors.Single().Message);
        }
        Assert.Equal("C05", Assert.Single(await cadres.ListAllAsync(_county.Natong, _county.CycleId, _county.LangwanAssistant)).TicketNo);
    }

    [Fact]
    public async Task CadreForm_TicketStoredBeforeNormalisation_StillTaken()
    {
        var cadres = _county.Get<CadreBallotService>();
        var id = await cadres.AddAsync(_county.Natong, _county.CycleId, _county.LangwanAssistant, new CadreBallotInput { Grade = CadreGrade.Competent, TicketNo = "C05" });
        await using (var db = await _county.Db.OpenAsync())
        {
            // As the portal stored it before numbers were normalised.
            await db.CadreBallots.Where(b => b.Id == id).ExecuteUpdateAsync(u => u.SetProperty(b => b.TicketNo, "ｃ05 "));
        }

        var ex = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            cadres.AddAsync(_county.Natong, _county.CycleId, _county.LangwanAssistant, new CadreBallotInput { Grade = CadreGrade.Competent, TicketNo = "c 05" }));

        Assert.Equal("票号“C05”已录入过，同一助理员的票号不能重复。", ex.Errors.Single().Message);
    }

    [Fact]
    public async Task Import_SingleLineField_LineBreakBecomesASpace_AsInTheForm()
    {
        var file = new Xlsx().Sheet("群众评议", Row("助理员编号", "满意", "基本满意", "不满意", "备注"), Row(Langwan, 10, 2, 0, "3月\n村民会议")).Bytes();

        await _county.Get<BallotImportService>().ImportAsync(_county.Natong, _county.CycleId, file, "评议数据.xlsx", false);

        await using var db = await _county.Db.OpenAsync();
        Assert.Equal("3月 村民会议", await db.VillagerTallies.Where(t => t.CycleId == _county.CycleId).Select(t => t.Round).SingleAsync());
    }

    [Fact]
    public async Task Import_FileName_KeptCleanAndWithinItsColumn()
    {
        var file = new Xlsx().Sheet("党员干部评议", Row("助理员编号", "等次"), Row(Langwan, "称职")).Bytes();

        await _county.Get<BallotImportService>().ImportAsync(_county.Natong, _county.CycleId, file, "/tmp/\u202e\u001b[31m" + new string('评', 300) + ".xlsx", false);

        await using var db = await _county.Db.OpenAsync();
        var name = await db.ImportBatches.Where(b => b.CycleId == _county.CycleId).Select(b => b.FileName).SingleAsync();
        Assert.StartsWith("[31m评评", name, StringComparison.Ordinal);
        Assert.Equal(200, name.Length);
    }

    [Fact]
    public async Task PartyForm_TicketVariant_IsTheSameBallot()
    {
        var party = _county.Get<PartyBallotService>();
        PartyBallotInput Ballot(string ticket) => new() { PolicyAdvocate = 18, PublicOpinion = 18, CivilAgent = 18, DisputeMediator = 18, PartyBuildingGuide = 18, TicketNo = ticket };
        await party.AddAsync(_county.Natong, _county.CycleId, _county.LangwanAssistant, Ballot("p01"));

        var ex = await Assert.ThrowsAsync<ValidationFailedException>(() => party.AddAsync(_county.Natong, _county.CycleId, _county.LangwanAssistant, Ballot("Ｐ01")));

        Assert.Contains("P01", ex.Errors.Single().Message);
    }

    [Fact]
    public async Task Import_TicketVariantsInOneFile_CountedOnce_AndAgainstTheForms()
    {
        await _county.Get<CadreBallotService>().AddAsync(_county.Natong, _county.CycleId, _county.LangwanAssistant, new CadreBallotInput { Grade = CadreGrade.Competent, TicketNo = "C09" });
        var file = new Xlsx().Sheet("党员干部评议",
            Row("助理员编号", "票号", "等次"),
            Row(Langwan, "c05", "称职"), Row(Langwan, "C05 ", "称职"), Row(Langwan, "Ｃ05", "称职"), Row(Langwan, "c09", "称职")).Bytes();

        var ex = await Assert.ThrowsAsync<ImportRejectedException>(() => _county.Get<BallotImportService>().ImportAsync(_county.Natong, _county.CycleId, file, "评议数据.xlsx", false));

        Assert.Equal([(3, "C05", "与文件中前面的行重复。"), (4, "C05", "与文件中前面的行重复。"), (5, "C09", "票号“C09”已录入过，同一助理员的票号不能重复。")],
            ex.Errors.Select(e => (e.Row, e.Value, e.Reason)));
    }

    [Fact]
    public async Task Import_CodeTypedInFullWidthAndLowerCase_FindsTheAssistant()
    {
        var file = new Xlsx().Sheet("党员干部评议", Row("助理员编号", "票号", "等次"), Row("ｌａ００２０", "ｃ１", "称职")).Bytes();

        await _county.Get<BallotImportService>().ImportAsync(_county.Natong, _county.CycleId, file, "评议数据.xlsx", false);

        await using var db = await _county.Db.OpenAsync();
        Assert.Equal("C1", await db.CadreBallots.Where(b => b.CycleId == _county.CycleId).Select(b => b.TicketNo).SingleAsync());
    }

    [Fact]
    public async Task Import_OverlongFields_RefusedWithTheLimitAndAShortQuote()
    {
        var longTicket = new string('9', 10_000);
        var file = new Xlsx()
            .Sheet("党员干部评议", Row("助理员编号", "票号", "等次", "意见建议"), Row(Langwan, longTicket, "称职", new string('好', 1001)))
            .Sheet("党组织评议", Row("助理员编号", "票号", "政策宣讲员", "民意信息员", "民事代办员", "纠纷调解员", "党建指导员"), Row(Langwan, new string('P', 21), 18, 18, 18, 18, 18))
            .Bytes();

        var ex = await Assert.ThrowsAsync<ImportRejectedException>(() => _county.Get<BallotImportService>().ImportAsync(_county.Natong, _county.CycleId, file, "评议数据.xlsx", false));

        Assert.Equal([("党组织评议", "票号", "“票号”不能超过 20 个字符。"), ("党员干部评议", "票号", "“票号”不能超过 20 个字符。"), ("党员干部评议", "意见建议", "“意见建议”不能超过 1000 个字符。")],
            ex.Errors.Select(e => (e.Sheet, e.Column, e.Reason)));
        Assert.All(ex.Errors, e => Assert.True(e.Value!.Length <= InputText.QuoteLength + 1, e.Value));
        Assert.Equal(new string('9', 20) + "…", ex.Errors[1].Value);
        await using var db = await _county.Db.OpenAsync();
        Assert.Equal(0, await db.CadreBallots.CountAsync(b => b.CycleId == _county.CycleId));
    }

    [Fact]
    public async Task Import_ControlAndBidiCharacters_RemovedFromWhatIsStored()
    {
        var file = new Xlsx().Sheet("党员干部评议", Row("助理员编号", "等次", "意见建议"), Row(Langwan, "称职", "工作\u202E认真\u0000负责")).Bytes();

        await _county.Get<BallotImportService>().ImportAsync(_county.Natong, _county.CycleId, file, "评议数据.xlsx", false);

        await using var db = await _county.Db.OpenAsync();
        Assert.Equal("工作认真负责", await db.CadreBallots.Where(b => b.CycleId == _county.CycleId).Select(b => b.Comment).SingleAsync());
    }

    [Fact]
    public async Task Forms_ControlAndBidiCharacters_RemovedFromWhatIsStored()
    {
        await _county.Get<CadreBallotService>().AddAsync(_county.Natong, _county.CycleId, _county.LangwanAssistant,
            new CadreBallotInput { Grade = CadreGrade.Excellent, Comment = "\u202E好\0评\r\n第二行" });
        await _county.Get<SupervisionService>().AddAsync(_county.Supervisor, _county.CycleId, _county.LangwanAssistant, new SupervisionInput
        {
            Date = new DateOnly(2026, 3, 2), SupervisorName = "罗\u0000福生", Nature = RecordNature.Commendation, Category = RecordCategory.ServiceAttitude, Description = "帮\u2066老人\u2069代办",
        });

        await using var db = await _county.Db.OpenAsync();
        Assert.Equal("好评\n第二行", await db.CadreBallots.Where(b => b.CycleId == _county.CycleId).Select(b => b.Comment).SingleAsync());
        var record = await db.SupervisionRecords.SingleAsync(r => r.CycleId == _county.CycleId);
        Assert.Equal(("罗福生", "帮老人代办"), (record.SupervisorName, record.Description));
    }

    [Fact]
    public async Task Forms_OverlongTicket_RefusedByField()
    {
        var ex = await Assert.ThrowsAsync<ValidationFailedException>(() => _county.Get<CadreBallotService>().AddAsync(_county.Natong, _county.CycleId, _county.LangwanAssistant,
            new CadreBallotInput { Grade = CadreGrade.Excellent, TicketNo = new string('9', 10_000) }));

        Assert.Equal((nameof(CadreBallotInput.TicketNo), "“票号”不能超过 20 个字符。"), (ex.Errors.Single().Field, ex.Errors.Single().Message));
    }

    [Fact]
    public async Task AssistantForm_CodeInFullWidthLowerCase_StoredAsTheCanonicalCode()
    {
        var id = await _county.Get<AssistantService>().CreateAsync(TestDatabase.Arranger, new AssistantInput { Code = "ｓｙｎ０１ ", Name = "凌振宇", Phone = "１３９ ７７２０ ００００" });

        await using var db = await _county.Db.OpenAsync();
        var stored = await db.Assistants.SingleAsync(a => a.Id == id);
        Assert.Equal(("SYN01", "139 7720 0000"), (stored.Code, stored.Phone));
    }

    [Fact]
    public async Task AssistantForm_CodeStoredFullWidthWithABlank_StillTaken()
    {
        await SetCodeAsync(_county.LangwanAssistant, "ＬＡ 0020");

        var ex = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            _county.Get<AssistantService>().CreateAsync(_county.County, new AssistantInput { Code = "la0020", Name = "新助理员" }));

        Assert.Equal($"编号“LA0020”已被助理员{await NameAsync(_county.LangwanAssistant)}使用，编号不能重复。", ex.Errors.Single().Message);
    }

    [Fact]
    public async Task Import_CodeTwoStoredCodesNormaliseTo_RefusedNamingBoth()
    {
        // Two assistants registered before codes were normalised, as "LA0020" and "ｌａ 0020".
        await SetCodeAsync(_county.BaotaAssistant, "ｌａ 0020");
        var file = new Xlsx().Sheet("党员干部评议", Row("助理员编号", "等次"), Row("LA0020", "称职")).Bytes();

        var ex = await Assert.ThrowsAsync<ImportRejectedException>(() => _county.Get<BallotImportService>().ImportAsync(_county.County, _county.CycleId, file, "评议数据.xlsx", false));

        var error = ex.Errors.Single();
        Assert.Equal((2, "助理员编号"), (error.Row, error.Column));
        Assert.StartsWith("编号“LA0020”同时对应 ", error.Reason);
        Assert.EndsWith("（登记时写法不同），请先在“助理员”中改正其中一人的编号。", error.Reason);
        Assert.Contains(await NameAsync(_county.LangwanAssistant), error.Reason);
        Assert.Contains(await NameAsync(_county.BaotaAssistant), error.Reason);
        await using var db = await _county.Db.OpenAsync();
        Assert.False(await db.CadreBallots.AnyAsync(b => b.CycleId == _county.CycleId));
    }

    [Fact]
    public async Task RosterImport_CodeTwoStoredCodesNormaliseTo_RefusedNamingBoth()
    {
        await SetCodeAsync(_county.BaotaAssistant, "LA0020 ");
        var file = new Xlsx().Sheet("助理员名册", Row("编号", "姓名", "乡镇", "驻村"), Row("la0020", "改名", "那桐镇", "浪湾村")).Bytes();

        var ex = await Assert.ThrowsAsync<ImportRejectedException>(() => _county.Get<RosterImportService>().ImportAsync(_county.County, file, "名册.xlsx"));

        Assert.Contains("同时对应", ex.Errors.Single().Reason);
        Assert.NotEqual("改名", await NameAsync(_county.LangwanAssistant));
    }

    private async Task SetCodeAsync(int assistantId, string code)
    {
        await using var db = await _county.Db.OpenAsync();
        await db.Assistants.Where(a => a.Id == assistantId).ExecuteUpdateAsync(u => u.SetProperty(a => a.Code, code));
    }

    private async Task<string> NameAsync(int assistantId)
    {
        await using var db = await _county.Db.OpenAsync();
        return await db.Assistants.Where(a => a.Id == assistantId).Select(a => a.Name).SingleAsync();
    }
}
