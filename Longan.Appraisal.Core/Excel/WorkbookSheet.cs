using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Xml;
using Longan.Appraisal.Core.Resources;

namespace Longan.Appraisal.Core.Excel;

/// <summary>One row of a sheet as read: its Excel row number and its non-empty cells by column (1 = A).</summary>
internal sealed record SheetRowCells(long Number, IReadOnlyList<(int Column, CellValue Value)> Cells);

/// <summary>
/// One sheet of an uploaded workbook, read as a stream of rows whenever it is asked for (nothing is
/// kept between reads). Rows and cells must come in order, as Excel writes them; numbers in
/// references must be plain numbers; a cell's reference must agree with its row — anything else is
/// a damaged file. Only the sheet's data is read: column widths, hyperlinks, merged ranges,
/// formats and everything else a sheet may hold are passed over.
/// </summary>
public sealed class WorkbookSheet
{
    private const int SheetColumns = 16_384;
    private readonly WorkbookFile _file;
    private readonly ZipArchiveEntry _entry;

    internal WorkbookSheet(WorkbookFile file, string name, ZipArchiveEntry entry)
    {
        _file = file;
        _entry = entry;
        Name = name;
    }

    public string Name { get; }

    /// <param name="lastRow">Stop after this row number (the header search reads only the top).</param>
    /// <param name="columns">Keep only these columns' values (the rest are counted, not kept).</param>
    /// <param name="count">Count rows and cells against the limits (the full read does; the header search need not).</param>
    internal IEnumerable<SheetRowCells> Rows(long? lastRow = null, IReadOnlySet<int>? columns = null, bool count = true)
    {
        var budget = _file.Budget;
        using var reader = OpenReader();
        var inData = false;
        long row = 0;
        var column = 0;
        List<(int, CellValue)>? cells = null;
        while (Read(reader))
        {
            if (!WorkbookFile.IsMain(reader))
            {
                continue;
            }
            if (reader.NodeType == XmlNodeType.EndElement)
            {
                if (reader.LocalName == "sheetData")
                {
                    yield break;
                }
                if (reader.LocalName == "row" && cells is not null)
                {
                    yield return new SheetRowCells(row, cells);
                    cells = null;
                }
                continue;
            }
            if (reader.NodeType != XmlNodeType.Element)
            {
                continue;
            }
            switch (reader.LocalName)
            {
                case "sheetData":
                    inData = !reader.IsEmptyElement;
                    break;
                case "row" when inData:
                    var number = reader.GetAttribute("r") is { } r ? Number(r) : row + 1;
                    if (number <= row)
                    {
                        throw Damaged();
                    }
                    row = number;
                    if (lastRow is not null && row > lastRow)
                    {
                        yield break;
                    }
                    if (count)
                    {
                        budget.ReachRow(Name, row);
                    }
                    column = 0;
                    cells = [];
                    if (reader.IsEmptyElement)
                    {
                        yield return new SheetRowCells(row, cells);
                        cells = null;
                    }
                    break;
                case "c" when cells is not null:
                    var next = reader.GetAttribute("r") is { } reference ? Column(reference, row) : column + 1;
                    if (next <= column || next > SheetColumns)
                    {
                        throw Damaged();
                    }
                    column = next;
                    if (count)
                    {
                        budget.CountCell();
                    }
                    var value = ReadCell(reader);
                    if (!value.IsEmpty && (columns is null || columns.Contains(column)))
                    {
                        cells.Add((column, value));
                    }
                    break;
            }
        }
    }

    /// <summary>A cell's value: reads the cell's element to its end (its value, or its inline string's text).</summary>
    private CellValue ReadCell(XmlReader reader)
    {
        var type = reader.GetAttribute("t");
        var style = reader.GetAttribute("s") is { } s ? (int)Math.Min(Number(s), int.MaxValue) : 0;
        if (reader.IsEmptyElement)
        {
            return _file.Value(type, null, null, style);
        }
        var depth = reader.Depth;
        string? value = null;
        StringBuilder? inline = null;
        var collecting = (StringBuilder?)null;
        var inPhonetic = false;
        while (Read(reader) && !(reader.NodeType == XmlNodeType.EndElement && reader.Depth == depth))
        {
            if (reader.NodeType == XmlNodeType.Element && WorkbookFile.IsMain(reader))
            {
                switch (reader.LocalName)
                {
                    case "v" when !reader.IsEmptyElement:
                        collecting = new StringBuilder();
                        break;
                    case "is":
                        inline ??= new StringBuilder();
                        break;
                    case "rPh":
                        inPhonetic = !reader.IsEmptyElement;
                        break;
                    case "t" when inline is not null && !inPhonetic && !reader.IsEmptyElement:
                        collecting = inline;
                        break;
                }
            }
            else if (reader.NodeType is XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.Whitespace or XmlNodeType.SignificantWhitespace)
            {
                if (collecting is not null && !WorkbookXml.AppendText(reader, collecting))
                {
                    throw WorkbookFile.Rejected(_file.FileName, Messages.FileCellTooLong(WorkbookLimits.MaxCellText));
                }
            }
            else if (reader.NodeType == XmlNodeType.EndElement && WorkbookFile.IsMain(reader))
            {
                switch (reader.LocalName)
                {
                    case "v":
                        value = collecting?.ToString();
                        collecting = null;
                        break;
                    case "t":
                        collecting = null;
                        break;
                    case "rPh":
                        inPhonetic = false;
                        break;
                }
            }
        }
        return _file.Value(type, value, inline?.ToString(), style);
    }

    private XmlReader OpenReader()
    {
        try
        {
            return WorkbookXml.Open(_entry.Open());
        }
        catch (InvalidDataException)
        {
            throw Damaged();
        }
    }

    /// <summary>The next node, counted; XML that is not, or a part that unpacks to more than the zip directory says, is a damaged file.</summary>
    private bool Read(XmlReader reader)
    {
        try
        {
            if (!reader.Read())
            {
                return false;
            }
        }
        catch (Exception ex) when (ex is XmlException or InvalidDataException)
        {
            throw Damaged();
        }
        _file.Budget.Count(reader);
        return true;
    }

    /// <summary>A row or style number: digits only (" 1048576" is not a number here).</summary>
    private long Number(string text) =>
        text.Length is > 0 and <= 10 && text.All(char.IsAsciiDigit) ? long.Parse(text, NumberStyles.None, CultureInfo.InvariantCulture) : throw Damaged();

    /// <summary>A cell reference's column ("AB12" → 28); its row, when given, must be the cell's row.</summary>
    private int Column(string reference, long row)
    {
        var letters = 0;
        var column = 0;
        while (letters < reference.Length && letters < 3 && reference[letters] is >= 'A' and <= 'Z')
        {
            column = column * 26 + (reference[letters] - 'A' + 1);
            letters++;
        }
        if (letters == 0 || (letters < reference.Length && Number(reference[letters..]) != row))
        {
            throw Damaged();
        }
        return column;
    }

    private ImportRejectedException Damaged() => WorkbookFile.Damaged(_file.FileName);
}
