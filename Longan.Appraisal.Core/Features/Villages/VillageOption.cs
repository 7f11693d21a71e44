namespace Longan.Appraisal.Core.Features.Villages;

/// <summary>A village as a choice in a picker.</summary>
public sealed record VillageOption(int Id, string Name, int TownshipId, string TownshipName, bool HasCurrentAssistant)
{
    public string FullName => TownshipName + " " + Name;
}
