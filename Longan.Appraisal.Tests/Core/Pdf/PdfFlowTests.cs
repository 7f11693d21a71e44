using System.Text;
using Longan.Appraisal.Core.Pdf;
using Read = UglyToad.PdfPig.PdfDocument;

namespace Longan.Appraisal.Tests.Core.Pdf;

public sealed class PdfFlowTests
{
    private static byte[] Render(Action<PdfFlow> draw, Action<PdfFlow, int>? footer = null)
    {
        using var stream = new MemoryStream();
        using (var writer = new PdfStreamWriter(stream, new PdfInfo("测试", "测试", "测试"), DateTimeOffset.UnixEpoch))
        {
            using (var flow = new PdfFlow(writer, footer))
            {
                draw(flow);
            }
            writer.Finish();
        }
        return stream.ToArray();
    }

    [Fact]
    public void RareCharacters_ExtractedIntact_FontEmbeddedAsASubset()
    {
        var bytes = Render(f => f.Paragraph("翟珊妹、韦聪、黄氹 — 壮族 驻村助理员 2026", new TextStyle(12)));

        using var pdf = Read.Open(bytes);
        var page = pdf.GetPage(1);
        Assert.Contains("翟珊妹、韦聪、黄氹", page.Text);
        Assert.All(page.Letters.Where(l => !string.IsNullOrWhiteSpace(l.Value)), l => Assert.Matches("^[A-Z]{6}\\+Noto Sans SC", l.FontName));
        Assert.Contains("/FontFile2", Encoding.Latin1.GetString(bytes));
        Assert.True(bytes.Length < 150 * 1024, $"{bytes.Length} bytes");
    }

    [Theory]
    [InlineData(9, false)]
    [InlineData(10.5, true)]
    public void Measure_TheSumOfCachedCharacterWidths_IsWhatPdfSharpMeasures(double size, bool bold)
    {
        const string text = "综合得分 87.42 分（全县第 3 名），满意率 96.88%；LA0020 陆𬇙 “核验报告卡”";
        var style = new TextStyle(size, bold);
        double ours = 0, theirs = 0;

        Render(f =>
        {
            ours = f.Measure(text, style);
            using var document = new PdfSharp.Pdf.PdfDocument();
            using var graphics = PdfSharp.Drawing.XGraphics.FromPdfPage(document.AddPage());
            theirs = graphics.MeasureString(text, f.Font(style)).Width;
        });

        Assert.Equal(theirs, ours, 3);
    }

    [Fact]
    public void LongText_FlowsOntoASecondPage_EveryFooterDrawn()
    {
        var text = string.Concat(Enumerable.Repeat("群众对驻村助理员的工作总体满意，希望今后多走访困难群众。", 120));
        var footers = new List<int>();

        var bytes = Render(f => f.Paragraph(text, TextStyle.Body), (f, n) =>
        {
            footers.Add(n);
            f.TextAt($"第 {n} 页", TextStyle.Small, f.Left, f.Bottom + 12, f.Width);
        });

        using var pdf = Read.Open(bytes);
        Assert.True(pdf.NumberOfPages >= 2);
        Assert.Equal(Enumerable.Range(1, pdf.NumberOfPages), footers);
        Assert.Contains("第 2 页", pdf.GetPage(2).Text);
        var all = string.Concat(Enumerable.Range(1, pdf.NumberOfPages).Select(n => pdf.GetPage(n).Text));
        Assert.Equal(120, CountOf(all, "困难群众"));
    }

    [Fact]
    public void Table_RowsNeverSplit_HeaderRepeatsOnTheNextPage()
    {
        var rows = Enumerable.Range(1, 50).Select(i => (IReadOnlyList<string>)[$"第{i}行", "那桐镇浪湾村", $"{80 + i % 20}.00"]).ToList();

        var bytes = Render(f => f.Table([new TableColumn("序号", 1), new TableColumn("驻村", 2), new TableColumn("得分", 1, PdfSharp.Drawing.XStringAlignment.Far)], rows));

        using var pdf = Read.Open(bytes);
        Assert.Equal(2, pdf.NumberOfPages);
        Assert.Contains("序号", pdf.GetPage(2).Text);
        var all = pdf.GetPage(1).Text + pdf.GetPage(2).Text;
        Assert.Contains("第50行", all);
        Assert.Equal(50, CountOf(all, "浪湾村"));
    }

    [Fact]
    public void Bars_AreVectors_WithTheirLabelsAndValues()
    {
        var bytes = Render(f => f.Bars([new Bar("群众评议", 87.4, "87.40"), new Bar("党组织评议", 91.3, "91.27")], 100, [85.2, 88.0], "全县平均"));

        using var pdf = Read.Open(bytes);
        var page = pdf.GetPage(1);
        Assert.Contains("群众评议", page.Text);
        Assert.Contains("91.27", page.Text);
        Assert.Contains("全县平均", page.Text);
        Assert.Empty(page.GetImages());
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
}
