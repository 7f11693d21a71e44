using System.Security.Cryptography;
using ClosedXML.Excel;
using Longan.Appraisal.Core.Resources;

namespace Longan.Appraisal.Core.Excel;

/// <summary>An uploaded workbook, checked (extension, size, form, rows) before any sheet is read.</summary>
public sealed class WorkbookFile : IDisposable
{
    private WorkbookFile(XLWorkbook workbook, string hash)
    {
        Workbook = workbook;
        ContentHash = hash;
    }

    public XLWorkbook Workbook { get; }

    /// <summary>SHA-256 of the bytes: the same file imported twice is recognised.</summary>
    public string ContentHash { get; }

    /// <summary>
    /// Opens the bytes as .xlsx or throws <see cref="ImportRejectedException"/> saying, in Chinese,
    /// why not. The archive is inspected first (<see cref="WorkbookArchive"/>): what it unpacks to,
    /// and the rows and cells it really holds, so the workbook library only ever loads a file
    /// within the limits.
    /// </summary>
    public static WorkbookFile Open(byte[] content, string fileName)
    {
        Reject(!fileName.EndsWith(".xlsx", StringComparison.OrdinalIgnoreCase), fileName, Messages.FileNotXlsx);
        Reject(content.LongLength > WorkbookLimits.MaxBytes, fileName, Messages.FileTooLarge(WorkbookLimits.MaxBytes / 1024 / 1024));
        // An .xlsx is a zip archive: anything else (a renamed .xls, a PDF) is refused without parsing.
        Reject(content.Length < 4 || content[0] != (byte)'P' || content[1] != (byte)'K', fileName, Messages.FileNotXlsx);
        var contents = WorkbookArchive.Inspect(content, fileName);
        Reject(contents.Rows > WorkbookLimits.MaxRows, fileName, Messages.FileTooManyRows(WorkbookLimits.MaxRows));
        XLWorkbook workbook;
        try
        {
            workbook = new XLWorkbook(new MemoryStream(content, writable: false));
        }
        catch (OutOfMemoryException)
        {
            // Within the limits this should not happen; if the server is short of memory anyway,
            // the user is told, and the portal goes on.
            throw new ImportRejectedException([new ImportError(Path.GetFileName(fileName), 0, "", null, Messages.FileTooComplex)]);
        }
        catch (Exception)
        {
            throw new ImportRejectedException([new ImportError(Path.GetFileName(fileName), 0, "", null, Messages.FileDamaged)]);
        }
        return new WorkbookFile(workbook, Convert.ToHexString(SHA256.HashData(content)));
    }

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
            throw new ImportRejectedException([new ImportError(Path.GetFileName(fileName), 0, "", null, Messages.FileTooComplex)]);
        }
    }

    public IXLWorksheet? Sheet(string name) => Workbook.Worksheets.TryGetWorksheet(name, out var sheet) ? sheet : null;

    public void Dispose() => Workbook.Dispose();

    private static void Reject(bool when, string fileName, string reason)
    {
        if (when)
        {
            throw new ImportRejectedException([new ImportError(Path.GetFileName(fileName), 0, "", null, reason)]);
        }
    }
}
