using Longan.Appraisal.Core.Domain.Entries;

namespace Longan.Appraisal.Core.Features.Evaluations;

public sealed record CadreBallotRow(int Id, int Version, string? TicketNo, CadreGrade Grade, string? Comment, DateTimeOffset CreatedAt)
{
    /// <summary>What the caller may do with this entry now.</summary>
    public Entries.EntryRights Rights { get; init; } = Entries.EntryRights.None;
    /// <summary>The 测评场次 the ballot was cast in (手机); null for paper.</summary>
    public int? BallotSessionId { get; init; }

    public CadreBallotInput ToInput() => new() { TicketNo = TicketNo, Grade = Grade, Comment = Comment };
}
