using System.Globalization;
using Longan.Appraisal.Core.Features.Common;
using Longan.Appraisal.Core.Resources;

namespace Longan.Appraisal.Core.Excel;

/// <summary>
/// A sheet read by header text (any column order, extra columns ignored, title rows above the
/// header allowed), with typed cell readers that report problems as <see cref="ImportError"/>s.
/// Only the header's columns are kept in memory, one value per cell.
/// </summary>
public sealed class SheetTable
{
    private const int HeaderSearchRows = 20;

    /// <summary>A header is a short label: longer cells in the top rows are not even cleaned to be compared.</summary>
    private const int HeaderLength = 64;
    private readonly string _name;
    private readonly Dictionary<string, int> _columns;
    private readonly List<(int Number, CellValue[] Cells)> _rows;
    private readonly List<ImportError> _errors;

    private SheetTable(string name, Dictionary<string, int> columns, int headerRow, List<(int, CellValue[])> rows, List<ImportError> errors)
    {
        _name = name;
        _columns = columns;
        HeaderRow = headerRow;
        _rows = rows;
        _errors = errors;
    }

    public string Name => _name;

    public int HeaderRow { get; }

    /// <summary>Finds the header row (the first with every required header) and reads the rows below it, or records why the sheet cannot be read.</summary>
    public static SheetTable? Open(WorkbookSheet sheet, IReadOnlyList<string> required, IReadOnlyList<string> optional, List<ImportError> errors)
    {
        foreach (var row in sheet.Rows(lastRow: HeaderSearchRows))
        {
            var columns = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var (column, value) in row.Cells)
            {
                if (value.Text.Length > HeaderLength)
                {
                    continue;
                }
                var text = Text(value).Trim();
                if ((required.Contains(text) || optional.Contains(text)) && !columns.ContainsKey(text))
                {
                    columns[text] = column;
                }
            }
            if (required.All(columns.ContainsKey))
            {
                return new SheetTable(sheet.Name, columns, (int)row.Number, ReadBelow(sheet, columns, (int)row.Number), errors);
            }
        }
        errors.Add(new ImportError(sheet.Name, 0, string.Join("、", required), null, Messages.SheetHeadersMissing(string.Join("、", required))));
        return null;
    }

    /// <summary>The rows under the header: the header's columns only, rows with nothing in them left out.</summary>
    private static List<(int, CellValue[])> ReadBelow(WorkbookSheet sheet, Dictionary<string, int> columns, int headerRow)
    {
        var index = columns.Values.Distinct().Order().Select((column, i) => (column, i)).ToDictionary(x => x.column, x => x.i);
        var rows = new List<(int, CellValue[])>();
        foreach (var row in sheet.Rows(columns: index.Keys.ToHashSet()))
        {
            if (row.Number <= headerRow || row.Cells.Count == 0)
            {
                continue;
            }
            var cells = new CellValue[index.Count];
            Array.Fill(cells, CellValue.Empty);
            foreach (var (column, value) in row.Cells)
            {
                cells[index[column]] = value;
            }
            rows.Add(((int)row.Number, cells));
        }
        // Columns are addressed by header through this map.
        foreach (var header in columns.Keys.ToList())
        {
            columns[header] = index[columns[header]];
        }
        return rows;
    }

    /// <summary>Data rows below the header, skipping empty rows and the template's example row.</summary>
    public IEnumerable<SheetRow> Rows()
    {
        foreach (var (number, cells) in _rows)
        {
            if (cells.All(c => c.IsEmpty))
            {
                continue;
            }
            if (cells.Any(c => c.Kind == CellKind.Text && c.Text.AsSpan().TrimStart().StartsWith(WorkbookLimits.ExampleMarker, StringComparison.Ordinal)))
            {
                continue;
            }
            yield return new SheetRow(this, number, cells);
        }
    }

    internal bool Has(string header) => _columns.ContainsKey(header);

    internal int Index(string header) => _columns[header];

    internal void Error(int row, string header, string? value, string reason) => _errors.Add(new ImportError(Name, row, header, value, reason));

    /// <summary>A cell as text, cleaned as every way in cleans it (<see cref="InputText"/>); "" when blank.</summary>
    internal static string Text(CellValue cell) => cell.Kind switch
    {
        // Codes typed as numbers come back without ".0" (a code like 007 must be typed as text to keep its zeros).
        CellKind.Number => cell.Number.ToString("0.##########", CultureInfo.InvariantCulture),
        CellKind.Date => cell.AsDate().ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        CellKind.Empty => "",
        _ => InputText.Text(cell.Text, multiline: true) ?? "",
    };
}

/// <summary>One data row: read a column as text, number or date; problems are recorded with the row and column.</summary>
public sealed partial class SheetRow(SheetTable table, int row, CellValue[] cells)
{
    /// <summary>The columns of this row already reported (a rule's error about the same field would say it twice).</summary>
    private HashSet<string>? _failed;

    [System.Text.RegularExpressions.GeneratedRegex(@"^\d{4}[-/]\d{1,2}[-/]\d{1,2}$")]
    private static partial System.Text.RegularExpressions.Regex DateShape();

    public int Number => row;

    public string Sheet => table.Name;

    /// <summary>Optional text of at most <paramref name="maxLength"/> characters; null (with an error) when longer.</summary>
    /// <param name="multiline">The field keeps line breaks (a comment); elsewhere they become spaces, as in the forms.</param>
    public string? Text(string header, int maxLength, bool multiline = false) => Limit(header, InputText.Text(Raw(header, maxLength), multiline), maxLength);

    /// <summary>Required text of at most <paramref name="maxLength"/> characters.</summary>
    public string? RequiredText(string header, int maxLength, bool multiline = false) => Limit(header, InputText.Text(Required(header, maxLength), multiline), maxLength);

    /// <summary>A code or ticket number (编号, 票号), in the one form codes are compared and stored in (<see cref="InputText.Code"/>).</summary>
    public string? Code(string header, int maxLength, bool required) => Limit(header, InputText.Code(required ? Required(header, maxLength) : Raw(header, maxLength)), maxLength);

    /// <summary>A number, date or choice is short: anything longer is refused before it is cleaned.</summary>
    private const int ShortValue = 64;

    /// <summary>
    /// The cell as text; a cell far longer than the field may hold is reported as too long at once,
    /// without cleaning the whole of it (a cell may hold 32 767 characters, a 票号 20).
    /// </summary>
    private string? Raw(string header, int maxLength = ShortValue)
    {
        if (!table.Has(header))
        {
            return null;
        }
        var cell = cells[table.Index(header)];
        if (cell.Text.Length > maxLength * 4 + 64)
        {
            Error(header, cell.Text, Messages.FieldTooLong(header, maxLength));
            return null;
        }
        var text = SheetTable.Text(cell);
        return text.Length == 0 ? null : text;
    }

    private string? Required(string header, int maxLength = ShortValue)
    {
        if (table.Has(header) && cells[table.Index(header)].Text.Length > maxLength * 4 + 64)
        {
            return Raw(header, maxLength);
        }
        var text = Raw(header, maxLength);
        if (text is null)
        {
            Error(header, null, Messages.CellRequired(header));
        }
        return text;
    }

    private string? Limit(string header, string? text, int maxLength)
    {
        if (text is not null && text.Length > maxLength)
        {
            Error(header, text, Messages.FieldTooLong(header, maxLength));
            return null;
        }
        return text;
    }

    public int? Int(string header, int min, int max, bool required = true)
    {
        var text = Raw(header);
        if (text is null)
        {
            if (required)
            {
                Error(header, null, Messages.CellRequired(header));
            }
            return null;
        }
        if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) || value < min || value > max)
        {
            Error(header, text, Messages.CellNotWholeNumber(min, max));
            return null;
        }
        return value;
    }

    public decimal? Decimal(string header)
    {
        var text = Raw(header);
        if (text is null)
        {
            Error(header, null, Messages.CellRequired(header));
            return null;
        }
        if (!decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var value))
        {
            Error(header, text, Messages.CellNotNumber);
            return null;
        }
        return value;
    }

    /// <summary>A date as an Excel date or text yyyy-MM-dd.</summary>
    public DateOnly? Date(string header, bool required)
    {
        if (!table.Has(header))
        {
            return null;
        }
        var cell = cells[table.Index(header)];
        if (cell.Kind == CellKind.Date)
        {
            return DateOnly.FromDateTime(cell.AsDate());
        }
        var text = Raw(header);
        if (text is null)
        {
            if (required)
            {
                Error(header, null, Messages.CellRequired(header));
            }
            return null;
        }
        if (DateOnly.TryParseExact(text, ["yyyy-MM-dd", "yyyy/M/d", "yyyy-M-d"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }
        Error(header, text, DateShape().IsMatch(text) ? Messages.CellNoSuchDate : Messages.CellNotDate);
        return null;
    }

    /// <summary>A month as an Excel date or text yyyy-MM (the first day of it).</summary>
    public DateOnly? Month(string header)
    {
        var cell = cells[table.Index(header)];
        if (cell.Kind == CellKind.Date)
        {
            var d = cell.AsDate();
            return new DateOnly(d.Year, d.Month, 1);
        }
        var text = Raw(header);
        if (text is null)
        {
            Error(header, null, Messages.CellRequired(header));
            return null;
        }
        if (DateOnly.TryParseExact(text, ["yyyy-MM", "yyyy-M", "yyyy/M"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var month))
        {
            return month;
        }
        Error(header, text, Messages.CellNotMonth);
        return null;
    }

    /// <summary>One of the allowed words (a drop-down column).</summary>
    public T? Choice<T>(string header, IReadOnlyDictionary<string, T> choices, bool required) where T : struct
    {
        var text = Raw(header);
        if (text is null)
        {
            if (required)
            {
                Error(header, null, Messages.CellRequired(header));
            }
            return null;
        }
        if (choices.TryGetValue(text, out var value))
        {
            return value;
        }
        Error(header, text, Messages.CellNotAChoice(string.Join("、", choices.Keys)));
        return null;
    }

    public void Error(string header, string? value, string reason)
    {
        (_failed ??= new HashSet<string>(StringComparer.Ordinal)).Add(header);
        table.Error(row, header, value, reason);
    }

    /// <summary>
    /// Reports the errors of the rules an entry's input checks itself (its <c>Check()</c>, the same
    /// that the form and the service run), each at the column that holds its field; an error about a
    /// field whose cell could not be read is left out, as the cell's own error already says why.
    /// </summary>
    /// <param name="columns">The sheet's column for each field of the input.</param>
    public void Report(IEnumerable<FieldError> errors, IReadOnlyDictionary<string, string> columns)
    {
        foreach (var error in errors)
        {
            // Every field an input checks has its column; a field without one is reported against the row.
            var header = columns.GetValueOrDefault(error.Field, "");
            if (_failed?.Contains(header) != true)
            {
                Error(header, Shown(header), error.Message);
            }
        }
    }

    /// <summary>A cell's value as a message quotes it (only cells that were read, so never an over-long one).</summary>
    private string? Shown(string header) =>
        table.Has(header) && SheetTable.Text(cells[table.Index(header)]) is { Length: > 0 } text ? text : null;
}
