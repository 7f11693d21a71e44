namespace Longan.Appraisal.Core.Features.Common;

/// <summary>Input was rejected before anything was saved; <see cref="Errors"/> names each field and what is wrong.</summary>
public sealed class ValidationFailedException(IReadOnlyList<FieldError> errors)
    : Exception(string.Join("；", errors.Select(e => e.Message)))
{
    public IReadOnlyList<FieldError> Errors { get; } = errors;
}
