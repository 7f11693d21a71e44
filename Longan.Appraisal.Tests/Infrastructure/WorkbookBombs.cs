using System.IO.Compression;
using System.Text;

namespace Longan.Appraisal.Tests.Infrastructure;

/// <summary>
/// The hostile uploads of the security probe, built as real .xlsx files (a valid workbook around
/// one part that unpacks to a gigabyte), once per test run and kept in temporary files.
/// </summary>
public static class WorkbookBombs
{
    private static readonly Lazy<string> s_sheetBomb = new(() => Write("sheet-bomb", SheetBomb()));
    private static readonly Lazy<string> s_stringsBomb = new(() => Write("strings-bomb", SharedStringsBomb()));

    /// <summary>About 1.1 MB whose sheet XML unpacks to 1.17 GB (a run of blanks between two rows).</summary>
    public static string SheetBombPath => s_sheetBomb.Value;

    /// <summary>About 3 MB whose shared strings unpack to 1.1 GB (one enormous cell text).</summary>
    public static string SharedStringsBombPath => s_stringsBomb.Value;

    public const long SheetBombUnpacked = 1170L * 1024 * 1024;
    public const long SharedStringsBombUnpacked = 1100L * 1024 * 1024;

    /// <summary>A workbook of a sheet with <paramref name="filler"/> bytes of blanks (compressed as tightly as zlib can) inside its data.</summary>
    public static byte[] SheetOfBlanks(long filler, CompressionLevel level = CompressionLevel.SmallestSize) =>
        Package(sheet: stream =>
        {
            Write(stream, SheetHead + "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c></row>");
            Repeat(stream, (byte)' ', filler);
            Write(stream, "<row r=\"2\"><c r=\"A2\" t=\"s\"><v>0</v></c></row>" + SheetTail);
        }, strings: stream => Write(stream, StringsHead + "<si><t>党员干部评议</t></si>" + StringsTail), level);

    /// <summary>A sheet of <paramref name="rows"/> one-cell rows, written as tersely as the format allows.</summary>
    public static byte[] ManyCells(int rows, int cellsPerRow) =>
        Package(sheet: stream =>
        {
            Write(stream, SheetHead);
            var random = new Random(11);
            var row = new StringBuilder();
            for (var r = 1; r <= rows; r++)
            {
                row.Clear().Append("<row r=\"").Append(r).Append("\">");
                for (var c = 0; c < cellsPerRow; c++)
                {
                    row.Append("<c><v>").Append(random.Next(100_000)).Append("</v></c>");
                }
                Write(stream, row.Append("</row>").ToString());
            }
            Write(stream, SheetTail);
        }, strings: stream => Write(stream, StringsHead + StringsTail), CompressionLevel.Fastest);

    /// <summary>
    /// The same workbook with the sheet's unpacked size in the zip directory (local header and
    /// central directory) rewritten to <paramref name="declared"/> bytes: a bomb that lies about itself.
    /// </summary>
    public static byte[] WithDeclaredSheetSize(byte[] workbook, uint declared)
    {
        var bytes = (byte[])workbook.Clone();
        var name = Encoding.UTF8.GetBytes("xl/worksheets/sheet1.xml");
        for (var i = 0; i + 46 < bytes.Length; i++)
        {
            var signature = BitConverter.ToUInt32(bytes, i);
            // Local file header: name at 30, uncompressed size at 22; central directory header: name at 46, size at 24.
            var (nameAt, sizeAt) = signature switch { 0x04034b50 => (30, 22), 0x02014b50 => (46, 24), _ => (0, 0) };
            if (nameAt > 0 && bytes.AsSpan(i + nameAt).StartsWith(name))
            {
                BitConverter.TryWriteBytes(bytes.AsSpan(i + sizeAt, 4), declared);
            }
        }
        return bytes;
    }

    /// <summary>Two rows, the row numbered 1 048 576 first: "the last row seen" would count two.</summary>
    public static byte[] RowsOutOfOrder() =>
        Package(sheet: stream => Write(stream, SheetHead + "<row r=\"1048576\"><c r=\"A1048576\"><v>1</v></c></row><row r=\"1\"><c r=\"A1\"><v>1</v></c></row>" + SheetTail),
            strings: stream => Write(stream, StringsHead + StringsTail), CompressionLevel.Optimal);

    /// <summary>One small sheet part that the workbook shows as <paramref name="sheets"/> sheets.</summary>
    public static byte[] OnePartAsManySheets(int sheets) =>
        Package(sheet: stream => Write(stream, SheetHead + "<row r=\"1\"><c r=\"A1\"><v>1</v></c></row>" + SheetTail),
            strings: stream => Write(stream, StringsHead + StringsTail), CompressionLevel.Optimal, sheetsOnePart: sheets);

    /// <summary>A sheet whose column definitions cover every column <paramref name="times"/> times over.</summary>
    public static byte[] RepeatedColumns(int times) =>
        Package(sheet: stream => Write(stream, """<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><cols>"""
                + string.Concat(Enumerable.Repeat("""<col min="1" max="16383" width="9" customWidth="1"/>""", times)) + "</cols><sheetData/>" + SheetTail),
            strings: stream => Write(stream, StringsHead + StringsTail), CompressionLevel.Optimal);

    /// <summary>A shared-string table of <paramref name="count"/> short distinct texts.</summary>
    public static byte[] ManySharedStrings(int count) =>
        Package(sheet: stream => Write(stream, SheetHead + SheetTail),
            strings: stream =>
            {
                Write(stream, StringsHead);
                for (var i = 0; i < count; i++)
                {
                    Write(stream, $"<si><t>{i}</t></si>");
                }
                Write(stream, StringsTail);
            }, CompressionLevel.Fastest);

    /// <summary>A workbook with one more part, named <paramref name="name"/>, that packs far beyond the ratio limit.</summary>
    public static byte[] WithBombPartNamed(string name) =>
        Package(sheet: stream => Write(stream, SheetHead + SheetTail), strings: stream => Write(stream, StringsHead + StringsTail), CompressionLevel.Optimal,
            extra: (name, new byte[4 * 1024 * 1024]));

    private static byte[] SheetBomb() => SheetOfBlanks(SheetBombUnpacked);

    private static byte[] SharedStringsBomb() =>
        Package(sheet: stream => Write(stream, SheetHead + "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c></row>" + SheetTail),
            strings: stream =>
            {
                Write(stream, StringsHead + "<si><t>");
                // Mostly one character repeated, with a little varied text in every megabyte, so it
                // packs about 370 : 1 like the probe's file rather than zlib's best.
                var repeated = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("好", (1 << 20) / 3)));
                var random = new Random(7);
                var varied = new char[900];
                for (long written = 0; written < SharedStringsBombUnpacked; written += repeated.Length + varied.Length * 3)
                {
                    stream.Write(repeated);
                    for (var i = 0; i < varied.Length; i++)
                    {
                        varied[i] = (char)random.Next(0x4E00, 0x9FA5);
                    }
                    stream.Write(Encoding.UTF8.GetBytes(varied));
                }
                Write(stream, "</t></si>" + StringsTail);
            }, CompressionLevel.SmallestSize);

    private const string SheetHead = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>""";
    private const string SheetTail = "</sheetData></worksheet>";
    private const string StringsHead = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">""";
    private const string StringsTail = "</sst>";

    /// <summary>
    /// A workbook of one sheet whose XML is <paramref name="sheetXml"/> (the sheet's data element
    /// and anything around it, inside &lt;worksheet&gt;), with parts of the package replaceable:
    /// the shapes of the probe's second round, written small.
    /// </summary>
    public static byte[] Crafted(string sheetXml, string? workbookXml = null, string? workbookRelationships = null, string? rootRelationships = null,
        string sheetPart = "xl/worksheets/sheet1.xml", string sharedStrings = "<si><t>助理员编号</t></si>", (string Name, byte[] Content)? extra = null) =>
        Package(sheet: stream => Write(stream, """<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">""" + sheetXml + "</worksheet>"),
            strings: stream => Write(stream, StringsHead + sharedStrings + StringsTail), CompressionLevel.SmallestSize, extra: extra,
            workbookXml: workbookXml, workbookRelationships: workbookRelationships, rootRelationships: rootRelationships, sheetPart: sheetPart);

    /// <summary>A sheet with <paramref name="depth"/> foreign elements nested inside each other (60 000 took the server down by a stack overflow in 3 KB).</summary>
    public static byte[] DeeplyNested(int depth) =>
        Package(sheet: stream =>
        {
            Write(stream, """<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:x="urn:x">""");
            Write(stream, string.Concat(Enumerable.Repeat("<x:a>", depth)));
            Write(stream, string.Concat(Enumerable.Repeat("</x:a>", depth)));
            Write(stream, "<sheetData/></worksheet>");
        }, strings: stream => Write(stream, StringsHead + StringsTail), CompressionLevel.SmallestSize);

    public const string WorkbookXml = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="党员干部评议" sheetId="1" r:id="rId1"/></sheets></workbook>""";

    public const string RootRelationships = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>""";

    public const string WorkbookRelationships = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>""";

    /// <summary>The smallest package Excel opens: content types, relationships, a workbook with one sheet named 党员干部评议, shared strings.</summary>
    private static byte[] Package(Action<Stream> sheet, Action<Stream> strings, CompressionLevel level, int sheetsOnePart = 1, (string Name, byte[] Content)? extra = null,
        string? workbookXml = null, string? workbookRelationships = null, string? rootRelationships = null, string sheetPart = "xl/worksheets/sheet1.xml")
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            Entry(zip, "[Content_Types].xml", """<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>""");
            Entry(zip, "_rels/.rels", rootRelationships ?? RootRelationships);
            var sheets = string.Concat(Enumerable.Range(1, sheetsOnePart).Select(i => $"""<sheet name="{(i == 1 ? "党员干部评议" : "副本" + i)}" sheetId="{i}" r:id="rId1"/>"""));
            Entry(zip, "xl/workbook.xml", workbookXml ?? $"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>{sheets}</sheets></workbook>""");
            Entry(zip, "xl/_rels/workbook.xml.rels", workbookRelationships ?? WorkbookRelationships);
            using (var stream = zip.CreateEntry(sheetPart, level).Open())
            {
                sheet(stream);
            }
            using (var stream = zip.CreateEntry("xl/sharedStrings.xml", level).Open())
            {
                strings(stream);
            }
            if (extra is { } part)
            {
                using var stream = zip.CreateEntry(part.Name, CompressionLevel.SmallestSize).Open();
                stream.Write(part.Content);
            }
        }
        return buffer.ToArray();
    }

    private static void Entry(ZipArchive zip, string name, string text)
    {
        using var stream = zip.CreateEntry(name).Open();
        Write(stream, text);
    }

    private static void Write(Stream stream, string text) => stream.Write(Encoding.UTF8.GetBytes(text));

    private static void Repeat(Stream stream, byte value, long count)
    {
        var chunk = new byte[1 << 20];
        Array.Fill(chunk, value);
        for (long left = count; left > 0; left -= chunk.Length)
        {
            stream.Write(chunk, 0, (int)Math.Min(chunk.Length, left));
        }
    }

    private static string Write(string name, byte[] content)
    {
        var path = Path.Combine(Path.GetTempPath(), $"longan-{name}-{Environment.ProcessId}.xlsx");
        File.WriteAllBytes(path, content);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => File.Delete(path);
        return path;
    }
}
