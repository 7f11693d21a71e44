namespace Longan.Appraisal.Core.Features.Townships;

public sealed record TownshipRow(int Id, string Name, int SortOrder, bool IsActive, int VillageCount, int PostedAssistantCount);
