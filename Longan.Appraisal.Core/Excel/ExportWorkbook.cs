using System.IO.Compression;
using System.Text;
using System.Xml;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Longan.Appraisal.Core.Excel;

/// <summary>
/// Writes an .xlsx straight to a stream, one row at a time, so a county of any size costs the
/// memory of one row (issue 14): each sheet's XML goes through DocumentFormat.OpenXml's
/// <see cref="OpenXmlWriter"/> into its zip entry as it is produced. The package is assembled with
/// <see cref="ZipArchive"/> in create mode rather than System.IO.Packaging, whose read-write mode
/// keeps every part in memory until the end and whose write-only mode the SDK cannot use; that also
/// lets the file go to a stream that cannot seek (a response body).
/// Sheets are written one after the other; <see cref="Dispose"/> writes the workbook part with
/// the names a printout and a filter need, and closes the file.
/// </summary>
public sealed class ExportWorkbook : IDisposable
{
    private const string MainNs = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    private const string RelNs = "http://schemas.openxmlformats.org/package/2006/relationships";
    private const string DocRelNs = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

    private readonly ZipArchive _zip;
    private readonly List<(string Name, int Rows, int Columns)> _sheets = [];
    private ExportSheet? _open;
    private bool _disposed;

    private ExportWorkbook(Stream destination) => _zip = new ZipArchive(destination, ZipArchiveMode.Create, leaveOpen: true, Encoding.UTF8);

    /// <summary>A workbook written to <paramref name="destination"/> (left open; it need not seek).</summary>
    public static ExportWorkbook Create(Stream destination) => new(destination);

    /// <summary>
    /// Starts the next sheet (finishing the one before) with its bold shaded header row and set
    /// column widths — no GDI on servers, so no automatic fitting: a CJK character is about two units.
    /// </summary>
    public ExportSheet AddSheet(string name, IReadOnlyList<string> headers, IReadOnlyList<double> widths, string title)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        FinishOpenSheet();
        var entry = _zip.CreateEntry($"xl/worksheets/sheet{_sheets.Count + 1}.xml", CompressionLevel.Fastest);
        _open = new ExportSheet(name, entry.Open(), headers, widths, title);
        return _open;
    }

    private void FinishOpenSheet()
    {
        if (_open is { } sheet)
        {
            sheet.Finish();
            _sheets.Add((sheet.Name, sheet.DataRows, sheet.Columns));
            _open = null;
        }
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }
        _disposed = true;
        try
        {
            FinishOpenSheet();
            WritePart("xl/workbook.xml", Workbook());
            WritePart("xl/styles.xml", ExportStyles.Stylesheet());
            WriteXml("xl/_rels/workbook.xml.rels", w =>
            {
                w.WriteStartElement("Relationships", RelNs);
                for (var i = 1; i <= _sheets.Count; i++)
                {
                    Relationship(w, $"rId{i}", $"{DocRelNs}/worksheet", $"worksheets/sheet{i}.xml");
                }
                Relationship(w, $"rId{_sheets.Count + 1}", $"{DocRelNs}/styles", "styles.xml");
                w.WriteEndElement();
            });
            WriteXml("_rels/.rels", w =>
            {
                w.WriteStartElement("Relationships", RelNs);
                Relationship(w, "rId1", $"{DocRelNs}/officeDocument", "xl/workbook.xml");
                w.WriteEndElement();
            });
            WriteXml("[Content_Types].xml", w =>
            {
                const string ns = "http://schemas.openxmlformats.org/package/2006/content-types";
                w.WriteStartElement("Types", ns);
                Default(w, ns, "rels", "application/vnd.openxmlformats-package.relationships+xml");
                Default(w, ns, "xml", "application/xml");
                Override(w, ns, "/xl/workbook.xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml");
                Override(w, ns, "/xl/styles.xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml");
                for (var i = 1; i <= _sheets.Count; i++)
                {
                    Override(w, ns, $"/xl/worksheets/sheet{i}.xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml");
                }
                w.WriteEndElement();
            });
        }
        finally
        {
            _zip.Dispose();
        }
    }

    /// <summary>
    /// The sheets in order, and per sheet the filter's range and the header row repeated on every
    /// printed page (Excel keeps both as reserved defined names).
    /// </summary>
    private Workbook Workbook()
    {
        var sheets = new Sheets();
        var names = new DefinedNames();
        for (var i = 0; i < _sheets.Count; i++)
        {
            var (name, rows, columns) = _sheets[i];
            sheets.Append(new Sheet { Name = name, SheetId = (uint)(i + 1), Id = $"rId{i + 1}" });
            var quoted = "'" + name.Replace("'", "''", StringComparison.Ordinal) + "'";
            names.Append(new DefinedName($"{quoted}!$A$1:${ExportSheet.ColumnName(columns)}${Math.Max(1, rows + 1)}")
            {
                Name = "_xlnm._FilterDatabase", LocalSheetId = (uint)i, Hidden = true,
            });
            names.Append(new DefinedName($"{quoted}!$1:$1") { Name = "_xlnm.Print_Titles", LocalSheetId = (uint)i });
        }
        var workbook = new Workbook(new BookViews(new WorkbookView()), sheets, names);
        workbook.AddNamespaceDeclaration("r", DocRelNs);
        return workbook;
    }

    private void WritePart(string path, OpenXmlPartRootElement root)
    {
        using var stream = _zip.CreateEntry(path, CompressionLevel.Fastest).Open();
        using var writer = OpenXmlWriter.Create(stream);
        writer.WriteStartDocument();
        writer.WriteElement(root);
        writer.Close();
    }

    private void WriteXml(string path, Action<XmlWriter> write)
    {
        using var stream = _zip.CreateEntry(path, CompressionLevel.Fastest).Open();
        using var writer = XmlWriter.Create(stream, new XmlWriterSettings { Encoding = new UTF8Encoding(false) });
        writer.WriteStartDocument(standalone: true);
        write(writer);
        writer.WriteEndDocument();
    }

    private static void Relationship(XmlWriter w, string id, string type, string target)
    {
        w.WriteStartElement("Relationship", RelNs);
        w.WriteAttributeString("Id", id);
        w.WriteAttributeString("Type", type);
        w.WriteAttributeString("Target", target);
        w.WriteEndElement();
    }

    private static void Default(XmlWriter w, string ns, string extension, string type)
    {
        w.WriteStartElement("Default", ns);
        w.WriteAttributeString("Extension", extension);
        w.WriteAttributeString("ContentType", type);
        w.WriteEndElement();
    }

    private static void Override(XmlWriter w, string ns, string part, string type)
    {
        w.WriteStartElement("Override", ns);
        w.WriteAttributeString("PartName", part);
        w.WriteAttributeString("ContentType", type);
        w.WriteEndElement();
    }

    internal static string Namespace => MainNs;
}
