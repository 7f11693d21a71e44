namespace Longan.Appraisal.Core.Excel;

/// <summary>The cell looks an exported sheet may use (each one fixed entry of the workbook's style sheet).</summary>
public enum ExportStyle
{
    General = 0,
    Header = 1,
    /// <summary>Scores: 0.00.</summary>
    Decimal2 = 2,
    /// <summary>Rates 0–1 shown as 0.00%.</summary>
    Percent2 = 3,
    /// <summary>Long text that wraps (说明, comments).</summary>
    Wrap = 4,
    /// <summary>Ballot points: 0.0.</summary>
    Decimal1 = 5,
    Date = 6,
    DateTime = 7,
    /// <summary>A figure below a threshold, shaded (attendance months short of the minimum).</summary>
    Shortfall = 8,
}
