using Longan.Appraisal.Core.Domain.Entries;

namespace Longan.Appraisal.Core.Features.Evaluations;

/// <summary>One anonymous cadre ballot: a grade, an optional 票号 and comment (spec §3, C).</summary>
public sealed class CadreBallotInput
{
    public string? TicketNo { get; set; }
    public CadreGrade? Grade { get; set; }
    public string? Comment { get; set; }
}
