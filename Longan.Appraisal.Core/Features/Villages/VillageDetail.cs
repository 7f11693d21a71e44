using Longan.Appraisal.Core.Features.Postings;
using Longan.Appraisal.Core.Features.Supervisors;

namespace Longan.Appraisal.Core.Features.Villages;

public sealed record VillageDetail(
    int Id,
    string Name,
    int TownshipId,
    string TownshipName,
    string? StationName,
    string? StationAddress,
    string? StationPhone,
    bool IsActive,
    IReadOnlyList<PostingRow> Postings,
    IReadOnlyList<SupervisorRow> Supervisors)
{
    public PostingRow? CurrentPosting => Postings.FirstOrDefault(p => p.IsCurrent);
}
