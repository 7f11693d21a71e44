using System.Globalization;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using ClosedXML.Excel;
using Longan.Appraisal.Core.Resources;

namespace Longan.Appraisal.Core.Excel;

/// <summary>An uploaded workbook, checked (extension, size, form, rows) before any sheet is read.</summary>
public sealed partial class WorkbookFile : IDisposable
{
    private WorkbookFile(XLWorkbook workbook, string hash)
    {
        Workbook = workbook;
        ContentHash = hash;
    }

    public XLWorkbook Workbook { get; }

    /// <summary>SHA-256 of the bytes: the same file imported twice is recognised.</summary>
    public string ContentHash { get; }

    /// <summary>Opens the bytes as .xlsx or throws <see cref="ImportRejectedException"/> saying, in Chinese, why not.</summary>
    public static WorkbookFile Open(byte[] content, string fileName)
    {
        Reject(!fileName.EndsWith(".xlsx", StringComparison.OrdinalIgnoreCase), fileName, Messages.FileNotXlsx);
        Reject(content.LongLength > WorkbookLimits.MaxBytes, fileName, Messages.FileTooLarge(WorkbookLimits.MaxBytes / 1024 / 1024));
        // An .xlsx is a zip archive: anything else (a renamed .xls, a PDF) is refused without parsing.
        Reject(content.Length < 4 || content[0] != (byte)'P' || content[1] != (byte)'K', fileName, Messages.FileNotXlsx);
        Reject(DeclaredRows(content) > WorkbookLimits.MaxRows, fileName, Messages.FileTooManyRows(WorkbookLimits.MaxRows));
        XLWorkbook workbook;
        try
        {
            workbook = new XLWorkbook(new MemoryStream(content, writable: false));
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            throw new ImportRejectedException([new ImportError(fileName, 0, "", null, Messages.FileDamaged)]);
        }
        var rows = workbook.Worksheets.Sum(s => s.LastRowUsed()?.RowNumber() ?? 0);
        if (rows > WorkbookLimits.MaxRows)
        {
            workbook.Dispose();
            Reject(true, fileName, Messages.FileTooManyRows(WorkbookLimits.MaxRows));
        }
        return new WorkbookFile(workbook, Convert.ToHexString(SHA256.HashData(content)));
    }

    /// <summary>
    /// The rows the worksheets declare in their     /// The rows the worksheets declare in their &lt;dimension ref="A1:F200001"&gt; headers, read from thelt;dimension ref="A1:F200001"    /// The rows the worksheets declare in their &lt;dimension ref="A1:F200001"&gt; headers, read from thegt; (any namespace prefix), read from the
    /// zip without parsing the sheets, so an oversized workbook is refused before it is loaded.
    /// Returns 0 when the archive cannot be read (the full load then reports it as damaged).
    /// </summary>
    internal static long DeclaredRows(byte[] content)
    {
        try
        {
            using var zip = new ZipArchive(new MemoryStream(content, writable: false), ZipArchiveMode.Read);
            long rows = 0;
            foreach (var entry in zip.Entries.Where(e => e.FullName.StartsWith("xl/worksheets/", StringComparison.Ordinal) && e.FullName.EndsWith(".xml", StringComparison.Ordinal)))
            {
                using var reader = new StreamReader(entry.Open());
                var buffer = new char[4096];
                var head = new string(buffer, 0, reader.ReadBlock(buffer, 0, buffer.Length));
                var match = DimensionPattern().Match(head);
                if (match.Success && long.TryParse(match.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var last))
                {
                    rows += last;
                }
            }
            return rows;
        }
        catch (InvalidDataException)
        {
            return 0;
        }
    }

    [GeneratedRegex(@"<(?:\w+:)?dimension ref=""[A-Z]+\d+(?::[A-Z]+(\d+))?""")]
    private static partial Regex DimensionPattern();

    public IXLWorksheet? Sheet(string name) => Workbook.Worksheets.TryGetWorksheet(name, out var sheet) ? sheet : null;

    public void Dispose() => Workbook.Dispose();

    private static void Reject(bool when, string fileName, string reason)
    {
        if (when)
        {
            throw new ImportRejectedException([new ImportError(fileName, 0, "", null, reason)]);
        }
    }
}
