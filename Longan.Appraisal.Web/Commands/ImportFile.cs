using Longan.Appraisal.Core.Excel;
using Longan.Appraisal.Core.Resources;

namespace Longan.Appraisal.Web.Commands;

/// <summary>Reads a workbook given on the command line, refusing an oversized file before loading it.</summary>
internal static class ImportFile
{
    public static async Task<byte[]> ReadAsync(string path, CancellationToken ct)
    {
        var info = new FileInfo(path);
        if (!info.Exists)
        {
            throw new FileNotFoundException($"找不到文件：{path}");
        }
        if (info.Length > WorkbookLimits.MaxBytes)
        {
            throw new ImportRejectedException([ImportError.OfFile(info.Name, Messages.FileTooLarge(WorkbookLimits.MaxBytes / 1024 / 1024))]);
        }
        return await File.ReadAllBytesAsync(path, ct);
    }
}
