using ClosedXML.Excel;

namespace Longan.Appraisal.Core.Excel;

/// <summary>Writing cells the way exports need: text stays text (codes keep their zeros, formulas are never evaluated).</summary>
public static class SafeCells
{
    /// <summary>
    /// Writes text as text. Text that a spreadsheet might read as a formula (= + - @ or a tab in
    /// front) also gets Excel's quote prefix, so Excel, WPS and LibreOffice all show it literally.
    /// </summary>
    public static void Text(IXLCell cell, string? value)
    {
        cell.SetValue(value ?? "");
        cell.DataType = XLDataType.Text;
        if (value is { Length: > 0 } && value[0] is '=' or '+' or '-' or '@' or '\t')
        {
            cell.Style.IncludeQuotePrefix = true;
        }
    }

    /// <summary>A number without its own format (the caller formats the whole column).</summary>
    public static void Number(IXLCell cell, decimal? value)
    {
        if (value is { } v)
        {
            cell.SetValue((double)v);
        }
    }

    public static void Number(IXLCell cell, decimal? value, string format)
    {
        if (value is { } v)
        {
            cell.SetValue((double)v);
            cell.Style.NumberFormat.Format = format;
        }
    }

    public static void Number(IXLCell cell, int? value)
    {
        if (value is { } v)
        {
            cell.SetValue(v);
        }
    }
}
