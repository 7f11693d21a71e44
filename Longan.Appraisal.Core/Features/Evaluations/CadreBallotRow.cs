using Longan.Appraisal.Core.Domain.Entries;

namespace Longan.Appraisal.Core.Features.Evaluations;

public sealed record CadreBallotRow(int Id, int Version, string? TicketNo, CadreGrade Grade, string? Comment, DateTimeOffset CreatedAt)
{
    public CadreBallotInput ToInput() => new() { TicketNo = TicketNo, Grade = Grade, Comment = Comment };
}
