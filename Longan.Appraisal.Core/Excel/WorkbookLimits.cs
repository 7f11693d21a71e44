namespace Longan.Appraisal.Core.Excel;

/// <summary>
/// What an uploaded workbook may be (spec workbooks.md: 20 MB, 200 000 rows), checked before
/// anything is parsed, what its zip archive may unpack to (<see cref="WorkbookArchive"/>) and what
/// its parts may hold as they are read (<see cref="WorkbookBudget"/>).
/// The unpacking limits are far above any real workbook within the row limit — 200 000 rows of
/// 党组织评议 (eight columns, a different comment in every row) is an 8.5 MB file whose sheet
/// unpacks to 85 MB at 11.6 : 1 and whose shared strings to 29 MB at 25.6 : 1 — and far below a
/// decompression bomb (1 000 : 1, gigabytes).
/// </summary>
public static class WorkbookLimits
{
    public const long MaxBytes = 20L * 1024 * 1024;
    public const int MaxRows = 200_000;

    /// <summary>Parts (files) in the archive; a workbook has a few dozen.</summary>
    public const int MaxParts = 1_000;

    /// <summary>One part, unpacked (a sheet, the shared strings).</summary>
    public const long MaxPartBytes = 128L * 1024 * 1024;

    /// <summary>All parts together, unpacked.</summary>
    public const long MaxUnpackedBytes = 256L * 1024 * 1024;

    /// <summary>Unpacked size to packed size of any part over <see cref="RatioCheckedFromBytes"/>.</summary>
    public const int MaxCompressionRatio = 100;

    /// <summary>Small parts (styles, a blank sheet) may compress better than any limit and harm nobody.</summary>
    public const long RatioCheckedFromBytes = 1024 * 1024;

    /// <summary>Cells in all sheets: 200 000 rows of ten columns.</summary>
    public const long MaxCells = 2_000_000;

    /// <summary>Sheets in the workbook; each must be a part of its own.</summary>
    public const int MaxSheets = 200;

    /// <summary>Distinct texts in the shared-string table: a different ticket number and comment on each of 200 000 rows, and room to spare.</summary>
    public const long MaxSharedStrings = 600_000;

    /// <summary>How deep XML elements may nest: a cell's inline rich text is six levels down; a stack of thousands is an attack.</summary>
    public const int MaxDepth = 32;

    /// <summary>XML elements in all parts read together (the largest real file above has about 4.2 million).</summary>
    public const long MaxElements = 20_000_000;

    /// <summary>Characters in one cell: Excel's own limit. A longer text (a shared string of a million characters) is no spreadsheet's.</summary>
    public const int MaxCellText = 32_767;

    /// <summary>Distinct XML element and attribute names in one part: a workbook uses a few hundred.</summary>
    public const int MaxXmlNames = 10_000;

    /// <summary>Characters in a number format: Excel's own limit.</summary>
    public const int MaxFormatCode = 255;

    /// <summary>A row whose first cell begins with this is the template's example and is skipped.</summary>
    public const string ExampleMarker = "示例";
}
