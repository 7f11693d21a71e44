using Longan.Appraisal.Core.Features.Common;

namespace Longan.Appraisal.Core.Excel;

/// <summary>One problem in an uploaded workbook, located as a user finds it in Excel (spec workbooks.md).</summary>
/// <param name="Sheet">The sheet, or the file's name for a problem of the whole file.</param>
/// <param name="Row">The Excel row number (1-based); 0 when the problem is the whole sheet or file.</param>
/// <param name="Value">The cell's value; only its beginning is kept (<see cref="InputText.Quote"/>), so a 10 000-character cell never fills a message.</param>
public sealed record ImportError(string Sheet, int Row, string Column, string? Value, string Reason)
{
    /// <summary>Names come from the file too: cleaned and cut like values, longer.</summary>
    private const int NameLength = 60;

    public string Sheet { get; init; } = InputText.Quote(Sheet, NameLength);

    public string? Value { get; init; } = Value is null ? null : InputText.Quote(Value);

    /// <summary>A problem of the whole file, named by the file's own name (never the folder it was read from).</summary>
    public static ImportError OfFile(string fileName, string reason) => new(Path.GetFileName(fileName), 0, "", null, reason);
}
