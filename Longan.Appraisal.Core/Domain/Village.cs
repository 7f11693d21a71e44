namespace Longan.Appraisal.Core.Domain;

/// <summary>行政村 with its 便民服务站 (spec §1). One assistant is posted to it at a time.</summary>
public sealed class Village
{
    public int Id { get; set; }
    public int TownshipId { get; set; }
    public Township? Township { get; set; }
    public required string Name { get; set; }
    /// <summary>Name of the village's convenience service station (便民服务站).</summary>
    public string? StationName { get; set; }
    public string? StationAddress { get; set; }
    public string? StationPhone { get; set; }
    public bool IsActive { get; set; } = true;
    public List<Posting> Postings { get; set; } = [];
    public List<Supervisor> Supervisors { get; set; } = [];
}
