using Longan.Appraisal.Core.Domain;
using Longan.Appraisal.Core.Features.Postings;

namespace Longan.Appraisal.Core.Features.Assistants;

public sealed record AssistantDetail(
    int Id,
    string Code,
    string Name,
    Gender? Gender,
    string? Ethnicity,
    DateOnly? BirthDate,
    string? PoliticalStatus,
    string? Education,
    string? SendingUnitAndPost,
    string? Phone,
    bool IsActive,
    IReadOnlyList<PostingRow> Postings)
{
    public PostingRow? CurrentPosting => Postings.FirstOrDefault(p => p.IsCurrent);
}
