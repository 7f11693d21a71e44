using Longan.Appraisal.Core.Domain;

namespace Longan.Appraisal.Core.Features.Assistants;

public sealed record AssistantRow(
    int Id,
    string Code,
    string Name,
    Gender? Gender,
    string? SendingUnitAndPost,
    int? VillageId,
    string? VillageName,
    string? TownshipName,
    DateOnly? TermStart,
    DateOnly? TermPlannedEnd,
    bool IsActive);
