using System.Diagnostics;
using Longan.Appraisal.Core.Excel;
using Longan.Appraisal.Tests.Infrastructure;

namespace Longan.Appraisal.Tests.Core.Excel;

/// <summary>
/// Hostile uploads — both rounds of the security probe — are refused, or read at the cost of what
/// they really hold: decompression bombs from the zip directory (a 1.1 MB file unpacking to
/// 1.17 GB, a 3 MB one with 1.1 GB of shared strings), and small files shaped to make a workbook
/// library build millions of objects, recurse 60 000 levels or load one part many times.
/// </summary>
public sealed class WorkbookFileTests
{
    /// <summary>Far below what loading the bomb took (2.5 GB and an out-of-memory error).</summary>
    private const long MemoryBudget = 300L * 1024 * 1024;

    private const string Damaged = "文件已损坏或不是有效的 .xlsx，无法读取。";

    public static TheoryData<string> Bombs() => new() { "sheet", "strings" };

    [Theory]
    [MemberData(nameof(Bombs))]
    public void Open_Bomb_RefusedFromTheDirectoryInWellUnderASecondAndLittleMemory(string shape)
    {
        var path = shape == "sheet" ? WorkbookBombs.SheetBombPath : WorkbookBombs.SharedStringsBombPath;
        var content = File.ReadAllBytes(path);
        Assert.InRange(content.Length, 500_000, 4_000_000);

        var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        var clock = Stopwatch.StartNew();
        var ex = Assert.Throws<ImportRejectedException>(() => WorkbookFile.Open(content, "评议数据.xlsx"));
        clock.Stop();
        var allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;

        var reason = ex.Errors.Single().Reason;
        Assert.Contains(shape == "sheet" ? "xl/worksheets/sheet1.xml" : "xl/sharedStrings.xml", reason);
        Assert.Contains("可能是恶意构造的压缩文件，已拒绝", reason);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(1), $"refused after {clock.Elapsed.TotalMilliseconds:0} ms");
        Assert.True(allocated < MemoryBudget, $"allocated {allocated / 1024 / 1024} MB");
    }

    [Fact]
    public void Read_ForgedDirectoryUnderstatingTheSheet_RefusedAsDamagedWithoutUnpackingIt()
    {
        // 300 MB of sheet that claims to be 1 MB: within every directory limit, so the zip reader's
        // own check (no part may unpack to more than it declares) must stop it.
        var content = WorkbookBombs.WithDeclaredSheetSize(WorkbookBombs.SheetOfBlanks(300L * 1024 * 1024), 1024 * 1024);

        var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        var ex = Assert.Throws<ImportRejectedException>(() => ReadAll(content));

        Assert.Equal(Damaged, ex.Errors.Single().Reason);
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - allocatedBefore < MemoryBudget);
    }

    [Fact]
    public void Open_PartOverTheRatioButUnderTheSize_Refused()
    {
        // 60 MB of blanks: under the 128 MB part limit, but packed about 1 000 : 1.
        var ex = Assert.Throws<ImportRejectedException>(() => WorkbookFile.Open(WorkbookBombs.SheetOfBlanks(60L * 1024 * 1024), "x.xlsx"));

        Assert.Matches(@"“xl/worksheets/sheet1\.xml”压缩比约为 \d+:1，超过上限 100:1", ex.Errors.Single().Reason);
    }

    [Fact]
    public void Read_MoreCellsThanTheLimit_Refused()
    {
        var content = WorkbookBombs.ManyCells(rows: 110_000, cellsPerRow: 20);

        var ex = Assert.Throws<ImportRejectedException>(() => ReadAll(content));

        Assert.Equal("文件的单元格超过 2000000 个，请删除无关的列或分批导入。", ex.Errors.Single().Reason);
    }

    [Fact]
    public void Read_RowNumberedPastTheLimit_RefusedAtThatRow()
    {
        var ex = Assert.Throws<ImportRejectedException>(() => ReadAll(WorkbookBombs.RowsOutOfOrder()));

        Assert.Equal("文件超过 200000 行，请分批导入。", ex.Errors.Single().Reason);
    }

    public static TheoryData<string> MisnumberedSheets() => new()
    {
        // Rows must come in order, as every spreadsheet program writes them.
        """<sheetData><row r="5"><c r="A5"><v>1</v></c></row><row r="3"><c r="A3"><v>1</v></c></row></sheetData>""",
        // A number with a blank in it is no number (a library that trims it reads row 1 048 576).
        """<sheetData><row r=" 1048576"><c><v>1</v></c></row></sheetData>""",
        """<sheetData><row r="+7"><c><v>1</v></c></row></sheetData>""",
        // A cell's reference must name its own row.
        """<sheetData><row r="1"><c r="A1048576"><v>1</v></c></row></sheetData>""",
        """<sheetData><row r="1"><c r="A 1"><v>1</v></c></row></sheetData>""",
        // Columns in order, and within the sheet's 16 384.
        """<sheetData><row r="1"><c r="C1"><v>1</v></c><c r="A1"><v>1</v></c></row></sheetData>""",
        """<sheetData><row r="1"><c r="XFE1"><v>1</v></c></row></sheetData>""",
        // A shared string that is not in the table; a number that is not one.
        """<sheetData><row r="1"><c r="A1" t="s"><v>99</v></c></row></sheetData>""",
        """<sheetData><row r="1"><c r="A1"><v>1e</v></c></row></sheetData>""",
    };

    [Theory]
    [MemberData(nameof(MisnumberedSheets))]
    public void Read_RowsOrCellsNumberedAsNoSpreadsheetWrites_RefusedAsDamaged(string sheetData)
    {
        var ex = Assert.Throws<ImportRejectedException>(() => ReadAll(WorkbookBombs.Crafted(sheetData)));

        Assert.Equal(Damaged, ex.Errors.Single().Reason);
    }

    [Theory]
    [InlineData("sheet")]
    [InlineData("workbook")]
    public void Read_ElementsNestedSixtyThousandDeep_RefusedAsDamagedWithoutRecursing(string part)
    {
        // 3 KB that overflowed the stack of the workbook library (and took the process with it).
        var content = part == "sheet"
            ? WorkbookBombs.DeeplyNested(60_000)
            : WorkbookBombs.Crafted("<sheetData/>", workbookXml: WorkbookBombs.WorkbookXml.Replace("<sheets>", string.Concat(Enumerable.Repeat("<a>", 60_000)) + string.Concat(Enumerable.Repeat("</a>", 60_000)) + "<sheets>"));
        Assert.True(content.Length < 10_000);

        var ex = Assert.Throws<ImportRejectedException>(() => ReadAll(content));

        Assert.Equal(Damaged, ex.Errors.Single().Reason);
    }

    public static TheoryData<string, string> TargetsWithFragments() => new()
    {
        // Each "#" names the same part again: a library that strips it loads the sheet once per name.
        { "workbook", WorkbookBombs.WorkbookRelationships.Replace("worksheets/sheet1.xml", "worksheets/sheet1.xml#copy") },
        { "workbook", WorkbookBombs.WorkbookRelationships.Replace("worksheets/sheet1.xml", "worksheets/sheet1.xml ") },
        { "workbook", WorkbookBombs.WorkbookRelationships.Replace("worksheets/sheet1.xml", "worksheets/sheet1.xml?x=1") },
        { "root", WorkbookBombs.RootRelationships.Replace("xl/workbook.xml", "xl/workbook.xml#main") },
    };

    [Theory]
    [MemberData(nameof(TargetsWithFragments))]
    public void Open_RelationshipTargetWithFragmentQueryOrBlank_RefusedAsDamaged(string which, string relationships)
    {
        var content = which == "root"
            ? WorkbookBombs.Crafted("<sheetData/>", rootRelationships: relationships)
            : WorkbookBombs.Crafted("<sheetData/>", workbookRelationships: relationships);

        var ex = Assert.Throws<ImportRejectedException>(() => WorkbookFile.Open(content, "x.xlsx"));

        Assert.Equal(Damaged, ex.Errors.Single().Reason);
    }

    [Fact]
    public void Open_SheetStoredInPieces_RefusedAsDamaged()
    {
        // The package format may split a part into "[0].piece", "[1].last.piece"…; no spreadsheet
        // program writes that, and counting each piece apart would let a sheet pass every limit.
        var content = WorkbookBombs.Crafted("""<sheetData><row r="1"><c r="A1"><v>1</v></c></row></sheetData>""", sheetPart: "xl/worksheets/sheet1.xml/[0].last.piece");

        var ex = Assert.Throws<ImportRejectedException>(() => WorkbookFile.Open(content, "x.xlsx"));

        Assert.Equal(Damaged, ex.Errors.Single().Reason);
    }

    [Fact]
    public void Open_OnePartShownAsSeveralSheets_RefusedAsDamaged()
    {
        Assert.Equal(1, ReadAll(WorkbookBombs.OnePartAsManySheets(1)));

        var ex = Assert.Throws<ImportRejectedException>(() => WorkbookFile.Open(WorkbookBombs.OnePartAsManySheets(2), "x.xlsx"));

        Assert.Equal(Damaged, ex.Errors.Single().Reason);
    }

    public static TheoryData<string, string?> RangesOverTheWholeSheet() => new()
    {
        { string.Concat(Enumerable.Repeat("""<cols><col min="1" max="16384" width="9" customWidth="1"/></cols>""", 1)) + OneRow, null },
        { "<cols>" + string.Concat(Enumerable.Repeat("""<col min=" 1" max="16384" width="9"/>""", 18_000)) + "</cols>" + OneRow, null },
        { OneRow + string.Concat(Enumerable.Repeat("""<hyperlinks><hyperlink ref="A1:XFD1048576" r:id="rId9"/></hyperlinks>""", 1)), null },
        { OneRow + """<mergeCells count="1"><mergeCell ref="A1:XFD1048576"/></mergeCells><dataValidations count="1"><dataValidation type="list" sqref="A1:XFD1048576"><formula1>"a,b"</formula1></dataValidation></dataValidations>""", null },
        { OneRow, WorkbookBombs.WorkbookXml.Replace("</sheets>", "</sheets><definedNames>" + string.Concat(Enumerable.Range(0, 100_000).Select(i => $"""<definedName name="n{i}">党员干部评议!$A$1:$XFD$1048576</definedName>""")) + "</definedNames>") },
    };

    [Theory]
    [MemberData(nameof(RangesOverTheWholeSheet))]
    public void Read_ColumnsHyperlinksMergesAndNamesOverTheWholeSheet_PassedOverInAMoment(string sheetXml, string? workbookXml)
    {
        // Each made a workbook library set a million cells or compare every name with every other.
        var content = WorkbookBombs.Crafted(sheetXml, workbookXml: workbookXml);

        var clock = Stopwatch.StartNew();
        var rows = ReadAll(content);

        Assert.Equal(1, rows);
        // A guard against a search that compares every long text with every header (minutes of CPU per
        // upload), not a benchmark: the bound leaves room for a loaded CI machine (2.2–2.7 s were seen at a load of 26 on two cores).
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(15), $"{clock.Elapsed.TotalSeconds:0.0} s");
    }

    public static TheoryData<string, string> TextsLongerThanACell() => new()
    {
        { "shared", "<si><t>" + new string('A', WorkbookLimits.MaxCellText + 1) + "</t></si>" },
        { "inline", "<si><t>x</t></si>" },
    };

    [Theory]
    [MemberData(nameof(TextsLongerThanACell))]
    public void Read_TextLongerThanExcelAllowsInACell_Refused(string where, string sharedStrings)
    {
        // The third probe: one string of a million characters in 49 152 cells took 199 s to clean cell by cell.
        var inline = where == "inline" ? $"""<c t="inlineStr"><is><t>{new string('B', WorkbookLimits.MaxCellText + 1)}</t></is></c>""" : """<c t="s"><v>0</v></c>""";
        var content = WorkbookBombs.Crafted($"""<sheetData><row r="1">{inline}</row></sheetData>""", sharedStrings: sharedStrings);

        var ex = Assert.Throws<ImportRejectedException>(() => ReadAll(content));

        Assert.Equal("文件中有单元格的文字超过 32767 个字符（Excel 的上限），文件已损坏或是恶意构造的，已拒绝。", ex.Errors.Single().Reason);
    }

    [Fact]
    public void Open_LongestTextACellMayHold_UsedInEveryCellOfTheTopRows_HeaderSearchedInAMoment()
    {
        var cells = string.Concat(Enumerable.Repeat("""<c t="s"><v>1</v></c>""", 16_384));
        var content = WorkbookBombs.Crafted(
            $"""<sheetData><row r="1">{cells}</row><row r="2">{cells}</row><row r="3">{cells}</row><row r="4"><c r="A4" t="s"><v>0</v></c></row></sheetData>""",
            sharedStrings: "<si><t>助理员编号</t></si><si><t>" + new string('A', WorkbookLimits.MaxCellText) + "</t></si>");
        using var file = WorkbookFile.Open(content, "x.xlsx");

        var clock = Stopwatch.StartNew();
        var table = SheetTable.Open(file.Sheet("党员干部评议")!, ["助理员编号"], [], []);

        Assert.Equal(4, table!.HeaderRow);
        // A guard against a search that compares every long text with every header (minutes of CPU per
        // upload), not a benchmark: the bound leaves room for a loaded CI machine (2.2–2.7 s were seen at a load of 26 on two cores).
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(15), $"{clock.Elapsed.TotalSeconds:0.0} s");
    }

    [Fact]
    public void Read_MillionsOfInventedElementNames_RefusedAsDamaged()
    {
        var names = string.Concat(Enumerable.Range(0, WorkbookLimits.MaxXmlNames + 10).Select(i => $"<n{i}/>"));
        var content = WorkbookBombs.Crafted($"""<x xmlns="urn:x">{names}</x><sheetData/>""");

        var ex = Assert.Throws<ImportRejectedException>(() => ReadAll(content));

        Assert.Equal(Damaged, ex.Errors.Single().Reason);
    }

    [Fact]
    public void Open_TwoRelationshipsOfOneId_RefusedAsDamaged_NotAnEnglishError()
    {
        var relationships = WorkbookBombs.WorkbookRelationships.Replace("Id=\"rId2\"", "Id=\"rId1\"", StringComparison.Ordinal);

        var ex = Assert.Throws<ImportRejectedException>(() => WorkbookFile.Open(WorkbookBombs.Crafted("<sheetData/>", workbookRelationships: relationships), "x.xlsx"));

        Assert.Equal(Damaged, ex.Errors.Single().Reason);
    }

    [Fact]
    public void Open_TwoPartsOfOneNameInAnotherCase_RefusedAsDamaged()
    {
        var content = WorkbookBombs.Crafted("<sheetData/>", extra: ("XL/Worksheets/SHEET1.xml", "<worksheet/>"u8.ToArray()));

        var ex = Assert.Throws<ImportRejectedException>(() => WorkbookFile.Open(content, "x.xlsx"));

        Assert.Equal(Damaged, ex.Errors.Single().Reason);
    }

    [Fact]
    public void Read_DayNumberPastExcelsCalendar_StaysANumber_NoCrash()
    {
        var styles = """<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="14"/></cellXfs></styleSheet>""";
        var relationships = WorkbookBombs.WorkbookRelationships.Replace("</Relationships>", """<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>""", StringComparison.Ordinal);
        var content = WorkbookBombs.Crafted("""<sheetData><row r="1"><c r="A1" s="1"><v>2958465.9999999995</v></c><c r="B1" s="1"><v>46082</v></c></row></sheetData>""",
            workbookRelationships: relationships, extra: ("xl/styles.xml", System.Text.Encoding.UTF8.GetBytes(styles)));
        using var file = WorkbookFile.Open(content, "x.xlsx");

        var cells = file.Sheet("党员干部评议")!.Rows().Single().Cells;

        Assert.Equal(CellKind.Number, cells[0].Value.Kind);
        Assert.Equal((CellKind.Date, new DateTime(2026, 3, 1)), (cells[1].Value.Kind, cells[1].Value.AsDate()));
    }

    [Fact]
    public void Open_NumberFormatLongerThanExcelAllows_RefusedAsDamaged()
    {
        var styles = $"""<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts count="1"><numFmt numFmtId="200" formatCode="{new string('y', 10_000)}"/></numFmts><cellXfs count="1"><xf numFmtId="200"/></cellXfs></styleSheet>""";
        var relationships = WorkbookBombs.WorkbookRelationships.Replace("</Relationships>", """<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>""", StringComparison.Ordinal);

        var ex = Assert.Throws<ImportRejectedException>(() => WorkbookFile.Open(
            WorkbookBombs.Crafted("<sheetData/>", workbookRelationships: relationships, extra: ("xl/styles.xml", System.Text.Encoding.UTF8.GetBytes(styles))), "x.xlsx"));

        Assert.Equal(Damaged, ex.Errors.Single().Reason);
    }

    [Fact]
    public void Open_MoreSharedStringsThanAnyRealFile_Refused()
    {
        var ex = Assert.Throws<ImportRejectedException>(() => WorkbookFile.Open(WorkbookBombs.ManySharedStrings((int)WorkbookLimits.MaxSharedStrings + 1), "x.xlsx"));

        Assert.Equal("文件过大或过于复杂，服务器无法读取，请分批导入。", ex.Errors.Single().Reason);
    }

    [Fact]
    public void Open_PartNamedWithControlCharacters_TheMessageQuotesItClean()
    {
        var ex = Assert.Throws<ImportRejectedException>(() => WorkbookFile.Open(WorkbookBombs.WithBombPartNamed("\u001b[2J\u001b[31m\u202eFAKE.xml"), "/uploads/\u202e评议数据.xlsx"));

        var error = ex.Errors.Single();
        Assert.Contains("“[2J[31mFAKE.xml”", error.Reason);
        Assert.DoesNotContain(error.Reason + error.Sheet, c => char.IsControl(c) || c == '\u202e');
        Assert.Equal("评议数据.xlsx", error.Sheet);
    }

    [Fact]
    public void Read_CountsRowsAndCellsAsTheSheetHoldsThem()
    {
        using var file = WorkbookFile.Open(WorkbookBombs.ManyCells(rows: 1_000, cellsPerRow: 3), "x.xlsx");

        var rows = file.Sheet("党员干部评议")!.Rows().ToList();

        Assert.Equal(1_000, rows.Count);
        Assert.Equal(3_000, rows.Sum(r => r.Cells.Count));
        Assert.Equal(Enumerable.Range(1, 1_000), rows.Select(r => (int)r.Number));
    }

    [Fact]
    public void Open_NotAZipAtAll_RefusedAsDamaged()
    {
        var ex = Assert.Throws<ImportRejectedException>(() => WorkbookFile.Open("PK\u0003\u0004 not really a zip"u8.ToArray(), "x.xlsx"));

        Assert.Equal(Damaged, ex.Errors.Single().Reason);
    }

    private const string OneRow = """<sheetData><row r="1"><c r="A1" t="s"><v>0</v></c></row></sheetData>""";

    /// <summary>Opens the file and reads every sheet as an import does; the number of rows read.</summary>
    private static int ReadAll(byte[] content)
    {
        using var file = WorkbookFile.Open(content, "x.xlsx");
        return file.SheetNames.Sum(name => file.Sheet(name)!.Rows().Count());
    }
}
