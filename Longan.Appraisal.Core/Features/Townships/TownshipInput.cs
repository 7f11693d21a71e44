namespace Longan.Appraisal.Core.Features.Townships;

/// <summary>The editable fields of a township.</summary>
public sealed class TownshipInput
{
    public string? Name { get; set; }
    public int SortOrder { get; set; }
}
