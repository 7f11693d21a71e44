using System.Globalization;

namespace Longan.Appraisal.Core.Excel;

/// <summary>What kind of value a worksheet cell holds, as Excel stores it.</summary>
public enum CellKind
{
    Empty,
    Text,
    Number,
    /// <summary>A number shown with a date format (Excel's dates are day numbers), or an ISO date cell.</summary>
    Date,
    Boolean,
    /// <summary>A formula's error (#N/A, #VALUE!…), read as its text.</summary>
    Error,
}

/// <summary>One cell of an uploaded workbook: its kind, its text and, for numbers and dates, its number.</summary>
public readonly record struct CellValue(CellKind Kind, string Text, double Number)
{
    public static CellValue Empty { get; } = new(CellKind.Empty, "", 0);

    public bool IsEmpty => Kind == CellKind.Empty || (Kind == CellKind.Text && string.IsNullOrWhiteSpace(Text));

    /// <summary>A date cell as a date (Excel's day number, or an ISO date written as text by other programs).</summary>
    public DateTime AsDate() => Kind == CellKind.Date && Text.Length == 0 ? DateTime.FromOADate(Number)
        : DateTime.Parse(Text, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces);
}
