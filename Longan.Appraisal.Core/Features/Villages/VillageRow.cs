namespace Longan.Appraisal.Core.Features.Villages;

public sealed record VillageRow(
    int Id,
    string Name,
    int TownshipId,
    string TownshipName,
    string? StationName,
    bool IsActive,
    int? CurrentAssistantId,
    string? CurrentAssistantName,
    int SupervisorCount);
