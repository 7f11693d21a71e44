using Longan.Appraisal.Core.Domain.Entries;

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
}
