using System.Globalization;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Xml;
using Longan.Appraisal.Core.Features.Common;
using Longan.Appraisal.Core.Resources;

namespace Longan.Appraisal.Core.Excel;

/// <summary>
/// An uploaded .xlsx, read straight from its zip archive by the portal's own streaming reader —
/// only what an import needs (sheet names, shared strings, which styles are dates, cell values),
/// never the whole workbook object model. Nothing in the file can make the reader build more than
/// it reads: a row numbered a million, a column or hyperlink range over the whole sheet, defined
/// names, nested foreign elements, parts split into pieces — each is ignored or refused, and every
/// read counts against <see cref="WorkbookLimits"/>. (ClosedXML, which writes the exports, loaded
/// whole workbooks and could be driven to gigabytes, minutes of CPU or a stack overflow by a few
/// kilobytes; see the README.)
/// </summary>
public sealed class WorkbookFile : IDisposable
{
    internal const string MainNamespace = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    internal const string StrictNamespace = "http://purl.oclc.org/ooxml/spreadsheetml/main";
    private const string RelationshipsNamespace = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    private const string StrictRelationshipsNamespace = "http://purl.oclc.org/ooxml/officeDocument/relationships";

    private readonly ZipArchive _zip;
    private readonly Dictionary<string, ZipArchiveEntry> _sheets;
    private readonly IReadOnlyList<string> _strings;
    private readonly IReadOnlySet<int> _dateStyles;

    private WorkbookFile(ZipArchive zip, string fileName, string hash, Dictionary<string, ZipArchiveEntry> sheets, IReadOnlyList<string> strings, IReadOnlySet<int> dateStyles, WorkbookBudget budget)
    {
        _zip = zip;
        FileName = fileName;
        ContentHash = hash;
        _sheets = sheets;
        _strings = strings;
        _dateStyles = dateStyles;
        Budget = budget;
    }

    /// <summary>SHA-256 of the bytes: the same file imported twice is recognised.</summary>
    public string ContentHash { get; }

    internal string FileName { get; }

    /// <summary>What has been read so far, against the limits.</summary>
    internal WorkbookBudget Budget { get; }

    /// <summary>The sheets' names, in the workbook's order.</summary>
    public IReadOnlyCollection<string> SheetNames => _sheets.Keys;

    /// <summary>
    /// Opens the bytes as .xlsx or throws <see cref="ImportRejectedException"/> saying, in Chinese,
    /// why not. The zip directory is checked first (<see cref="WorkbookArchive"/>), then the
    /// workbook's sheet list, shared strings and styles are read, each within the limits.
    /// </summary>
    public static WorkbookFile Open(byte[] content, string fileName)
    {
        Reject(!fileName.EndsWith(".xlsx", StringComparison.OrdinalIgnoreCase), fileName, Messages.FileNotXlsx);
        Reject(content.LongLength > WorkbookLimits.MaxBytes, fileName, Messages.FileTooLarge(WorkbookLimits.MaxBytes / 1024 / 1024));
        // An .xlsx is a zip archive: anything else (a renamed .xls, a PDF) is refused without parsing.
        Reject(content.Length < 4 || content[0] != (byte)'P' || content[1] != (byte)'K', fileName, Messages.FileNotXlsx);
        ZipArchive? zip = null;
        try
        {
            zip = new ZipArchive(new MemoryStream(content, writable: false), ZipArchiveMode.Read);
            WorkbookArchive.CheckDirectory(zip.Entries, fileName);
            var budget = new WorkbookBudget(fileName);
            var workbookPart = Targets(zip, "", "_rels/.rels", budget).Where(r => r.Type.EndsWith("/officeDocument", StringComparison.Ordinal)).Select(r => r.Part).FirstOrDefault()
                ?? throw Damaged(fileName);
            var workbook = Entry(zip, workbookPart) ?? throw Damaged(fileName);
            var folder = workbookPart.Contains('/', StringComparison.Ordinal) ? workbookPart[..(workbookPart.LastIndexOf('/') + 1)] : "";
            var related = Targets(zip, folder, folder + "_rels/" + workbookPart[folder.Length..] + ".rels", budget).ToList();
            var sheets = Sheets(zip, workbook, related, budget);
            var strings = related.FirstOrDefault(r => r.Type.EndsWith("/sharedStrings", StringComparison.Ordinal)) is { } s && Entry(zip, s.Part) is { } stringsEntry
                ? SharedStrings(stringsEntry, budget) : [];
            var dateStyles = related.FirstOrDefault(r => r.Type.EndsWith("/styles", StringComparison.Ordinal)) is { } st && Entry(zip, st.Part) is { } stylesEntry
                ? DateStyles(stylesEntry, budget) : new HashSet<int>();
            var file = new WorkbookFile(zip, fileName, Convert.ToHexString(SHA256.HashData(content)), sheets, strings, dateStyles, budget);
            zip = null;
            return file;
        }
        catch (Exception ex) when (ex is InvalidDataException or XmlException)
        {
            // Not a zip, a damaged one, a part that unpacks to more than its directory says, or XML that is not.
            throw Damaged(fileName);
        }
        finally
        {
            zip?.Dispose();
        }
    }

    /// <summary>A sheet by name, or null when the workbook has none of that name.</summary>
    public WorkbookSheet? Sheet(string name) => _sheets.TryGetValue(name, out var entry) ? new WorkbookSheet(this, name, entry) : null;

    /// <summary>
    /// Runs an import's reading of a workbook so that, should the server run short of memory anyway
    /// (the limits keep a file well within what a server has, but several large imports may meet),
    /// the user is told the file is too large and the portal goes on.
    /// </summary>
    public static async Task<T> ReadAsync<T>(string fileName, Func<Task<T>> read)
    {
        try
        {
            return await read();
        }
        catch (OutOfMemoryException)
        {
            throw new ImportRejectedException([ImportError.OfFile(fileName, Messages.FileTooComplex)]);
        }
    }

    public void Dispose() => _zip.Dispose();

    /// <summary>A cell's value from its type, value text and style (how Excel stores it).</summary>
    internal CellValue Value(string? type, string? text, string? inline, int style)
    {
        if (text is null && type != "inlineStr")
        {
            return CellValue.Empty; // A formatted cell with nothing in it, whatever type it claims.
        }
        switch (type)
        {
            case "s":
                return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var index) && index < _strings.Count
                    ? new CellValue(CellKind.Text, _strings[index], 0)
                    : throw Damaged(FileName);
            case "inlineStr":
                return new CellValue(CellKind.Text, Unescape(inline ?? ""), 0);
            case "str":
                return text!.Length <= WorkbookLimits.MaxCellText
                    ? new CellValue(CellKind.Text, Unescape(text), 0)
                    : throw Rejected(FileName, Messages.FileCellTooLong(WorkbookLimits.MaxCellText));
            case "e":
                return new CellValue(CellKind.Error, text ?? "", 0);
            case "b":
                return new CellValue(CellKind.Boolean, text == "1" ? "TRUE" : "FALSE", 0);
            case "d":
                return DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces, out _)
                    ? new CellValue(CellKind.Date, text!, 0)
                    : new CellValue(CellKind.Text, text ?? "", 0);
        }
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
        {
            throw Damaged(FileName);
        }
        // Excel's dates are day numbers shown with a date format; one outside Excel's calendar (to 9999-12-30) stays a number.
        return _dateStyles.Contains(style) && number is >= 0 and < 2958465
            ? new CellValue(CellKind.Date, "", number)
            : new CellValue(CellKind.Number, "", number);
    }

    /// <summary>
    /// Text as Excel means it: characters XML cannot carry, and those some writers escape anyway
    /// (a character outside the basic plane, 田𠮷), are written "_xHHHH_"; "_x005F_" is an underscore.
    /// </summary>
    internal static string Unescape(string text)
    {
        var at = text.IndexOf("_x", StringComparison.Ordinal);
        if (at < 0)
        {
            return text;
        }
        var result = new System.Text.StringBuilder(text.Length);
        var start = 0;
        for (; at >= 0 && at + 7 <= text.Length; at = text.IndexOf("_x", start, StringComparison.Ordinal))
        {
            if (text[at + 6] == '_' && ushort.TryParse(text.AsSpan(at + 2, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var code))
            {
                result.Append(text, start, at - start).Append((char)code);
                start = at + 7;
            }
            else
            {
                result.Append(text, start, at + 2 - start);
                start = at + 2;
            }
        }
        return result.Append(text, start, text.Length - start).ToString();
    }

    internal static ImportRejectedException Damaged(string fileName) => Rejected(fileName, Messages.FileDamaged);

    internal static ImportRejectedException Rejected(string fileName, string reason) =>
        new([ImportError.OfFile(fileName, reason)]);

    private static void Reject(bool when, string fileName, string reason)
    {
        if (when)
        {
            throw Rejected(fileName, reason);
        }
    }

    /// <summary>
    /// Sheet name → its part. Each sheet must be a part of its own, and at most
    /// <see cref="WorkbookLimits.MaxSheets"/>: Excel never shows one part as two sheets.
    /// </summary>
    private static Dictionary<string, ZipArchiveEntry> Sheets(ZipArchive zip, ZipArchiveEntry workbook, IReadOnlyList<Relationship> related, WorkbookBudget budget)
    {
        var parts = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var relationship in related)
        {
            if (!parts.TryAdd(relationship.Id, relationship.Part))
            {
                throw Damaged(budget.FileName); // Two relationships of one id: which part is meant is anyone's guess.
            }
        }
        var sheets = new Dictionary<string, ZipArchiveEntry>(StringComparer.Ordinal);
        var used = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (name, id) in Elements(workbook, "sheet", budget, r => (r.GetAttribute("name") ?? "", r.GetAttribute("id", RelationshipsNamespace) ?? r.GetAttribute("id", StrictRelationshipsNamespace))))
        {
            if (sheets.Count >= WorkbookLimits.MaxSheets)
            {
                throw Rejected(budget.FileName, Messages.FileTooManySheets(WorkbookLimits.MaxSheets));
            }
            if (id is null || !parts.TryGetValue(id, out var part) || !used.Add(part) || Entry(zip, part) is not { } entry)
            {
                throw Damaged(budget.FileName);
            }
            sheets.TryAdd(name, entry);
        }
        return sheets;
    }

    /// <summary>The shared-string table: each item's text (its runs joined, phonetic guides left out).</summary>
    private static IReadOnlyList<string> SharedStrings(ZipArchiveEntry entry, WorkbookBudget budget)
    {
        var strings = new List<string>();
        var text = new System.Text.StringBuilder();
        bool inText = false, inPhonetic = false;
        using var reader = WorkbookXml.Open(entry.Open());
        while (reader.Read())
        {
            budget.Count(reader);
            switch (reader.NodeType)
            {
                case XmlNodeType.Element when IsMain(reader):
                    switch (reader.LocalName)
                    {
                        case "si":
                            if (strings.Count >= WorkbookLimits.MaxSharedStrings)
                            {
                                throw Rejected(budget.FileName, Messages.FileTooComplex);
                            }
                            text.Clear();
                            if (reader.IsEmptyElement)
                            {
                                strings.Add("");
                            }
                            break;
                        case "rPh":
                            inPhonetic = !reader.IsEmptyElement;
                            break;
                        case "t":
                            inText = !reader.IsEmptyElement && !inPhonetic;
                            break;
                    }
                    break;
                case XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.Whitespace or XmlNodeType.SignificantWhitespace when inText:
                    if (!WorkbookXml.AppendText(reader, text))
                    {
                        throw Rejected(budget.FileName, Messages.FileCellTooLong(WorkbookLimits.MaxCellText));
                    }
                    break;
                case XmlNodeType.EndElement when IsMain(reader):
                    switch (reader.LocalName)
                    {
                        case "t":
                            inText = false;
                            break;
                        case "rPh":
                            inPhonetic = false;
                            break;
                        case "si":
                            strings.Add(Unescape(text.ToString()));
                            break;
                    }
                    break;
            }
        }
        return strings;
    }

    /// <summary>Which cell styles (cellXfs indexes) show a date: a built-in date format, or a custom one that formats days or times.</summary>
    private static HashSet<int> DateStyles(ZipArchiveEntry entry, WorkbookBudget budget)
    {
        var custom = new Dictionary<int, bool>();
        var styles = new HashSet<int>();
        using var reader = WorkbookXml.Open(entry.Open());
        var inCellFormats = false;
        var index = 0;
        while (reader.Read())
        {
            budget.Count(reader);
            if (!IsMain(reader))
            {
                continue;
            }
            if (reader.NodeType == XmlNodeType.EndElement && reader.LocalName == "cellXfs")
            {
                inCellFormats = false;
            }
            if (reader.NodeType != XmlNodeType.Element)
            {
                continue;
            }
            switch (reader.LocalName)
            {
                case "numFmt" when int.TryParse(reader.GetAttribute("numFmtId"), NumberStyles.None, CultureInfo.InvariantCulture, out var id):
                    var code = reader.GetAttribute("formatCode") ?? "";
                    custom[id] = code.Length <= WorkbookLimits.MaxFormatCode
                        ? new ExcelNumberFormat.NumberFormat(code) is { IsValid: true, IsDateTimeFormat: true }
                        : throw Damaged(budget.FileName);
                    break;
                case "cellXfs":
                    inCellFormats = !reader.IsEmptyElement;
                    break;
                case "xf" when inCellFormats:
                    if (int.TryParse(reader.GetAttribute("numFmtId"), NumberStyles.None, CultureInfo.InvariantCulture, out var format)
                        && (custom.TryGetValue(format, out var isDate) ? isDate : IsBuiltInDate(format)))
                    {
                        styles.Add(index);
                    }
                    index++;
                    break;
            }
        }
        return styles;
    }

    /// <summary>Excel's built-in date and time formats (14–22, 45–47), and those of the Chinese, Japanese and Korean editions (27–36, 50–58).</summary>
    private static bool IsBuiltInDate(int id) => id is (>= 14 and <= 22) or (>= 27 and <= 36) or (>= 45 and <= 47) or (>= 50 and <= 58);

    internal sealed record Relationship(string Id, string Type, string Part);

    /// <summary>The relationships of a part: its id, type and the part it points to (a target with a fragment is refused).</summary>
    private static IEnumerable<Relationship> Targets(ZipArchive zip, string folder, string relationshipsPart, WorkbookBudget budget)
    {
        if (Entry(zip, relationshipsPart) is not { } entry)
        {
            return [];
        }
        return Elements(entry, "Relationship", budget, r => (r.GetAttribute("TargetMode"), r.GetAttribute("Target"), r.GetAttribute("Id") ?? "", r.GetAttribute("Type") ?? ""))
            .Where(r => r.Item1 != "External" && r.Item2 is not null)
            .Select(r => r.Item2!.IndexOfAny(['#', '?']) >= 0 || r.Item2 != r.Item2.Trim()
                ? throw Damaged(budget.FileName)
                : new Relationship(r.Item3, r.Item4, WorkbookArchive.PartName(r.Item2.StartsWith('/') ? r.Item2 : folder + r.Item2)))
            .ToList();
    }

    /// <summary>The part of that name, exactly (as the package names it: no case, no leading slash); never a part split into pieces.</summary>
    private static ZipArchiveEntry? Entry(ZipArchive zip, string part) => zip.Entries.FirstOrDefault(e => WorkbookArchive.PartName(e.FullName) == part);

    /// <summary>What each element of a local name says, in a small part (relationships, the workbook's sheet list), read as a stream.</summary>
    private static List<T> Elements<T>(ZipArchiveEntry entry, string localName, WorkbookBudget budget, Func<XmlReader, T> read)
    {
        var found = new List<T>();
        using var reader = WorkbookXml.Open(entry.Open());
        while (reader.Read())
        {
            budget.Count(reader);
            if (reader.NodeType == XmlNodeType.Element && reader.LocalName == localName)
            {
                found.Add(read(reader));
            }
        }
        return found;
    }

    internal static bool IsMain(XmlReader reader) => reader.NamespaceURI is MainNamespace or StrictNamespace;

}
