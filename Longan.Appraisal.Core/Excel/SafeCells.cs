namespace Longan.Appraisal.Core.Excel;

/// <summary>The rule every exported text cell follows: text stays text (codes keep their zeros, formulas are never evaluated).</summary>
public static class SafeCells
{
    /// <summary>
    /// Text that a spreadsheet might read as a formula (= + - @ or a tab in front): written as text,
    /// it also gets Excel's quote prefix, so Excel, WPS and LibreOffice all show it literally
    /// (spec workbooks.md, results export).
    /// </summary>
    public static bool NeedsQuotePrefix(string? value) => value is { Length: > 0 } && value[0] is '=' or '+' or '-' or '@' or '\t';
}
