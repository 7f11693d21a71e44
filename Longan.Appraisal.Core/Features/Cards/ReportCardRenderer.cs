using System.Globalization;
using Longan.Appraisal.Core.Pdf;
using Longan.Appraisal.Core.Resources;
using Longan.Appraisal.Core.Scoring;
using PdfSharp.Drawing;

namespace Longan.Appraisal.Core.Features.Cards;

/// <summary>
/// Lays out a report card (spec report-card.md) on A4 with <see cref="PdfFlow"/>: title and issuing
/// body, identity, the result block, the breakdown, the chart with county averages, verified
/// five-elders records, comments, trend, outcome and seal area; every page carries the generation
/// time, the result version and the verification code. The words are Chinese: a county document.
/// </summary>
public static class ReportCardRenderer
{
    private static readonly TextStyle s_title = new(15, Bold: true, Align: XStringAlignment.Center);
    private static readonly TextStyle s_issuer = new(10.5, Align: XStringAlignment.Center);
    private static readonly TextStyle s_section = new(10.5, Bold: true, Color: XKnownColor.DarkRed);
    private static readonly TextStyle s_body = new(9);
    private static readonly TextStyle s_note = new(8.5, Color: XKnownColor.DimGray);
    private const double SectionGap = 4;

    /// <summary>A PDF with one card (a second page only when the comments overflow).</summary>
    public static byte[] Render(ReportCard card, DateTimeOffset generatedAt)
    {
        using var stream = new MemoryStream();
        using (var pdf = NewWriter(stream, $"{card.Identity.Name} {card.Year}年度考核结果报告卡", generatedAt))
        {
            Append(pdf, card, generatedAt);
            pdf.Finish();
        }
        return stream.ToArray();
    }

    /// <summary>A PDF written to <paramref name="output"/> as its pages are finished; call <see cref="PdfStreamWriter.Finish"/> at the end.</summary>
    public static PdfStreamWriter NewWriter(Stream output, string title, DateTimeOffset generatedAt) =>
        new(output, new PdfInfo(title, "中共隆安县委组织部", "隆安县驻村助理员考核系统"), generatedAt.ToOffset(TimeSpan.FromHours(8)));

    /// <summary>The cover of a batch: what it is, for whom, and who is inside in the order of the cards.</summary>
    public static void AppendCover(PdfStreamWriter pdf, int year, string scope, int version, IReadOnlyList<Results.ResultRow> rows, DateTimeOffset generatedAt)
    {
        var generated = generatedAt.ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
        using var flow = new PdfFlow(pdf, (f, page) => f.TextAt($"生成时间 {generated} · 结果第 {version} 版 · 目录第 {page} 页",
            TextStyle.Small with { Align = XStringAlignment.Center }, f.Left, f.Bottom + 14, f.Width));
        flow.Space(40);
        flow.Paragraph($"隆安县{year}年度驻村助理员考核结果报告卡", s_title with { Size = 18 });
        flow.Paragraph($"{scope} · 共 {rows.Count} 份", s_issuer);
        flow.Paragraph("中共隆安县委组织部", s_issuer);
        flow.Space(16);
        flow.Rule(1.2, XKnownColor.DarkRed);
        flow.Space(6);
        flow.Table(
            [new TableColumn("序号", 0.7, XStringAlignment.Far), new TableColumn("乡镇", 1.2), new TableColumn("驻村", 1.4), new TableColumn("姓名", 1.2),
             new TableColumn("综合得分", 1, XStringAlignment.Far), new TableColumn("等次", 1), new TableColumn("全县排名", 1, XStringAlignment.Far)],
            rows.Select((r, i) => (IReadOnlyList<string>)[$"{i + 1}", r.Township, r.Village, r.Name, r.Composite is { } c ? ScoreText.Of(c) : "—", Names.Grade(r.Grade), r.CountyRank?.ToString(CultureInfo.InvariantCulture) ?? "—"]),
            s_body);
    }

    /// <summary>Adds the card's pages to a document (one card or a batch).</summary>
    public static void Append(PdfStreamWriter pdf, ReportCard card, DateTimeOffset generatedAt)
    {
        var generated = generatedAt.ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
        using var flow = new PdfFlow(pdf, (f, page) =>
        {
            f.TextAt($"生成时间 {generated} · 结果第 {card.VersionNumber} 版 · 核验码 {card.VerificationCode} · {card.Identity.Name} 第 {page} 页",
                TextStyle.Small with { Align = XStringAlignment.Center }, f.Left, f.Bottom + 12, f.Width);
            f.TextAt("凭核验码可在隆安县驻村助理员考核系统“核验报告卡”中核对本卡",
                TextStyle.Small with { Size = 7, Align = XStringAlignment.Center }, f.Left, f.Bottom + 22, f.Width);
            if (page > 1)
            {
                // A second page filed apart from the first still says whose card it is.
                f.TextAt($"{card.Identity.Name}（{card.Identity.Code}）· 隆安县{card.Year}年度驻村助理员考核结果报告卡（续）",
                    TextStyle.Small with { Align = XStringAlignment.Center }, f.Left, PdfFlow.Margin - 20, f.Width);
            }
        });
        Title(flow, card);
        Identity(flow, card);
        ResultBlock(flow, card);
        Breakdown(flow, card);
        Chart(flow, card);
        Records(flow, card);
        Comments(flow, card);
        Trend(flow, card);
        Outcome(flow, card);
    }

    private static void Title(PdfFlow flow, ReportCard card)
    {
        flow.Paragraph($"隆安县{card.Year}年度驻村助理员考核结果报告卡", s_title);
        flow.Paragraph("中共隆安县委组织部", s_issuer);
        if (card.PublishedAt is null)
        {
            flow.Paragraph("（结果尚未公布，仅供核对）", s_issuer with { Color = XKnownColor.DarkRed, Size = 9 });
        }
        flow.Space(2);
        flow.Rule(1.2, XKnownColor.DarkRed);
        flow.Space(3);
    }

    private static void Identity(PdfFlow flow, ReportCard card)
    {
        var i = card.Identity;
        flow.Table(
            [new TableColumn("", 1, Label: true), new TableColumn("", 1.5), new TableColumn("", 1, Label: true), new TableColumn("", 1.5), new TableColumn("", 1, Label: true), new TableColumn("", 1.9)],
            [
                ["姓名", i.Name, "性别", i.Gender ?? "", "民族", i.Ethnicity ?? ""],
                ["出生日期", Date(i.BirthDate), "政治面貌", i.PoliticalStatus ?? "", "编号", i.Code],
                ["乡镇", i.Township, "驻村", i.Village, "任期", $"{Month(i.TermStart)}—{Month(i.TermEnd)}"],
            ],
            s_body, showHeader: false);
        flow.Table([new TableColumn("", 1.45, Label: true), new TableColumn("", 6.95)], [["派出单位及职务", i.SendingUnitAndPost ?? ""]], s_body, showHeader: false);
        flow.Space(SectionGap + 2);
    }

    private static void ResultBlock(PdfFlow flow, ReportCard card)
    {
        var r = card.Result;
        const double height = 50;
        flow.EnsureRoom(height + 8);
        var top = flow.Y;
        flow.Box(flow.Left, top, flow.Width, height, new XPen(XColor.FromArgb(0xA3, 0x1B, 0x1B), 1.2), new XSolidBrush(XColor.FromArgb(0xFB, 0xF5, 0xF5)));
        var third = flow.Width / 3;
        flow.TextAt("综合得分", s_note with { Align = XStringAlignment.Center }, flow.Left, top + 6, third);
        flow.TextAt(r.Composite is { } c ? ScoreText.Of(c) : "—", new TextStyle(22, Bold: true, Color: XKnownColor.DarkRed, Align: XStringAlignment.Center), flow.Left, top + 18, third);
        flow.TextAt("等次", s_note with { Align = XStringAlignment.Center }, flow.Left + third, top + 6, third);
        flow.TextAt(Names.Grade(r.Grade), new TextStyle(18, Bold: true, Align: XStringAlignment.Center), flow.Left + third, top + 20, third);
        flow.TextAt("排名", s_note with { Align = XStringAlignment.Center }, flow.Left + 2 * third, top + 6, third);
        flow.TextAt($"全县 {Rank(r.CountyRank, card.CountyComplete)}", new TextStyle(10.5, Align: XStringAlignment.Center), flow.Left + 2 * third, top + 19, third);
        flow.TextAt($"乡镇 {Rank(r.TownshipRank, card.TownshipComplete)}", new TextStyle(10.5, Align: XStringAlignment.Center), flow.Left + 2 * third, top + 34, third);
        flow.Space(height + SectionGap + 2);
    }

    private static void Breakdown(PdfFlow flow, ReportCard card)
    {
        var r = card.Result;
        Section(flow, "一、得分构成");
        var rows = card.Groups.Select((g, i) => (IReadOnlyList<string>)[
            g.Name,
            (g.PhoneBallots > 0 ? $"{g.Ballots} 票（其中手机 {g.PhoneBallots} 票）" : $"{g.Ballots} 票")
                + (i == 0 ? $"，满意率 {Percent(r.SatisfactionRate)}，不满意率 {Percent(r.DissatisfactionRate)}" : ""),
            g.Score is { } s ? ScoreText.Of(s) : "数据不足", $"{g.Weight:0.##}%", g.Points is { } p ? ScoreText.Of(p) : "—"]).ToList();
        rows.Add(["五老监督（属实记录）", "", "", "", ScoreText.Signed(r.Supervision)]);
        var months = card.AttendanceMonthsRecorded == 0 ? "未录入考勤，不扣分"
            : card.ShortMonths.Count == 0 ? $"已录入 {card.AttendanceMonthsRecorded} 个月，每月均不少于 {card.AttendanceMinDays} 天"
            : $"不足 {card.AttendanceMinDays} 天的月份：" + string.Join("、", card.ShortMonths.Select(m => $"{m.Month}月{m.Days}天"));
        rows.Add(["驻村考勤", months, "", "", ScoreText.Signed(-r.Attendance)]);
        rows.Add(["综合得分", "", "", "", r.Composite is { } c ? ScoreText.Of(c) : "—"]);
        flow.Table(
            [new TableColumn("项目", 1.9), new TableColumn("有效票 / 说明", 4.3), new TableColumn("得分", 1.1, XStringAlignment.Far), new TableColumn("权重", 0.8, XStringAlignment.Far), new TableColumn("计入", 1.1, XStringAlignment.Far)],
            rows, s_body);
        foreach (var reason in r.Reasons)
        {
            flow.Paragraph("※ " + reason.Render(), s_note);
        }
        var shown = card.Groups.Sum(g => g.Points is { } p ? ScoringEngine.Round(p) : 0) + r.Supervision - r.Attendance;
        if (r.Composite is { } composite && ScoringEngine.Round(Math.Clamp(shown, 0, 100)) != ScoringEngine.Round(composite))
        {
            flow.Paragraph("※ 计入分按两位小数显示；综合得分由未经舍入的分值计算，可能与显示值之和相差 0.01。", s_note);
        }
        flow.Space(SectionGap);
    }

    /// <summary>The five duties and the three groups side by side, each against the county average.</summary>
    private static void Chart(PdfFlow flow, ReportCard card)
    {
        Section(flow, "二、评议得分图（竖线为全县平均）", flow.LineHeight(s_note) * 8);
        var style = s_note with { Color = XKnownColor.Black };
        var half = (flow.Width - 16) / 2;
        var rowHeight = flow.LineHeight(style) + 2;
        flow.EnsureRoom(rowHeight * 7);
        flow.TextAt("五大员（党组织评议，每项满分 20 分）", s_note, flow.Left, flow.Y, half);
        flow.TextAt("三项评议（满分 100 分）", s_note, flow.Left + half + 16, flow.Y, half);
        flow.Space(rowHeight);
        var duties = card.Duties.Any(d => d.Value is not null)
            ? flow.Bars(card.Duties.Select(d => new Bar(d.Label, (double)(d.Value ?? 0), d.Value is { } v ? v.ToString("0.0", CultureInfo.InvariantCulture) : "—")).ToList(),
                20, card.Duties.Select(d => d.CountyAverage is { } a ? (double?)a : null).ToList(), style: style, x: flow.Left, width: half)
            : NoBallots(flow, style, half);
        var groups = flow.Bars(card.GroupBars.Select(b => new Bar(b.Label.Replace("基层", "", StringComparison.Ordinal), (double)(b.Value ?? 0), b.Value is { } v ? ScoreText.Of(v) : "—")).ToList(),
            100, card.GroupBars.Select(b => b.CountyAverage is { } a ? (double?)a : null).ToList(), style: style, x: flow.Left + half + 16, width: half);
        flow.Space(Math.Max(duties, groups));
        flow.Paragraph("全县平均：" + string.Join("，", card.GroupBars.Select(b => $"{b.Label} {(b.CountyAverage is { } a ? ScoreText.Of(a) : "—")}")), s_note);
        flow.Space(SectionGap);
    }

    private static double NoBallots(PdfFlow flow, TextStyle style, double width)
    {
        flow.TextAt("无基层党组织评议票，五大员得分空缺。", style with { Color = XKnownColor.DimGray }, flow.Left, flow.Y, width);
        return flow.LineHeight(style) + 2;
    }

    private static void Records(PdfFlow flow, ReportCard card)
    {
        Section(flow, "三、五老监督记录（经乡镇党委核实属实）");
        if (card.Records.Count == 0)
        {
            flow.Paragraph("无。", s_body);
        }
        else
        {
            flow.Table(
                [new TableColumn("日期", 1.3), new TableColumn("类型", 0.8), new TableColumn("类别", 1.1), new TableColumn("情况", 4.8)],
                card.Records.Select(r => (IReadOnlyList<string>)[Date(r.Date), r.Nature, r.Category, r.Description]), s_body);
        }
        flow.Space(SectionGap);
    }

    private static void Comments(PdfFlow flow, ReportCard card)
    {
        Section(flow, "四、评议意见");
        void Group(string title, IReadOnlyList<string>? comments) => flow.Paragraph(
            $"【{title}】" + (comments is null ? "有效票不足 5 张，为保护评议人不列出意见。" : comments.Count == 0 ? "无。" : string.Join("；", comments.Select(c => c.TrimEnd('。', '；', ';'))) + "。"),
            s_body);
        Group("群众意见", card.Comments.Villagers);
        Group("村党组织意见", card.Comments.PartyOrganisation);
        Group("党员干部意见", card.Comments.Cadres);
        flow.Space(SectionGap);
    }

    private static void Trend(PdfFlow flow, ReportCard card)
    {
        Section(flow, "五、历年考核");
        var now = $"{card.Year}年度 {(card.Result.Composite is { } c ? ScoreText.Of(c) : "—")} 分，{Names.Grade(card.Result.Grade)}";
        flow.Paragraph(card.Trend.Count == 0
            ? now + "（首次考核）。"
            : string.Join("；", card.Trend.Select(t => $"{t.Year}年度 {(t.Composite is { } s ? ScoreText.Of(s) : "—")} 分，{t.Grade}").Append(now)) + "。", s_body);
        flow.Space(SectionGap);
    }

    /// <summary>
    /// The outcome and the decision on the left, the seal area on the right; a long decision makes the
    /// block taller (and moves it to the next page when it no longer fits) rather than running into the footer.
    /// </summary>
    private static void Outcome(PdfFlow flow, ReportCard card)
    {
        var r = card.Result;
        const double seal = 62;
        var style = s_body with { Bold = true };
        var textWidth = flow.Width * 0.52;
        static string Listed(IReadOnlyList<Outcome> outcomes, string none) => (outcomes.Count == 0 ? none : Names.Outcomes(outcomes)) + "。";
        // The computed recommendation stays on the card beside the department's decision (spec §8, card item 9).
        var text = r.Decision is { } decision
            ? $"计算建议：{Listed(r.ComputedOutcomes, "无")}\n组织部决定：{Listed(decision.Outcomes, "不作处理")}\n理由：{decision.Reason}"
            : Listed(r.ComputedOutcomes, "无");
        var textHeight = flow.LineHeight(s_section) + flow.Lines(text, style, textWidth).Count * flow.LineHeight(style);
        var height = Math.Max(seal, textHeight + SectionGap);
        flow.EnsureRoom(height);
        var top = flow.Y;
        flow.TextAt("六、处理建议", s_section, flow.Left, top, textWidth);
        flow.TextAt(text, style, flow.Left, top + flow.LineHeight(s_section), textWidth);
        var x = flow.Left + flow.Width * 0.58;
        var width = flow.Width * 0.42;
        flow.Box(x, top, width, seal - 6, new XPen(XColor.FromArgb(0xC0, 0xC0, 0xC0), 0.6) { DashStyle = XDashStyle.Dash });
        flow.TextAt("（盖章处）", s_note with { Align = XStringAlignment.Center }, x, top + 4, width);
        flow.TextAt("中共隆安县委组织部", s_body with { Align = XStringAlignment.Center }, x, top + 26, width);
        flow.TextAt("年　　月　　日", s_body with { Align = XStringAlignment.Center }, x, top + 41, width);
        flow.Space(height);
    }

    /// <summary>A section's heading, never left alone at the foot of a page: it moves on with the first lines of what it heads.</summary>
    private static void Section(PdfFlow flow, string title, double? keepWithNext = null)
    {
        flow.EnsureRoom(flow.LineHeight(s_section) + (keepWithNext ?? 3 * flow.LineHeight(s_body)));
        flow.Paragraph(title, s_section);
    }

    private static string Percent(decimal? value) => value is { } v ? (v * 100).ToString("0.00", CultureInfo.InvariantCulture) + "%" : "—";

    private static string Rank(int? rank, int of) => rank is { } r ? $"{r} / {of}" : "—";

    private static string Date(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "";

    private static string Month(DateOnly date) => date.ToString("yyyy.MM", CultureInfo.InvariantCulture);
}
