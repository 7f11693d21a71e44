using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using System.Xml;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Longan.Appraisal.Core.Excel;

/// <summary>
/// One sheet of an <see cref="ExportWorkbook"/>, written row by row, left to right. The look every
/// exported sheet shares: a bold shaded header row with set widths, the header frozen, filters on,
/// and landscape A4 printing fitted to the page width with the header repeated and a title above.
/// Text is always written as text (codes keep their zeros), with the quote prefix where
/// <see cref="SafeCells.NeedsQuotePrefix"/> says so.
/// </summary>
public sealed partial class ExportSheet
{
    // Excel stores a column's width with its cell padding; ClosedXML, which wrote these sheets
    // before, added the same, so widths read back as they always did.
    private const double WidthPadding = 0.710625;

    private static readonly Cell s_cell = new();
    private static readonly DocumentFormat.OpenXml.Spreadsheet.CellValue s_value = new();
    private static readonly InlineString s_inline = new();
    private static readonly Text s_text = new();
    private static readonly Row s_row = new();
    private static readonly OpenXmlAttribute[] s_preserve = [new("xml", "space", "http://www.w3.org/XML/1998/namespace", "preserve")];
    private static readonly OpenXmlAttribute s_inlineType = new("t", "", "inlineStr");

    private readonly Stream _stream;
    private readonly OpenXmlWriter _writer;
    private readonly string _title;
    private readonly List<OpenXmlAttribute> _attributes = new(3);
    private readonly string[] _columnNames;
    private int _row;
    private int _column;
    private bool _finished;

    internal ExportSheet(string name, Stream stream, IReadOnlyList<string> headers, IReadOnlyList<double> widths, string title)
    {
        Name = name;
        Columns = headers.Count;
        _stream = stream;
        _title = title;
        _columnNames = Enumerable.Range(1, Math.Max(Columns, 1)).Select(ColumnName).ToArray();
        _writer = OpenXmlWriter.Create(stream);
        _writer.WriteStartDocument();
        _writer.WriteStartElement(new Worksheet());
        _writer.WriteElement(new SheetProperties(new PageSetupProperties { FitToPage = true }));
        _writer.WriteElement(new SheetViews(new SheetView(
            new Pane { VerticalSplit = 1, TopLeftCell = "A2", ActivePane = PaneValues.BottomLeft, State = PaneStateValues.Frozen },
            new Selection { Pane = PaneValues.BottomLeft, ActiveCell = "A2", SequenceOfReferences = new ListValue<StringValue> { InnerText = "A2" } })
        { WorkbookViewId = 0 }));
        _writer.WriteElement(new SheetFormatProperties { DefaultRowHeight = 15 });
        var columns = new Columns();
        for (var c = 0; c < headers.Count; c++)
        {
            columns.Append(new Column { Min = (uint)(c + 1), Max = (uint)(c + 1), Width = widths[c] + WidthPadding, CustomWidth = true });
        }
        _writer.WriteElement(columns);
        _writer.WriteStartElement(new SheetData());
        Row();
        foreach (var header in headers)
        {
            Text(header, ExportStyle.Header);
        }
    }

    public string Name { get; }

    internal int Columns { get; }

    /// <summary>Rows written below the header.</summary>
    internal int DataRows => Math.Max(0, _row - 1);

    /// <summary>Starts the next row; the cells that follow fill it from column A.</summary>
    public void Row()
    {
        if (_row > 0)
        {
            _writer.WriteEndElement();
        }
        _row++;
        _column = 0;
        _attributes.Clear();
        _attributes.Add(new OpenXmlAttribute("r", "", _row.ToString(CultureInfo.InvariantCulture)));
        _writer.WriteStartElement(s_row, _attributes);
    }

    /// <summary>Leaves cells empty.</summary>
    public void Skip(int cells = 1) => _column += cells;

    /// <summary>Text as text; empty text leaves the cell empty (with its style, so wrapping holds for what is typed in later).</summary>
    public void Text(string? value, ExportStyle style = ExportStyle.General)
    {
        if (string.IsNullOrEmpty(value))
        {
            if (style == ExportStyle.General)
            {
                _column++;
            }
            else
            {
                StartCell((int)style, text: false);
                _writer.WriteEndElement();
            }
            return;
        }
        var s = (int)style;
        if (SafeCells.NeedsQuotePrefix(value))
        {
            s = style == ExportStyle.Wrap ? ExportStyles.QuotedWrap : ExportStyles.QuotedText;
        }
        StartCell(s, text: true);
        _writer.WriteStartElement(s_inline);
        var text = XmlText(value);
        if (text.Length > 0 && (char.IsWhiteSpace(text[0]) || char.IsWhiteSpace(text[^1])))
        {
            _writer.WriteStartElement(s_text, s_preserve);
        }
        else
        {
            _writer.WriteStartElement(s_text);
        }
        _writer.WriteString(text);
        _writer.WriteEndElement();
        _writer.WriteEndElement();
        _writer.WriteEndElement();
    }

    /// <summary>A number (none leaves the cell empty), the style giving its format.</summary>
    public void Number(decimal? value, ExportStyle style = ExportStyle.General)
    {
        if (value is { } v)
        {
            Value(((double)v).ToString("R", CultureInfo.InvariantCulture), style);
        }
        else
        {
            _column++;
        }
    }

    public void Number(int? value, ExportStyle style = ExportStyle.General)
    {
        if (value is { } v)
        {
            Value(v.ToString(CultureInfo.InvariantCulture), style);
        }
        else
        {
            _column++;
        }
    }

    /// <summary>A date or time as Excel stores it (a serial number), shown by <paramref name="style"/>.</summary>
    public void Date(DateTime? value, ExportStyle style = ExportStyle.Date)
    {
        if (value is { } v)
        {
            Value(v.ToOADate().ToString("R", CultureInfo.InvariantCulture), style);
        }
        else
        {
            _column++;
        }
    }

    private void Value(string number, ExportStyle style)
    {
        StartCell((int)style, text: false);
        _writer.WriteStartElement(s_value);
        _writer.WriteString(number);
        _writer.WriteEndElement();
        _writer.WriteEndElement();
    }

    private void StartCell(int style, bool text)
    {
        if (_column >= _columnNames.Length)
        {
            throw new InvalidOperationException($"Sheet {Name} has {Columns} columns.");
        }
        _attributes.Clear();
        _attributes.Add(new OpenXmlAttribute("r", "", _columnNames[_column] + _row.ToString(CultureInfo.InvariantCulture)));
        if (style != 0)
        {
            _attributes.Add(new OpenXmlAttribute("s", "", style.ToString(CultureInfo.InvariantCulture)));
        }
        if (text)
        {
            _attributes.Add(s_inlineType);
        }
        _writer.WriteStartElement(s_cell, _attributes);
        _column++;
    }

    /// <summary>Filter over the header and every row, then the print setup; closes the sheet's part.</summary>
    internal void Finish()
    {
        if (_finished)
        {
            return;
        }
        _finished = true;
        _writer.WriteEndElement(); // the last row
        _writer.WriteEndElement(); // sheetData
        _writer.WriteElement(new AutoFilter { Reference = $"A1:{_columnNames[^1]}{Math.Max(1, _row)}" });
        _writer.WriteElement(new PageMargins { Left = 0.75, Right = 0.75, Top = 0.75, Bottom = 0.5, Header = 0.5, Footer = 0.75 });
        _writer.WriteElement(new PageSetup { PaperSize = 9, Orientation = OrientationValues.Landscape, FitToWidth = 1, FitToHeight = 0 });
        // In a header, & starts a code: a literal one is doubled.
        _writer.WriteElement(new HeaderFooter(new OddHeader("&C" + _title.Replace("&", "&&", StringComparison.Ordinal))));
        _writer.WriteEndElement(); // worksheet
        _writer.Close();
        _stream.Dispose();
    }

    /// <summary>A column's letters: 1 → A, 27 → AA.</summary>
    internal static string ColumnName(int column)
    {
        var name = "";
        for (; column > 0; column = (column - 1) / 26)
        {
            name = (char)('A' + (column - 1) % 26) + name;
        }
        return name;
    }

    /// <summary>
    /// Text as a cell holds it: without the control characters XML cannot hold (they would make the
    /// file unreadable), and with a literal _xHHHH_ escaped as _x005F_xHHHH_ — spreadsheets read
    /// that pattern as an escaped character, so "_x0041_" would otherwise come back as "A".
    /// </summary>
    private static string XmlText(string value)
    {
        if (value.Contains("_x", StringComparison.Ordinal))
        {
            value = EscapeLike().Replace(value, "_x005F$0");
        }
        for (var i = 0; i < value.Length; i++)
        {
            if (!XmlConvert.IsXmlChar(value[i]) && !(char.IsHighSurrogate(value[i]) && i + 1 < value.Length && char.IsLowSurrogate(value[++i])))
            {
                return Clean(value);
            }
        }
        return value;
    }

    private static string Clean(string value)
    {
        var clean = new StringBuilder(value.Length);
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                clean.Append(c).Append(value[++i]);
            }
            else if (XmlConvert.IsXmlChar(c))
            {
                clean.Append(c);
            }
        }
        return clean.ToString();
    }

    [GeneratedRegex("_x[0-9A-Fa-f]{4}_", RegexOptions.CultureInvariant)]
    private static partial Regex EscapeLike();
}
