using ClosedXML.Excel;
using Longan.Appraisal.Core.Excel;
using Longan.Appraisal.Tests.Infrastructure;

namespace Longan.Appraisal.Tests.Core.Excel;

/// <summary>
/// The portal's own workbook reader reads what real spreadsheet programs write: text in the
/// shared-string table or inline, rich text (phonetic guides left out), characters outside the
/// basic plane, numbers, Excel dates under built-in and custom formats, ISO date cells, title rows
/// above the header, columns in any order, blank and example rows.
/// </summary>
public sealed class WorkbookReaderTests
{
    private static readonly string[] s_headers = ["编号", "日期", "数量"];

    [Fact]
    public void Read_WorkbookWrittenByClosedXml_TextNumbersAndDatesUnderAnyFormat()
    {
        using var workbook = new XLWorkbook();
        var sheet = workbook.AddWorksheet("表");
        sheet.Cell(1, 1).Value = "2026 年度台账";
        sheet.Cell(3, 3).Value = "编号";
        sheet.Cell(3, 1).Value = "日期";
        sheet.Cell(3, 2).Value = "数量";
        sheet.Cell(3, 5).Value = "无关列";
        sheet.Cell(4, 3).Value = "示例：LA0001";
        sheet.Cell(5, 3).Value = "田𠮷_x0041_";
        sheet.Cell(5, 1).Value = new DateTime(2026, 3, 1);
        sheet.Cell(5, 2).Value = 12;
        sheet.Cell(7, 3).Value = 7;
        sheet.Cell(7, 1).Value = new DateTime(1999, 12, 31);
        sheet.Cell(7, 1).Style.DateFormat.Format = "yyyy\"年\"m\"月\"d\"日\"";
        sheet.Cell(7, 2).Value = 3.5;
        sheet.Cell(7, 2).Style.NumberFormat.Format = "0.00";
        var rich = sheet.Cell(8, 3).RichText;
        rich.AddText("LA").SetBold();
        rich.AddText("0020");
        sheet.Cell(8, 1).Value = "2026/3/9";
        sheet.Cell(8, 2).Value = "二十";

        var (table, errors) = Open(Save(workbook));
        var rows = table.Rows().ToList();

        Assert.Empty(errors);
        Assert.Equal(3, table.HeaderRow);
        Assert.Equal([5, 7, 8], rows.Select(r => r.Number));
        Assert.Equal("田𠮷_X0041_", rows[0].Code("编号", 20, required: true));
        Assert.Equal(new DateOnly(2026, 3, 1), rows[0].Date("日期", required: true));
        Assert.Equal(12, rows[0].Int("数量", 0, 100));
        Assert.Equal("7", rows[1].Code("编号", 20, required: true));
        Assert.Equal(new DateOnly(1999, 12, 31), rows[1].Date("日期", required: true));
        Assert.Equal(3.5m, rows[1].Decimal("数量"));
        Assert.Equal("LA0020", rows[2].Code("编号", 20, required: true));
        Assert.Equal(new DateOnly(2026, 3, 9), rows[2].Date("日期", required: true));
        Assert.Null(rows[2].Int("数量", 0, 100));
        Assert.Equal(("数量", "二十"), (errors.Single().Column, errors.Single().Value));
    }

    [Fact]
    public void Read_InlineStringsRichRunsPhoneticGuidesIsoDatesAndRowsWithoutNumbers()
    {
        // As other programs write them: no row or cell references, inline strings, an ISO date cell.
        var content = WorkbookBombs.Crafted("""
            <sheetData>
              <row><c t="inlineStr"><is><t>编号</t></is></c><c t="inlineStr"><is><r><t>日</t></r><r><t>期</t></r></is></c><c t="s"><v>0</v></c></row>
              <row><c t="inlineStr"><is><r><t xml:space="preserve">LA </t></r><r><t>0031</t></r><rPh sb="0" eb="1"><t>ラ</t></rPh></is></c><c t="d"><v>2026-04-30T00:00:00</v></c><c t="inlineStr"><is><t>_x005F_x0041_</t></is></c></row>
              <row/>
              <row><c t="b"><v>1</v></c></row>
            </sheetData>
            """);

        var (table, errors) = Open(content, ["编号", "日期", "助理员编号"]);
        var rows = table.Rows().ToList();

        Assert.Empty(errors);
        Assert.Equal(2, rows.Count);
        Assert.Equal("LA0031", rows[0].Code("编号", 20, required: true));
        Assert.Equal(new DateOnly(2026, 4, 30), rows[0].Date("日期", required: true));
        Assert.Equal("_x0041_", rows[0].Text("助理员编号", 20));
        Assert.Equal("TRUE", rows[1].Text("编号", 20));
    }

    [Fact]
    public void Read_HeaderMissing_NamesTheHeadersAndReadsNoFurther()
    {
        var content = new Xlsx().Sheet("表", Xlsx.Row("编号", "日期")).Bytes();
        using var file = WorkbookFile.Open(content, "x.xlsx");
        var errors = new List<ImportError>();

        Assert.Null(SheetTable.Open(file.Sheet("表")!, s_headers, [], errors));

        Assert.Equal("找不到表头，须包含：编号、日期、数量。", errors.Single().Reason);
    }

    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("a_x000D_b", "a\rb")]
    [InlineData("_x005F_x0041_", "_x0041_")]
    [InlineData("_xD842__xDFB7_", "𠮷")]
    [InlineData("_x12_ _xZZZZ_ _x", "_x12_ _xZZZZ_ _x")]
    public void Unescape_ReadsExcelsEscapes(string stored, string meant) =>
        Assert.Equal(meant, WorkbookFile.Unescape(stored));

    private static (SheetTable Table, List<ImportError> Errors) Open(byte[] content, string[]? headers = null)
    {
        var file = WorkbookFile.Open(content, "x.xlsx");
        var errors = new List<ImportError>();
        var table = SheetTable.Open(file.Sheet(file.SheetNames.First())!, headers ?? s_headers, [], errors);
        Assert.NotNull(table);
        return (table, errors);
    }

    private static byte[] Save(XLWorkbook workbook)
    {
        using var stream = new MemoryStream();
        workbook.SaveAs(stream);
        return stream.ToArray();
    }
}
