using ClosedXML.Excel;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Validation;
using Longan.Appraisal.Core.Excel;
using Longan.Appraisal.Core.Features.Results;

namespace Longan.Appraisal.Tests.Core.Excel;

/// <summary>
/// The streamed workbooks against the contract of spec workbooks.md, cell by cell, as Excel's own
/// schema, ClosedXML and the portal's reader see them: sheet and headers, types and number formats,
/// text codes, neutralised formulas, the frozen header, the filter, widths and the print setup.
/// </summary>
public sealed class ExportWorkbookTests
{
    internal static readonly ResultsRow[] Rows =
    [
        new(1, "007", "韦小宝", "那桐镇", "那桐村", 97.5m, 0.93333333m, 0.01666667m, 98.456m, 96.666m, 3m, 0m, 100m, "优秀", 1, "推荐列入科级后备干部人选", ""),
        new(2, "LA0020", "=HYPERLINK(\"x\")", "城厢镇", "-村", 84m, 0.5m, 0.25m, 92m, 80m, -10m, 9m, 85.2m, "称职", 1, "", "@备注"),
        new(null, "0010", "+86 电话", "城厢镇", "\t村", null, null, null, null, null, 0m, 0m, null, "数据不足", null, "", "群众评议不足 _x0041_ 原样"),
    ];

    private static readonly double[] s_widths = [8, 12, 10, 10, 12, 10, 9, 9, 11, 13, 9, 9, 10, 10, 9, 28, 48];

    internal static byte[] ResultsFile() => Write(stream => ResultsWorkbook.Write(2026, Rows, stream));

    [Fact]
    public void Write_Results_EveryCellAsTheContractSays()
    {
        var content = ResultsFile();

        using var workbook = new XLWorkbook(new MemoryStream(content));
        var sheet = Assert.Single(workbook.Worksheets);
        Assert.Equal("考核结果", sheet.Name);
        for (var c = 1; c <= 17; c++)
        {
            var header = sheet.Cell(1, c);
            Assert.Equal(ResultsWorkbook.Headers[c - 1], header.GetString());
            Assert.Equal(XLDataType.Text, header.DataType);
            Assert.True(header.Style.Font.Bold);
            Assert.True(header.Style.Alignment.WrapText);
            Assert.Equal("FFF2DCDB", header.Style.Fill.BackgroundColor.Color.ToArgb().ToString("X8", System.Globalization.CultureInfo.InvariantCulture));
            Assert.Equal(s_widths[c - 1], sheet.Column(c).Width, 3);
        }

        var first = sheet.Row(2);
        AssertNumber(first.Cell(1), 1, "General");
        AssertText(first.Cell(2), "007", quoted: false);
        AssertText(first.Cell(3), "韦小宝", quoted: false);
        AssertNumber(first.Cell(6), 97.5, "0.00");
        AssertNumber(first.Cell(7), 0.93333333, "0.00%");
        AssertNumber(first.Cell(8), 0.01666667, "0.00%");
        AssertNumber(first.Cell(9), 98.46, "0.00");
        AssertNumber(first.Cell(10), 96.67, "0.00");
        AssertNumber(first.Cell(11), 3, "0.00");
        AssertNumber(first.Cell(12), 0, "0.00");
        AssertNumber(first.Cell(13), 100, "0.00");
        AssertText(first.Cell(14), "优秀", quoted: false);
        AssertNumber(first.Cell(15), 1, "General");
        Assert.True(first.Cell(17).IsEmpty());
        Assert.True(first.Cell(17).Style.Alignment.WrapText); // what is typed in later wraps too

        var formulaLike = sheet.Row(3);
        AssertText(formulaLike.Cell(3), "=HYPERLINK(\"x\")", quoted: true);
        AssertText(formulaLike.Cell(5), "-村", quoted: true);
        AssertText(formulaLike.Cell(17), "@备注", quoted: true);
        Assert.True(formulaLike.Cell(17).Style.Alignment.WrapText);
        AssertNumber(formulaLike.Cell(11), -10, "0.00");

        var incomplete = sheet.Row(4);
        Assert.True(incomplete.Cell(1).IsEmpty());
        AssertText(incomplete.Cell(2), "0010", quoted: false);
        AssertText(incomplete.Cell(4 + 1), "\t村", quoted: true);
        AssertText(incomplete.Cell(3), "+86 电话", quoted: true);
        Assert.True(incomplete.Cell(6).IsEmpty());
        Assert.True(incomplete.Cell(13).IsEmpty());
        Assert.True(incomplete.Cell(15).IsEmpty());
        AssertText(incomplete.Cell(14), "数据不足", quoted: false);
        // ClosedXML does not undo the escape of a literal _x0041_ in inline text; Excel, LibreOffice
        // and the portal's reader do (checked below and in LibreOfficeTests).
        Assert.Equal("群众评议不足 _x005F_x0041_ 原样", incomplete.Cell(17).GetString());
        Assert.Equal(4, sheet.LastRowUsed()!.RowNumber());

        Assert.Equal(1, sheet.SheetView.SplitRow);
        Assert.Equal(0, sheet.SheetView.SplitColumn);
        Assert.Equal("A1:Q4", sheet.AutoFilter.Range.RangeAddress.ToString());
        Assert.Equal(XLPageOrientation.Landscape, sheet.PageSetup.PageOrientation);
        Assert.Equal(XLPaperSize.A4Paper, sheet.PageSetup.PaperSize);
        Assert.Equal((1, 0), (sheet.PageSetup.PagesWide, sheet.PageSetup.PagesTall));
        Assert.Equal((1, 1), (sheet.PageSetup.FirstRowToRepeatAtTop, sheet.PageSetup.LastRowToRepeatAtTop));
        Assert.Equal("隆安县2026年度驻村助理员考核结果", sheet.PageSetup.Header.Center.GetText(XLHFOccurrence.OddPages));

        AssertValid(content);

        // The portal's own reader (the one every import uses) sees the same codes as text.
        using var file = WorkbookFile.Open(content, "考核结果.xlsx");
        var errors = new List<ImportError>();
        var table = SheetTable.Open(file.Sheet("考核结果")!, ["编号", "姓名", "说明"], [], errors);
        Assert.NotNull(table);
        Assert.Empty(errors);
        var read = table.Rows().ToList();
        Assert.Equal(["007", "LA0020", "0010"], read.Select(r => r.Code("编号", 20, required: true)));
        Assert.Equal("群众评议不足 _x0041_ 原样", read[2].Text("说明", 100));
    }

    [Fact]
    public void Write_SeveralSheets_EachItsOwnFilterPrintTitlesDatesAndShading()
    {
        var content = Write(stream =>
        {
            using var workbook = ExportWorkbook.Create(stream);
            var first = workbook.AddSheet("甲's", ["编号", "日期"], [12, 11], "A & B");
            first.Row();
            first.Text("001");
            first.Date(new DateTime(2026, 3, 1));
            var second = workbook.AddSheet("乙", ["编号", "核实时间", "天数"], [12, 16, 6], "乙表");
            for (var i = 0; i < 3; i++)
            {
                second.Row();
                second.Skip();
                second.Date(new DateTime(2026, 4, 30, 9, 15, 0), ExportStyle.DateTime);
                second.Number(i, ExportStyle.Shortfall);
            }
        });

        AssertValid(content);
        using var workbook = new XLWorkbook(new MemoryStream(content));
        var first = workbook.Worksheet("甲's");
        Assert.Equal("A1:B2", first.AutoFilter.Range.RangeAddress.ToString());
        // In a page header & starts a code: a literal one is doubled (ClosedXML shows the stored text).
        Assert.Equal("A && B", first.PageSetup.Header.Center.GetText(XLHFOccurrence.OddPages));
        Assert.Equal(new DateTime(2026, 3, 1), first.Cell(2, 2).GetDateTime());
        Assert.Equal("yyyy-mm-dd", first.Cell(2, 2).Style.DateFormat.Format);
        var second = workbook.Worksheet("乙");
        Assert.Equal("A1:C4", second.AutoFilter.Range.RangeAddress.ToString());
        Assert.Equal((1, 1), (second.PageSetup.FirstRowToRepeatAtTop, second.PageSetup.LastRowToRepeatAtTop));
        Assert.Equal(1, second.SheetView.SplitRow);
        Assert.True(second.Cell(2, 1).IsEmpty());
        Assert.Equal(new DateTime(2026, 4, 30, 9, 15, 0), second.Cell(4, 2).GetDateTime());
        Assert.Equal("yyyy-mm-dd hh:mm", second.Cell(4, 2).Style.DateFormat.Format);
        Assert.Equal("FFFFEBEE", second.Cell(4, 3).Style.Fill.BackgroundColor.Color.ToArgb().ToString("X8", System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(2, second.Cell(4, 3).GetDouble());
    }

    [Fact]
    public void Write_ToStreamThatCannotSeek_SameWorkbook()
    {
        using var target = new MemoryStream();
        ResultsWorkbook.Write(2026, Rows, new ForwardOnly(target));

        using var workbook = new XLWorkbook(new MemoryStream(target.ToArray()));
        Assert.Equal("0010", workbook.Worksheet("考核结果").Cell(4, 2).GetString());
    }

    private static byte[] Write(Action<Stream> write)
    {
        using var stream = new MemoryStream();
        write(stream);
        return stream.ToArray();
    }

    private static void AssertNumber(IXLCell cell, double value, string format)
    {
        Assert.Equal(XLDataType.Number, cell.DataType);
        Assert.Equal(value, cell.GetDouble(), 8);
        Assert.Equal(format, format == "General" ? "General" : cell.Style.NumberFormat.Format);
        if (format == "General")
        {
            Assert.Equal(0, cell.Style.NumberFormat.NumberFormatId);
        }
    }

    private static void AssertText(IXLCell cell, string value, bool quoted)
    {
        Assert.Equal(XLDataType.Text, cell.DataType);
        Assert.Equal(value, cell.GetString());
        Assert.False(cell.HasFormula);
        Assert.Equal(quoted, cell.Style.IncludeQuotePrefix);
    }

    /// <summary>Excel's own schema for the file: what Excel would refuse to open or "repair".</summary>
    private static void AssertValid(byte[] content)
    {
        using var document = SpreadsheetDocument.Open(new MemoryStream(content), false);
        var errors = new OpenXmlValidator().Validate(document).Select(e => $"{e.Part?.Uri} {e.Path?.XPath}: {e.Description}").ToList();
        Assert.Empty(errors);
    }

    /// <summary>A response body: written forward only.</summary>
    private sealed class ForwardOnly(Stream inner) : Stream
    {
        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() => inner.Flush();
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => inner.Write(buffer, offset, count);
    }
}
