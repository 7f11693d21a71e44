using System.Diagnostics;
using Longan.Appraisal.Core.Excel;
using Longan.Appraisal.Tests.Infrastructure;

namespace Longan.Appraisal.Tests.Core.Excel;

/// <summary>
/// Decompression bombs and oversized workbooks are refused from the zip directory, before the
/// workbook library sees them (the security probe's two shapes: a 1.1 MB file unpacking to
/// 1.17 GB, a 3 MB one with 1.1 GB of shared strings).
/// </summary>
public sealed class WorkbookArchiveTests
{
    /// <summary>Far below what loading the bomb took (2.5 GB and an out-of-memory error).</summary>
    private const long MemoryBudget = 300L * 1024 * 1024;

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
    public void Open_ForgedDirectoryUnderstatingTheSheet_RefusedAsDamagedWithoutUnpackingIt()
    {
        // 300 MB of sheet that claims to be 1 MB: within every directory limit, so the zip reader's
        // own check (no part may unpack to more than it declares) must stop it.
        var content = WorkbookBombs.WithDeclaredSheetSize(WorkbookBombs.SheetOfBlanks(300L * 1024 * 1024), 1024 * 1024);

        var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        var ex = Assert.Throws<ImportRejectedException>(() => WorkbookFile.Open(content, "评议数据.xlsx"));

        Assert.Equal("文件已损坏或不是有效的 .xlsx，无法读取。", ex.Errors.Single().Reason);
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
    public void Open_MoreCellsThanTheLimit_RefusedBeforeLoading()
    {
        var content = WorkbookBombs.ManyCells(rows: 110_000, cellsPerRow: 20);

        var ex = Assert.Throws<ImportRejectedException>(() => WorkbookFile.Open(content, "x.xlsx"));

        Assert.Equal("文件的单元格超过 2000000 个，请删除无关的列或分批导入。", ex.Errors.Single().Reason);
    }

    [Fact]
    public void Open_HighestRowFirst_CountedByItsNumber_Refused()
    {
        var ex = Assert.Throws<ImportRejectedException>(() => WorkbookFile.Open(WorkbookBombs.RowsOutOfOrder(), "x.xlsx"));

        Assert.Equal("文件超过 200000 行，请分批导入。", ex.Errors.Single().Reason);
    }

    [Fact]
    public void Open_OnePartShownAsSeveralSheets_RefusedAsDamaged()
    {
        using (WorkbookFile.Open(WorkbookBombs.OnePartAsManySheets(1), "x.xlsx"))
        {
            // One sheet per part is a workbook like any other.
        }

        var ex = Assert.Throws<ImportRejectedException>(() => WorkbookFile.Open(WorkbookBombs.OnePartAsManySheets(2), "x.xlsx"));

        Assert.Equal("文件已损坏或不是有效的 .xlsx，无法读取。", ex.Errors.Single().Reason);
    }

    [Fact]
    public void Open_ColumnDefinitionsCoveringTheSheetManyTimes_RefusedBeforeLoading()
    {
        var clock = Stopwatch.StartNew();
        var ex = Assert.Throws<ImportRejectedException>(() => WorkbookFile.Open(WorkbookBombs.RepeatedColumns(18_000), "x.xlsx"));

        Assert.Equal("文件已损坏或不是有效的 .xlsx，无法读取。", ex.Errors.Single().Reason);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"{clock.Elapsed.TotalSeconds:0.0} s");
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
    public void Inspect_CountsRowsAndCellsAsTheSheetsHoldThem()
    {
        var contents = WorkbookArchive.Inspect(WorkbookBombs.ManyCells(rows: 1_000, cellsPerRow: 3), "x.xlsx");

        Assert.Equal(1_000, contents.Rows);
        Assert.Equal(3_000, contents.Cells);
    }

    [Fact]
    public void Open_OrdinaryWorkbook_Opens()
    {
        var content = new Xlsx().Sheet("党员干部评议", Xlsx.Row("助理员编号", "等次"), Xlsx.Row("LA0020", "称职")).Bytes();

        using var file = WorkbookFile.Open(content, "评议数据.xlsx");

        Assert.NotNull(file.Sheet("党员干部评议"));
    }

    [Fact]
    public void Open_NotAZipAtAll_RefusedAsDamaged()
    {
        var ex = Assert.Throws<ImportRejectedException>(() => WorkbookFile.Open("PK\u0003\u0004 not really a zip"u8.ToArray(), "x.xlsx"));

        Assert.Equal("文件已损坏或不是有效的 .xlsx，无法读取。", ex.Errors.Single().Reason);
    }
}
