using System.Text;
using Longan.Appraisal.Core.Domain;
using Longan.Appraisal.Core.Domain.Entries;
using Longan.Appraisal.Core.Features.Assistants;
using Longan.Appraisal.Core.Features.Cards;
using Longan.Appraisal.Core.Features.Common;
using Longan.Appraisal.Core.Features.Evaluations;
using Longan.Appraisal.Core.Features.Supervision;
using Longan.Appraisal.Core.Security;
using Longan.Appraisal.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Read = UglyToad.PdfPig.PdfDocument;

namespace Longan.Appraisal.Tests.Core.Features.Cards;

/// <summary>The report card's content and rules (spec report-card.md, §9), read back from the PDF.</summary>
public sealed class ReportCardTests : IAsyncLifetime
{
    private readonly PublishableCounty _county = new();
    private int _assistant;

    private ReportCardService Cards => _county.Get<ReportCardService>();

    public async Task InitializeAsync()
    {
        await _county.InitializeAsync();
        _assistant = _county.Assistant.AssistantId!.Value;
    }

    public Task DisposeAsync() => _county.DisposeAsync();

    private static string Text(byte[] pdf)
    {
        using var document = Read.Open(pdf);
        return string.Concat(document.GetPages().Select(p => p.Text));
    }

    private async Task RenameAsync(string name)
    {
        var assistants = _county.Get<AssistantService>();
        var input = AssistantInput.From(await assistants.GetAsync(Caller.System, _assistant));
        input.Name = name;
        await assistants.UpdateAsync(Caller.System, _assistant, input);
    }

    [Fact]
    public async Task Card_ReadBack_NameScoresGradeRanks_FontEmbeddedAsSubset_WithinTheSizeBudget()
    {
        await RenameAsync("翟珊妹");
        await _county.Get<SupervisionService>().AddAsync(_county.County, _county.CycleId, _assistant, new SupervisionInput
        {
            Date = new DateOnly(2026, 5, 6), Nature = RecordNature.Commendation, Category = RecordCategory.ServiceAttitude, Description = "帮助五保户申领医保", SupervisorName = "罗福生",
        });
        await using (var db = await _county.Db.OpenAsync())
        {
            await db.SupervisionRecords.Where(r => r.AssistantId == _assistant).ExecuteUpdateAsync(s => s.SetProperty(r => r.Verification, Verification.Confirmed).SetProperty(r => r.SupervisorName, "罗福生"));
        }
        await _county.ComputeAsync();

        var card = await Cards.GetAsync(_county.County, _county.CycleId, _assistant);
        var pdf = (await Cards.RenderFileAsync(_county.County, _county.CycleId, _assistant)).Pdf;

        var text = Text(pdf);
        Assert.Contains("隆安县2026年度驻村助理员考核结果报告卡", text);
        Assert.Contains("翟珊妹", text);
        Assert.Contains(card.Result.Composite!.Value.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture), text);
        Assert.Contains($"全县 {card.Result.CountyRank} / 20", text);
        Assert.Contains($"乡镇 {card.Result.TownshipRank} / {card.TownshipComplete}", text);
        Assert.Contains(Longan.Appraisal.Core.Resources.Messages.Get("Grade." + card.Result.Grade), text);
        Assert.Contains("帮助五保户申领医保", text);
        Assert.DoesNotContain("罗福生", text);
        Assert.Contains(card.VerificationCode, text);
        Assert.Contains("（结果尚未公布，仅供核对）", text);
        using var document = Read.Open(pdf);
        Assert.Equal(1, document.NumberOfPages);
        Assert.All(document.GetPage(1).Letters.Where(l => !string.IsNullOrWhiteSpace(l.Value)), l => Assert.Matches("^[A-Z]{6}\\+Noto Sans SC", l.FontName));
        Assert.True(pdf.Length <= 150 * 1024, $"{pdf.Length / 1024} KB");
    }

    [Fact]
    public async Task Comments_AnonymousGroupUnderFiveBallots_Withheld_PartyAttributed_NotInEntryOrder()
    {
        var (c, a) = (_county.CycleId, _assistant);
        await using (var db = await _county.Db.OpenAsync())
        {
            // Leave three cadre ballots: fewer than five, so their comments must not appear.
            var keep = await db.CadreBallots.Where(b => b.AssistantId == a).OrderBy(b => b.Id).Select(b => b.Id).Take(3).ToListAsync();
            await db.CadreBallots.Where(b => b.AssistantId == a && !keep.Contains(b.Id)).ExecuteDeleteAsync();
            await db.CadreBallots.Where(b => b.AssistantId == a).ExecuteUpdateAsync(s => s.SetProperty(b => b.Comment, "干部意见不应出现"));
        }
        foreach (var comment in new[] { "乙：希望多入户", "甲：办事热情", "丙：会议通知要早" })
        {
            await _county.Get<VillagerTallyService>().AddAsync(_county.County, c, a, new TallyInput { Satisfied = 3, BasicallySatisfied = 1, Comment = comment });
        }
        await _county.Get<PartyBallotService>().AddAsync(_county.County, c, a, new PartyBallotInput
        {
            PolicyAdvocate = 18, PublicOpinion = 18, CivilAgent = 18, DisputeMediator = 18, PartyBuildingGuide = 18, Comment = "党建工作扎实",
        });
        await _county.ComputeAsync();

        var card = await Cards.GetAsync(_county.County, c, a);
        var text = Text((await Cards.RenderFileAsync(_county.County, c, a)).Pdf);

        Assert.Null(card.Comments.Cadres);
        Assert.Equal(["丙：会议通知要早", "乙：希望多入户", "甲：办事热情"], card.Comments.Villagers!.Where(v => v.Length > 2 && v[1] == '：'));
        Assert.Contains("党建工作扎实", card.Comments.PartyOrganisation);
        Assert.DoesNotContain("干部意见不应出现", text);
        Assert.Contains("有效票不足 5 张，为保护评议人不列出意见。", text);
        Assert.Contains("村党组织意见", text);
    }

    [Fact]
    public async Task LongComments_FlowToASecondPage_NothingCut()
    {
        for (var i = 1; i <= 24; i++)
        {
            await _county.Get<VillagerTallyService>().AddAsync(_county.County, _county.CycleId, _assistant, new TallyInput
            {
                Satisfied = 1, Comment = $"第{i:00}条：" + string.Concat(Enumerable.Repeat("希望助理员多到田间地头走访，帮助群众解决生产生活中的实际困难。", 3)),
            });
        }
        await _county.ComputeAsync();

        var pdf = (await Cards.RenderFileAsync(_county.County, _county.CycleId, _assistant)).Pdf;

        using var document = Read.Open(pdf);
        Assert.True(document.NumberOfPages >= 2);
        var text = Text(pdf);
        Assert.Contains("第24条", text);
        Assert.Contains("第 2 页", document.GetPage(2).Text);
        // The second page says whose card it is, and the comments' heading stays with its first lines.
        var name = (await Cards.GetAsync(_county.County, _county.CycleId, _assistant)).Identity.Name;
        Assert.Contains($"{name}（", document.GetPage(2).Text);
        Assert.Contains("年度驻村助理员考核结果报告卡（续）", document.GetPage(2).Text);
        var headed = document.GetPages().Single(p => p.Text.Contains("四、评议意见", StringComparison.Ordinal));
        Assert.Contains("【群众意见】", headed.Text);
    }

    [Fact]
    public async Task LongDecisionReason_GrowsTheOutcomeBlock_NeverRunsIntoTheFooter()
    {
        await _county.ComputeAsync();
        var reason = string.Concat(Enumerable.Repeat("经组织部研究，该同志履职情况与群众反映存在差距，", 30)) + "特此决定（完）";
        await _county.Get<Longan.Appraisal.Core.Features.Results.OutcomeOverrideService>()
            .OverrideAsync(_county.County, _county.CycleId, _assistant, [Longan.Appraisal.Core.Scoring.Outcome.AdmonishmentTalk], reason);

        var pdf = (await Cards.RenderFileAsync(_county.County, _county.CycleId, _assistant)).Pdf;

        using var document = Read.Open(pdf);
        Assert.Contains("特此决定（完）", Text(pdf));
        var card = await Cards.GetAsync(_county.County, _county.CycleId, _assistant);
        var computed = card.Result.ComputedOutcomes.Count == 0 ? "无" : Longan.Appraisal.Core.Resources.Names.Outcomes(card.Result.ComputedOutcomes);
        Assert.Contains($"计算建议：{computed}。", Text(pdf));
        Assert.Contains("组织部决定：诫勉谈话。", Text(pdf));
        foreach (var page in document.GetPages())
        {
            // The footer is the only text in the bottom margin (PDF coordinates start at the bottom).
            var inMargin = string.Concat(page.Letters.Where(l => l.BoundingBox.Bottom < Longan.Appraisal.Core.Pdf.PdfFlow.Margin - 2).Select(l => l.Value));
            Assert.StartsWith("生成时间", inMargin);
            Assert.DoesNotContain("研究", inMargin);
        }
    }

    [Fact]
    public async Task Attendance_SaysWhatWasRecorded_AgainstTheCyclesMinimum()
    {
        var other = _county.OtherAssistant.AssistantId!.Value;
        await using (var db = await _county.Db.OpenAsync())
        {
            await db.AttendanceMonths.Where(m => m.AssistantId == _assistant).ExecuteDeleteAsync();
            await db.AttendanceMonths.Where(m => m.AssistantId == other).ExecuteUpdateAsync(s => s.SetProperty(m => m.Days, 25));
            await db.AttendanceMonths.Where(m => m.AssistantId == other).OrderBy(m => m.Month).Take(1).ExecuteUpdateAsync(s => s.SetProperty(m => m.Days, 15));
        }
        await _county.ComputeAsync();

        var none = Text((await Cards.RenderFileAsync(_county.County, _county.CycleId, _assistant)).Pdf);
        var card = await Cards.GetAsync(_county.County, _county.CycleId, other);
        var shortMonth = Text((await Cards.RenderFileAsync(_county.County, _county.CycleId, other)).Pdf);

        Assert.Contains("未录入考勤，不扣分", none);
        Assert.DoesNotContain("均不少于", none);
        Assert.Equal(20, card.AttendanceMinDays);
        Assert.Contains($"不足 20 天的月份：{card.ShortMonths.Single().Month}月15天", shortMonth);
    }

    [Fact]
    public async Task NoPartyBallots_TheDutiesChartSaysSo_PointsShownToTwoDecimals()
    {
        await using (var db = await _county.Db.OpenAsync())
        {
            await db.PartyBallots.Where(b => b.AssistantId == _assistant).ExecuteDeleteAsync();
        }
        await _county.ComputeAsync();

        var pdf = (await Cards.RenderFileAsync(_county.County, _county.CycleId, _assistant)).Pdf;

        Assert.Contains("无基层党组织评议票，五大员得分空缺。", Text(pdf));
        using var document = Read.Open(pdf);
        Assert.DoesNotContain(document.GetPage(1).GetWords(), w => System.Text.RegularExpressions.Regex.IsMatch(w.Text, @"^\d+\.\d{3,}$"));
    }

    [Fact]
    public async Task Scope_TownshipsOthers_AssistantsOthers_SupervisorRefused_OwnOnlyOncePublished()
    {
        await _county.MoveAsync(CycleState.Review);
        await _county.ComputeAsync();
        var other = _county.OtherAssistant.AssistantId!.Value;

        await Assert.ThrowsAsync<AccessDeniedException>(() => Cards.GetAsync(_county.OtherTownship, _county.CycleId, _assistant));
        await Assert.ThrowsAsync<AccessDeniedException>(() => Cards.GetAsync(_county.Assistant, _county.CycleId, other));
        await Assert.ThrowsAsync<AccessDeniedException>(() => Cards.GetAsync(new Caller("s", "s", AppRole.Supervisor, VillageId: 1), _county.CycleId, _assistant));
        var early = await Assert.ThrowsAsync<NotFoundException>(() => Cards.GetAsync(_county.Assistant, _county.CycleId, _assistant));
        Assert.Equal("该年度考核结果尚未公布，暂无报告卡。", early.Message);
        Assert.NotNull(await Cards.GetAsync(_county.Township, _county.CycleId, _assistant));

        await _county.MoveAsync(CycleState.Published);

        var own = await Cards.GetAsync(_county.Assistant, _county.CycleId, _assistant);
        Assert.NotNull(own.PublishedAt);
        Assert.DoesNotContain("仅供核对", Text((await Cards.RenderFileAsync(_county.Assistant, _county.CycleId, _assistant)).Pdf));
    }

    [Fact]
    public async Task VerificationCode_ChangesWithTheResult()
    {
        await _county.ComputeAsync();
        var before = (await Cards.GetAsync(_county.County, _county.CycleId, _assistant)).VerificationCode;
        await _county.Get<CadreBallotService>().AddAsync(_county.County, _county.CycleId, _assistant, new CadreBallotInput { Grade = CadreGrade.Incompetent });
        await _county.ComputeAsync();

        var after = (await Cards.GetAsync(_county.County, _county.CycleId, _assistant)).VerificationCode;

        Assert.Matches("^[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}$", before);
        Assert.NotEqual(before, after);
    }
}

/// <summary>Batches of cards: one PDF, a cover, the order of spec report-card.md, the size budget, the scope.</summary>
public sealed class ReportCardBatchTests : IAsyncLifetime
{
    private readonly PublishableCounty _county = new();

    private ReportCardService Cards => _county.Get<ReportCardService>();

    public async Task InitializeAsync()
    {
        await _county.InitializeAsync();
        await _county.ComputeAsync();
    }

    public Task DisposeAsync() => _county.DisposeAsync();

    private async Task<byte[]> BatchAsync(Caller caller, int? township = null, string? code = null, List<(int, int)>? progress = null)
    {
        using var stream = new MemoryStream();
        await Cards.WriteBatchAsync(caller, _county.CycleId, township, code, stream, progress is null ? null : new SyncProgress(progress));
        return stream.ToArray();
    }

    [Fact]
    public async Task County_OneFile_CoverThenCardsByTownshipAndRank_FontEmbeddedOnce_WithinTheBudget()
    {
        var progress = new List<(int, int)>();

        var pdf = await BatchAsync(_county.County, progress: progress);

        using var document = Read.Open(pdf);
        Assert.Equal(21, document.NumberOfPages);
        var cover = document.GetPage(1).Text;
        Assert.Contains("全县 · 共 20 份", cover);
        var rows = (await _county.Get<Longan.Appraisal.Core.Features.Results.ResultQueryService>().ReadAsync(_county.County, _county.CycleId))!.Rows;
        var expected = rows.OrderBy(r => r.TownshipOrder).ThenBy(r => r.CountyRank).Select(r => r.Name).ToList();
        var actual = Enumerable.Range(2, 20).Select(n => expected.First(name => document.GetPage(n).Text.Contains(name + "性别", StringComparison.Ordinal) || document.GetPage(n).Text.Contains("姓名" + name, StringComparison.Ordinal))).ToList();
        Assert.Equal(expected, actual);
        // One face, embedded once for the whole batch (PDFsharp adds a small ANSI subset of it for Latin-only text).
        Assert.InRange(CountOf(Encoding.Latin1.GetString(pdf), "/FontFile2"), 1, 2);
        Assert.True(pdf.Length <= (150 + 19 * 15) * 1024, $"{pdf.Length / 1024} KB");
        Assert.Equal((20, 20), progress[^1]);
    }

    [Fact]
    public async Task Township_GetsItsOwn_OtherTownshipsAndAssistantsRefused()
    {
        var pdf = await BatchAsync(_county.Township);

        using var document = Read.Open(pdf);
        var rows = (await _county.Get<Longan.Appraisal.Core.Features.Results.ResultQueryService>().ReadAsync(_county.Township, _county.CycleId))!.Rows;
        Assert.Equal(rows.Count + 1, document.NumberOfPages);
        await Assert.ThrowsAsync<AccessDeniedException>(() => BatchAsync(_county.Township, _county.OtherTownship.TownshipId));
        await Assert.ThrowsAsync<AccessDeniedException>(() => BatchAsync(_county.Assistant));
    }

    [Fact]
    public async Task OneAssistantByCode_CoverAndOneCard_UnknownCodeNamed()
    {
        var row = (await _county.Get<Longan.Appraisal.Core.Features.Results.ResultQueryService>().ReadAsync(_county.County, _county.CycleId))!.Rows[0];

        using var document = Read.Open(await BatchAsync(_county.County, code: row.Code));
        var missing = await Assert.ThrowsAsync<NotFoundException>(() => BatchAsync(_county.County, code: "LA9999"));

        Assert.Equal(2, document.NumberOfPages);
        Assert.Contains(row.Name, document.GetPage(2).Text);
        Assert.Equal("本年度结果中没有编号为 LA9999 的助理员。", missing.Message);
    }

    [Fact]
    public async Task FortyCards_TheDemoCountysPublishedYear_WithinTheSizeBudget()
    {
        await using var db = await TestDatabase.CreateAsync(demoCounty: true);
        var county = await db.CallerAsync(Demo.County);
        var cycle = (await db.Get<Longan.Appraisal.Core.Features.Cycles.CycleService>().ListAsync(county)).Single(c => c.Year == 2025);
        using var stream = new MemoryStream();

        var count = await db.Get<ReportCardService>().WriteBatchAsync(county, cycle.Id, null, null, stream);

        Assert.Equal(40, count);
        Assert.True(stream.Length <= (150 + 39 * 15) * 1024, $"{stream.Length / 1024} KB");
        using var document = Read.Open(stream.ToArray());
        Assert.Equal(40, Enumerable.Range(1, document.NumberOfPages).Count(n => document.GetPage(n).Text.Contains("一、得分构成", StringComparison.Ordinal)));
    }

    private static int CountOf(string text, string piece)
    {
        var count = 0;
        for (var at = text.IndexOf(piece, StringComparison.Ordinal); at >= 0; at = text.IndexOf(piece, at + piece.Length, StringComparison.Ordinal))
        {
            count++;
        }
        return count;
    }

    /// <summary>Records progress synchronously (Progress&lt;T&gt; would post to a thread-pool callback).</summary>
    private sealed class SyncProgress(List<(int, int)> seen) : IProgress<(int Done, int Total)>
    {
        public void Report((int Done, int Total) value) => seen.Add(value);
    }
}
