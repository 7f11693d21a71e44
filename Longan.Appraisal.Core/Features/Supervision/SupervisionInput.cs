using Longan.Appraisal.Core.Domain.Entries;
using Longan.Appraisal.Core.Features.Common;
using Longan.Appraisal.Core.Persistence;
using Longan.Appraisal.Core.Resources;

namespace Longan.Appraisal.Core.Features.Supervision;

/// <summary>A five-elders record as filed (spec §3, F). A supervisor's own name is taken from their account.</summary>
public sealed class SupervisionInput
{
    public DateOnly? Date { get; set; }
    public int? SupervisorId { get; set; }
    public string? SupervisorName { get; set; }
    public RecordNature? Nature { get; set; }
    public RecordCategory? Category { get; set; }
    public IssueSeverity? Severity { get; set; }
    public string? Description { get; set; }

    /// <summary>
    /// What is wrong with the record on its own, one message per field: a date in the cycle's year
    /// and not after today, a nature and category, a severity for a problem, a description. Who
    /// files it is decided by the service (a supervisor files under their own name).
    /// </summary>
    public IReadOnlyList<FieldError> Check(int cycleYear, DateOnly today)
    {
        var description = InputText.Text(Description, multiline: true);
        return new Validator()
            .Check(Date is not null, nameof(Date), Messages.FieldRequired(Messages.LabelRecordDate))
            .Check(Date is null || Date.Value.Year == cycleYear, nameof(Date), Messages.RecordDateOutsideYear(cycleYear))
            .Check(Date is null || Date <= today, nameof(Date), Messages.RecordDateInFuture)
            .Check(Nature is { } n && Enum.IsDefined(n), nameof(Nature), Messages.FieldRequired(Messages.LabelNature))
            .Check(Category is { } c && Enum.IsDefined(c), nameof(Category), Messages.FieldRequired(Messages.LabelCategory))
            .Check(Nature != RecordNature.Issue || Severity is { } s && Enum.IsDefined(s), nameof(Severity), Messages.SeverityRequiredForIssue)
            .Required(nameof(Description), Messages.LabelDescription, description)
            .MaxLength(nameof(Description), Messages.LabelDescription, description, FieldLimits.Comment)
            .Errors;
    }
}
