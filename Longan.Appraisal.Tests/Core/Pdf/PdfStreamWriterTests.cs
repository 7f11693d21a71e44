using System.Text;
using System.Text.RegularExpressions;
using Longan.Appraisal.Core.Pdf;
using PdfSharp.Drawing;
using Read = UglyToad.PdfPig.PdfDocument;

namespace Longan.Appraisal.Tests.Core.Pdf;

public sealed partial class PdfStreamWriterTests
{
    private static readonly PdfInfo s_info = new("隆安县测试文件", "中共隆安县委组织部", "测试");

    // Each page has its own name and a character no other page uses, so every page's glyphs must come
    // from the one font subset written at the end, whichever scratch document drew the page.
    private static string PageText(int n) => $"第{n}页 {(char)('一' + n * 7)} 驻村助理员 翟珊妹";

    private static byte[] Write(int pages, Action<long>? afterEachPage = null)
    {
        using var stream = new MemoryStream();
        using (var writer = new PdfStreamWriter(stream, s_info, DateTimeOffset.UnixEpoch))
        {
            for (var n = 1; n <= pages; n++)
            {
                using (var flow = new PdfFlow(writer))
                {
                    flow.Paragraph(PageText(n), new TextStyle(12));
                }
                afterEachPage?.Invoke(stream.Length);
            }
            writer.Finish();
        }
        return stream.ToArray();
    }

    [Fact]
    public void PagesFromManyScratchDocuments_ShareOneSubsetFont_EveryCharacterExtractedIntact()
    {
        var bytes = Write(75);

        using var pdf = Read.Open(bytes);
        Assert.Equal(75, pdf.NumberOfPages);
        for (var n = 1; n <= 75; n++)
        {
            Assert.Equal(PageText(n).Replace(" ", "", StringComparison.Ordinal), pdf.GetPage(n).Text.Replace(" ", "", StringComparison.Ordinal));
        }
        var text = Encoding.Latin1.GetString(bytes);
        Assert.Single(FontFile().Matches(text));
        Assert.Matches("/BaseFont /[A-Z]{6}\\+Noto#20Sans#20SC#20Regular", text);
        // Graphics states repeat on every page but are written once.
        Assert.Single(Regex.Matches(text, "/Type /ExtGState /ca 1"));
    }

    [Fact]
    public void CharactersBeyondTheBasicPlane_ExtractedIntact()
    {
        // 𬇙 (U+2C1D9) and 𫖮 (U+2B5AE) are in the 通用规范汉字表 and appear in people's names; a PDF's
        // text layer must give them back as themselves (copy, search), not as a neighbouring character.
        const string name = "陆𬇙 䶮𫖮 翟珊妹";
        using var stream = new MemoryStream();
        using (var writer = new PdfStreamWriter(stream, s_info, DateTimeOffset.UnixEpoch))
        {
            using (var flow = new PdfFlow(writer))
            {
                flow.Paragraph(name, new TextStyle(12));
            }
            writer.Finish();
        }

        using var pdf = Read.Open(stream.ToArray());

        Assert.Equal(name.Replace(" ", "", StringComparison.Ordinal), pdf.GetPage(1).Text.Replace(" ", "", StringComparison.Ordinal));
    }

    [Fact]
    public void ACharacterTheFaceLacks_PrintsTheMissingMark_NotAnEmptyBox()
    {
        // 𠮷 (U+20BB7) is outside the face; the emoji too. Both become 〓, which a reader sees as "a character is missing here".
        Assert.False(PdfFonts.Coverage.Covers(0x20BB7));
        Assert.True(PdfFonts.Coverage.Covers(0x2C1D9));
        Assert.True(PdfFonts.Coverage.Covers(PdfFonts.MissingMark[0]));
        Assert.Equal("𠮷", PdfFonts.Coverage.FirstMissing("田𠮷"));
        Assert.Null(PdfFonts.Coverage.FirstMissing("翟珊妹 陆𬇙 LA0001，。"));
        using var stream = new MemoryStream();
        using (var writer = new PdfStreamWriter(stream, s_info, DateTimeOffset.UnixEpoch))
        {
            using (var flow = new PdfFlow(writer))
            {
                flow.Paragraph("田𠮷 办事好😀", new TextStyle(12));
            }
            writer.Finish();
        }

        using var pdf = Read.Open(stream.ToArray());

        Assert.Equal("田〓办事好〓", pdf.GetPage(1).Text.Replace(" ", "", StringComparison.Ordinal));
    }

    [Fact]
    public void Pages_AreWrittenAsTheyAreFinished_NotAtTheEnd()
    {
        var lengths = new List<long>();

        var bytes = Write(40, lengths.Add);

        // The file grows with every page (a page's dictionary and compressed content), long before the
        // font and the cross-reference table are written at the end.
        Assert.All(lengths.Zip(lengths.Skip(1)), pair => Assert.True(pair.Second > pair.First, $"{pair.First} → {pair.Second}"));
        Assert.True(lengths[^1] > 40 * 200, $"{lengths[^1]} bytes before Finish");
        Assert.True(bytes.Length > lengths[^1]);
    }

    [Fact]
    public void CrossReferenceTable_PointsAtEveryObject()
    {
        var bytes = Write(3);
        var text = Encoding.Latin1.GetString(bytes);

        var xref = int.Parse(StartXref().Match(text).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        var lines = text[xref..].Split('\n');
        Assert.Equal("xref", lines[0]);
        var count = int.Parse(lines[1].Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal("0000000000 65535 f ", lines[2]);
        for (var number = 1; number < count; number++)
        {
            var entry = lines[2 + number];
            Assert.Equal(20, entry.Length + 1);
            var offset = int.Parse(entry[..10], System.Globalization.CultureInfo.InvariantCulture);
            Assert.StartsWith($"{number} 0 obj\n", text[offset..], StringComparison.Ordinal);
        }
        Assert.Contains($"/Size {count}/Root 1 0 R/Info 3 0 R", text, StringComparison.Ordinal);
        Assert.EndsWith("%%EOF\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void DocumentInformation_IsWrittenInChinese()
    {
        using var pdf = Read.Open(Write(1));

        Assert.Equal("隆安县测试文件", pdf.Information.Title);
        Assert.Equal("中共隆安县委组织部", pdf.Information.Author);
        Assert.StartsWith("D:19700101000000+00'00'", pdf.Information.CreationDate, StringComparison.Ordinal);
    }

    [Fact]
    public void APageDrawnWithAnotherFont_IsRefused()
    {
        using var writer = new PdfStreamWriter(new MemoryStream(), s_info, DateTimeOffset.UnixEpoch);
        var page = writer.NewPage();
        using (var graphics = XGraphics.FromPdfPage(page))
        {
            graphics.DrawString("WinAnsi", new XFont(PdfFonts.Family, 10, XFontStyleEx.Regular, XPdfFontOptions.WinAnsiDefault), XBrushes.Black, 10, 10);
        }

        Assert.Throws<NotSupportedException>(() => writer.WritePage(page));
    }

    [Fact]
    public void NoPagesAfterFinish()
    {
        using var writer = new PdfStreamWriter(new MemoryStream(), s_info, DateTimeOffset.UnixEpoch);
        writer.Finish();

        Assert.Throws<InvalidOperationException>(() => writer.NewPage());
    }

    [Theory]
    [InlineData("/Type", "/Type")]
    [InlineData("/Noto Sans SC Regular", "/Noto#20Sans#20SC#20Regular")]
    [InlineData("/A#B(C)", "/A#23B#28C#29")]
    [InlineData("/壮", "/#E5#A3#AE")]
    public void Names_EscapeWhatPdfReserves(string name, string written) => Assert.Equal(written, PdfStreamWriter.Name(name));

    [Theory]
    [InlineData("Adobe", "<41646F6265>")]
    [InlineData("壮族", "<FEFF58EE65CF>")]
    public void TextStrings_AreHexadecimal(string value, string written) => Assert.Equal(written, PdfStreamWriter.Text(value));

    [GeneratedRegex("/FontFile2 ")]
    private static partial Regex FontFile();

    [GeneratedRegex("startxref\n(\\d+)\n%%EOF")]
    private static partial Regex StartXref();
}
