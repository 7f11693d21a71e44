using System.Globalization;
using System.IO.Compression;
using System.Xml;
using Longan.Appraisal.Core.Features.Common;
using Longan.Appraisal.Core.Resources;

namespace Longan.Appraisal.Core.Excel;

/// <summary>
/// Looks inside an uploaded .xlsx (a zip archive) before any workbook library loads it: the size
/// of every part once unpacked, its compression ratio, and the rows and cells its sheets really
/// hold. A decompression bomb (a 1 MB file unpacking to gigabytes) is refused from the zip
/// directory alone, in milliseconds; .NET's zip reader then refuses any part that unpacks to more
/// than its directory declared, so a forged directory is no way around it. See
/// <see cref="WorkbookLimits"/> for the figures.
/// </summary>
internal static class WorkbookArchive
{
    private const string MainNamespace = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    private const string StrictNamespace = "http://purl.oclc.org/ooxml/spreadsheetml/main";

    /// <summary>What the sheets hold: rows as a spreadsheet counts them (the last row number) and cells.</summary>
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
    /// Rows and cells of every sheet, counted by streaming the XML (nothing is kept): every part is
    /// read, whatever its name, because a workbook may keep a sheet anywhere its relationships say.
    /// </summary>
    private static Contents Count(IReadOnlyCollection<ZipArchiveEntry> entries, string fileName)
    {
        long rows = 0, cells = 0;
        var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null, IgnoreWhitespace = true, IgnoreComments = true, CloseInput = true };
        foreach (var entry in entries.Where(e => e.Length > 0))
        {
            try
            {
                using var reader = XmlReader.Create(entry.Open(), settings);
                long lastRow = 0;
                var rowDepth = -1;
                while (reader.Read())
                {
                    if (reader.NodeType != XmlNodeType.Element || reader.NamespaceURI is not (MainNamespace or StrictNamespace))
                    {
                        continue;
                    }
                    if (reader.LocalName == "row")
                    {
                        lastRow = long.TryParse(reader.GetAttribute("r"), NumberStyles.None, CultureInfo.InvariantCulture, out var r) && r > 0 ? r : lastRow + 1;
                        rowDepth = reader.Depth;
                    }
                    else if (reader.LocalName == "c" && reader.Depth == rowDepth + 1 && ++cells > WorkbookLimits.MaxCells)
                    {
                        throw Rejected(fileName, Messages.FileTooManyCells(WorkbookLimits.MaxCells));
                    }
                }
                rows += lastRow;
            }
            catch (XmlException)
            {
                // Not XML (a picture, a printer setting): nothing a sheet could be read from.
            }
        }
        return new Contents(rows, cells);
    }

    private static long Megabytes(long bytes) => (bytes + 1024 * 1024 - 1) / (1024 * 1024);

    private static ImportRejectedException Rejected(string fileName, string reason) =>
        new([new ImportError(fileName, 0, "", null, reason)]);
}
