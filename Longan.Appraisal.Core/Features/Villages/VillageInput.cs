namespace Longan.Appraisal.Core.Features.Villages;

/// <summary>The editable fields of a village and its service station.</summary>
public sealed class VillageInput
{
    public int? TownshipId { get; set; }
    public string? Name { get; set; }
    public string? StationName { get; set; }
    public string? StationAddress { get; set; }
    public string? StationPhone { get; set; }
}
