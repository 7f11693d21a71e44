namespace Longan.Appraisal.Core.Excel;

/// <summary>The workbook was refused; nothing was saved. <see cref="Errors"/> lists every problem found.</summary>
public sealed class ImportRejectedException(IReadOnlyList<ImportError> errors)
    : Exception(string.Join("；", errors.Take(3).Select(e => e.Reason)))
{
    public IReadOnlyList<ImportError> Errors { get; } = errors;
}
