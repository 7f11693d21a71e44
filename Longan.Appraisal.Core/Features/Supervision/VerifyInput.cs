using Longan.Appraisal.Core.Domain.Entries;

namespace Longan.Appraisal.Core.Features.Supervision;

/// <summary>The township's finding on a record: 属实 or 不属实, with a note.</summary>
public sealed class VerifyInput
{
    public Verification? Result { get; set; }
    public string? Note { get; set; }
}
