using System.IO.Compression;
using Longan.Appraisal.Core.Features.Common;
using Longan.Appraisal.Core.Resources;

namespace Longan.Appraisal.Core.Excel;

/// <summary>
/// The zip archive an uploaded .xlsx is, checked from its directory alone before any part is
/// read: the size of every part once unpacked, its compression ratio, how many parts and how much
/// in all. A decompression bomb (a 1 MB file unpacking to gigabytes) is refused in microseconds;
/// .NET's zip reader then refuses any part that unpacks to more than its directory declared, so a
/// forged directory is no way around it. What the parts hold is counted as
/// <see cref="WorkbookFile"/> reads them (<see cref="WorkbookBudget"/>).
/// </summary>
internal static class WorkbookArchive
{
    /// <summary>A part's name is quoted up to this length ("xl/worksheets/sheet12.xml" whole, a crafted name not).</summary>
    private const int PartNameQuoted = 60;

    /// <summary>Throws <see cref="ImportRejectedException"/> naming the first limit the directory passes, or damaged when two parts share a name.</summary>
    public static void CheckDirectory(IReadOnlyCollection<ZipArchiveEntry> entries, string fileName)
    {
        if (entries.Count > WorkbookLimits.MaxParts)
        {
            throw WorkbookFile.Rejected(fileName, Messages.FileTooManyParts(entries.Count, WorkbookLimits.MaxParts));
        }
        long total = 0;
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entry in entries)
        {
            // Two parts of one name (XL/Sheet1.xml and xl/sheet1.xml): programs would disagree on which is the sheet.
            if (!names.Add(PartName(entry.FullName)))
            {
                throw WorkbookFile.Damaged(fileName);
            }
            if (entry.Length > WorkbookLimits.MaxPartBytes)
            {
                throw WorkbookFile.Rejected(fileName, Messages.FilePartTooLarge(InputText.Quote(entry.FullName, PartNameQuoted), Megabytes(entry.Length), Megabytes(WorkbookLimits.MaxPartBytes)));
            }
            if (entry.Length > WorkbookLimits.RatioCheckedFromBytes && entry.Length > entry.CompressedLength * WorkbookLimits.MaxCompressionRatio)
            {
                throw WorkbookFile.Rejected(fileName, Messages.FilePartRatio(InputText.Quote(entry.FullName, PartNameQuoted), entry.Length / Math.Max(1, entry.CompressedLength), WorkbookLimits.MaxCompressionRatio));
            }
            total += entry.Length;
        }
        if (total > WorkbookLimits.MaxUnpackedBytes)
        {
            throw WorkbookFile.Rejected(fileName, Messages.FileUnpackedTooLarge(Megabytes(total), Megabytes(WorkbookLimits.MaxUnpackedBytes)));
        }
    }

    /// <summary>Part names compare without case, escapes, a leading slash or "..": as a package reader resolves them.</summary>
    public static string PartName(string path)
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

    private static long Megabytes(long bytes) => (bytes + 1024 * 1024 - 1) / (1024 * 1024);
}
