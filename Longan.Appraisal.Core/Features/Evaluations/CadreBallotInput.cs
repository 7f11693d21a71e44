using Longan.Appraisal.Core.Domain.Entries;
using Longan.Appraisal.Core.Features.Common;
using Longan.Appraisal.Core.Persistence;
using Longan.Appraisal.Core.Resources;

namespace Longan.Appraisal.Core.Features.Evaluations;

/// <summary>One anonymous cadre ballot: a grade, an optional 票号 and comment (spec §3, C).</summary>
public sealed class CadreBallotInput
{
    public string? TicketNo { get; set; }
    public CadreGrade? Grade { get; set; }
    public string? Comment { get; set; }

    /// <summary>What is wrong with the ballot on its own, one message per field (the service adds whether the 票号 is taken).</summary>
    public IReadOnlyList<FieldError> Check() => new Validator()
        .Check(Grade is { } g && Enum.IsDefined(g), nameof(Grade), Messages.FieldRequired(Messages.LabelGrade))
        .MaxLength(nameof(TicketNo), Messages.LabelTicketNo, InputText.Code(TicketNo), FieldLimits.Short)
        .MaxLength(nameof(Comment), Messages.LabelComment, Comment, FieldLimits.Comment)
        .Errors;
}
