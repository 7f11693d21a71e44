using System.Linq.Expressions;
using Longan.Appraisal.Core.Domain.Entries;

namespace Longan.Appraisal.Core.Features.Supervision;

public sealed record SupervisionRow(
    int Id, int Version, int CycleId, int AssistantId, string AssistantName, DateOnly Date, string SupervisorName,
    RecordNature Nature, RecordCategory Category, IssueSeverity? Severity, string Description,
    Verification Verification, string? VerificationNote, string? VerifiedBy, DateTimeOffset? VerifiedAt, string? FiledBy)
{
    /// <summary>What the caller may do with this entry now.</summary>
    public Entries.EntryRights Rights { get; init; } = Entries.EntryRights.None;

    public SupervisionInput ToInput() => new()
    {
        Date = Date, SupervisorName = SupervisorName, Nature = Nature, Category = Category, Severity = Severity, Description = Description,
    };

    internal static readonly Expression<Func<SupervisionRecord, SupervisionRow>> Projection = r => new SupervisionRow(
        r.Id, r.Version, r.CycleId, r.AssistantId, r.Assistant!.Name, r.Date, r.SupervisorName, r.Nature, r.Category, r.Severity,
        r.Description, r.Verification, r.VerificationNote, r.VerifiedBy, r.VerifiedAt, r.FiledBy);
}
