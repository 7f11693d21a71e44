using System.Globalization;
using System.IO.Compression;
using System.Xml;
using Longan.Appraisal.Core.Features.Common;
using Longan.Appraisal.Core.Resources;

namespace Longan.Appraisal.Core.Excel;

/// <summary>
/// Looks inside an uploaded .xlsx (a zip archive) before any workbook library loads it: the size
/// of every part once unpacked, its compression ratio, which part each sheet is, and what the
/// parts really hold — rows, cells, column definitions, shared strings, elements — counted by
/// streaming their XML. A decompression bomb (a 1 MB file unpacking to gigabytes) is refused from
/// the zip directory alone, in microseconds; .NET's zip reader then refuses any part that unpacks
/// to more than its directory declared, so a forged directory is no way around it. A small file
/// that would make ClosedXML build millions of objects (rows numbered up to 1 048 576, one part
/// shown as many sheets, column ranges repeated thousands of times) is refused from the counts.
/// See <see cref="WorkbookLimits"/> for the figures.
/// </summary>
internal static class WorkbookArchive
{
    private const string MainNamespace = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    private const string StrictNamespace = "http://purl.oclc.org/ooxml/spreadsheetml/main";
    private const string RelationshipsNamespace = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    private const string StrictRelationshipsNamespace = "http://purl.oclc.org/ooxml/officeDocument/relationships";

    /// <summary>The columns a sheet has (A to XFD): valid column definitions never overlap, so never cover more.</summary>
    private const long SheetColumns = 16_384;

    /// <summary>What the sheets hold: rows as a spreadsheet counts them (the highest row number of each sheet) and cells.</summary>
    internal readonly record struct Contents(long Rows, long Cells);

    /// <summary>A part's name is quoted up to this length ("xl/worksheets/sheet12.xml" whole, a crafted name not).</summary>
    private const int PartNameQuoted = 60;

    /// <summary>Checks the archive against the limits; throws <see cref="ImportRejectedException"/> naming the reason.</summary>
    public static Contents Inspect(byte[] content, string fileName)
    {
        try
        {
            using var zip = new ZipArchive(new MemoryStream(content, writable: false), ZipArchiveMode.Read);
            CheckDirectory(zip.Entries, fileName);
            CheckSheets(zip, fileName);
            return Count(zip.Entries, fileName);
        }
        catch (InvalidDataException)
        {
            // Not a zip, a damaged one, or a part that unpacks to more than its directory says.
            throw Rejected(fileName, Messages.FileDamaged);
        }
    }

    private static void CheckDirectory(IReadOnlyCollection<ZipArchiveEntry> entries, string fileName)
    {
        if (entries.Count > WorkbookLimits.MaxParts)
        {
            throw Rejected(fileName, Messages.FileTooManyParts(entries.Count, WorkbookLimits.MaxParts));
        }
        long total = 0;
        foreach (var entry in entries)
        {
            if (entry.Length > WorkbookLimits.MaxPartBytes)
            {
                throw Rejected(fileName, Messages.FilePartTooLarge(InputText.Quote(entry.FullName, PartNameQuoted), Megabytes(entry.Length), Megabytes(WorkbookLimits.MaxPartBytes)));
            }
            if (entry.Length > WorkbookLimits.RatioCheckedFromBytes && entry.Length > entry.CompressedLength * WorkbookLimits.MaxCompressionRatio)
            {
                throw Rejected(fileName, Messages.FilePartRatio(InputText.Quote(entry.FullName, PartNameQuoted), entry.Length / Math.Max(1, entry.CompressedLength), WorkbookLimits.MaxCompressionRatio));
            }
            total += entry.Length;
        }
        if (total > WorkbookLimits.MaxUnpackedBytes)
        {
            throw Rejected(fileName, Messages.FileUnpackedTooLarge(Megabytes(total), Megabytes(WorkbookLimits.MaxUnpackedBytes)));
        }
    }

    /// <summary>
    /// Each sheet is a part of its own, and there are not too many: ClosedXML loads a part once for
    /// every sheet that names it, so one part shown as a hundred sheets would be counted once here
    /// and loaded a hundred times. Excel never writes that; it is refused as damaged.
    /// </summary>
    private static void CheckSheets(ZipArchive zip, string fileName)
    {
        var workbook = Targets(zip, "", "_rels/.rels").Where(r => r.Type.EndsWith("/officeDocument", StringComparison.Ordinal)).Select(r => r.Part).FirstOrDefault();
        if (workbook is null || Entry(zip, workbook) is not { } workbookEntry)
        {
            return; // Not a workbook at all: the workbook library says it is damaged.
        }
        var folder = workbook.Contains('/', StringComparison.Ordinal) ? workbook[..(workbook.LastIndexOf('/') + 1)] : "";
        var parts = Targets(zip, folder, folder + "_rels/" + workbook[folder.Length..] + ".rels").ToDictionary(r => r.Id, r => r.Part, StringComparer.Ordinal);
        var sheets = new HashSet<string>(StringComparer.Ordinal);
        foreach (var id in Elements(workbookEntry, "sheet").Select(sheet => sheet.GetAttribute("id", RelationshipsNamespace) ?? sheet.GetAttribute("id", StrictRelationshipsNamespace)))
        {
            if (sheets.Count >= WorkbookLimits.MaxSheets)
            {
                throw Rejected(fileName, Messages.FileTooManySheets(WorkbookLimits.MaxSheets));
            }
            if (id is not null && parts.TryGetValue(id, out var part) && !sheets.Add(part))
            {
                throw Rejected(fileName, Messages.FileDamaged);
            }
        }
    }

    /// <summary>The relationships of a part: id, type and the part each points to, as a normalised part name.</summary>
    private static IEnumerable<(string Id, string Type, string Part)> Targets(ZipArchive zip, string folder, string relationshipsPart)
    {
        if (Entry(zip, relationshipsPart) is not { } entry)
        {
            yield break;
        }
        foreach (var relationship in Elements(entry, "Relationship"))
        {
            if (relationship.GetAttribute("TargetMode") == "External" || relationship.GetAttribute("Target") is not { } target)
            {
                continue;
            }
            yield return (relationship.GetAttribute("Id") ?? "", relationship.GetAttribute("Type") ?? "", PartName(target.StartsWith('/') ? target : folder + target));
        }
    }

    /// <summary>Part names compare without case, escapes, a leading slash or "..": as the package reader resolves them.</summary>
    private static string PartName(string path)
    {
        var segments = new List<string>();
        foreach (var segment in Uri.UnescapeDataString(path).Replace('\\', '/').Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            if (segment == "..")
            {
                if (segments.Count > 0)
                {
                    segments.RemoveAt(segments.Count - 1);
                }
            }
            else if (segment != ".")
            {
                segments.Add(segment);
            }
        }
        return string.Join('/', segments).ToLowerInvariant();
    }

    private static ZipArchiveEntry? Entry(ZipArchive zip, string part) => zip.Entries.FirstOrDefault(e => PartName(e.FullName) == part);

    /// <summary>The attributes of every element of a local name in a small XML part (relationships, the workbook), read as a stream.</summary>
    private static IEnumerable<XmlReader> Elements(ZipArchiveEntry entry, string localName)
    {
        using var reader = XmlReader.Create(entry.Open(), Settings);
        while (Read(reader))
        {
            if (reader.NodeType == XmlNodeType.Element && reader.LocalName == localName)
            {
                yield return reader;
            }
        }
    }

    private static bool Read(XmlReader reader)
    {
        try
        {
            return reader.Read();
        }
        catch (XmlException)
        {
            return false;
        }
    }

    private static XmlReaderSettings Settings => new()
    {
        DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null, IgnoreWhitespace = true, IgnoreComments = true, CloseInput = true,
    };

    /// <summary>
    /// What every part holds, counted by streaming its XML (nothing is kept). Every part is read,
    /// whatever its name, because a workbook may keep a sheet anywhere its relationships say.
    /// </summary>
    private static Contents Count(IReadOnlyCollection<ZipArchiveEntry> entries, string fileName)
    {
        long rows = 0, cells = 0, strings = 0, elements = 0;
        foreach (var entry in entries.Where(e => e.Length > 0))
        {
            try
            {
                using var reader = XmlReader.Create(entry.Open(), Settings);
                long highestRow = 0, lastRow = 0, columns = 0;
                var rowDepth = -1;
                while (reader.Read())
                {
                    if (reader.NodeType != XmlNodeType.Element)
                    {
                        continue;
                    }
                    if (++elements > WorkbookLimits.MaxElements)
                    {
                        throw Rejected(fileName, Messages.FileTooComplex);
                    }
                    if (reader.NamespaceURI is not (MainNamespace or StrictNamespace))
                    {
                        continue;
                    }
                    switch (reader.LocalName)
                    {
                        case "row":
                            // A row without a number follows the one before; rows may come in any order, so the highest counts.
                            lastRow = Number(reader.GetAttribute("r")) ?? lastRow + 1;
                            highestRow = Math.Max(highestRow, lastRow);
                            rowDepth = reader.Depth;
                            break;
                        case "c" when reader.Depth == rowDepth + 1:
                            if (++cells > WorkbookLimits.MaxCells)
                            {
                                throw Rejected(fileName, Messages.FileTooManyCells(WorkbookLimits.MaxCells));
                            }
                            break;
                        case "col":
                            // ClosedXML sets every column of a definition one by one.
                            columns += Math.Max(1, (Number(reader.GetAttribute("max")) ?? 1) - (Number(reader.GetAttribute("min")) ?? 1) + 1);
                            if (columns > SheetColumns)
                            {
                                throw Rejected(fileName, Messages.FileDamaged);
                            }
                            break;
                        case "si":
                            if (++strings > WorkbookLimits.MaxSharedStrings)
                            {
                                throw Rejected(fileName, Messages.FileTooComplex);
                            }
                            break;
                    }
                }
                rows += highestRow;
            }
            catch (XmlException)
            {
                // Not XML (a picture, a printer setting): nothing a sheet could be read from.
            }
        }
        return new Contents(rows, cells);
    }

    private static long? Number(string? text) =>
        long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number > 0 ? number : null;

    private static long Megabytes(long bytes) => (bytes + 1024 * 1024 - 1) / (1024 * 1024);

    private static ImportRejectedException Rejected(string fileName, string reason) =>
        new([new ImportError(Path.GetFileName(fileName), 0, "", null, reason)]);
}
