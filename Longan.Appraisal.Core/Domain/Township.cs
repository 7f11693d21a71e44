namespace Longan.Appraisal.Core.Domain;

/// <summary>乡镇: a township of the county (spec §1).</summary>
public sealed class Township
{
    public int Id { get; set; }
    public required string Name { get; set; }
    /// <summary>Display order in lists and exports (Longan's official order).</summary>
    public int SortOrder { get; set; }
    public bool IsActive { get; set; } = true;
    public List<Village> Villages { get; set; } = [];
}
