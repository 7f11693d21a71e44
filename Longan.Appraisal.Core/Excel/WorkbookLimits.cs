namespace Longan.Appraisal.Core.Excel;

/// <summary>What an uploaded workbook may be (spec workbooks.md): checked before anything is parsed.</summary>
public static class WorkbookLimits
{
    public const long MaxBytes = 20L * 1024 * 1024;
    public const int MaxRows = 200_000;

    /// <summary>A row whose first cell begins with this is the template's example and is skipped.</summary>
    public const string ExampleMarker = "示例";
}
