namespace Longan.Appraisal.Core.Domain;

/// <summary>五老监督员: a villager who supervises the village's assistant (spec §1).</summary>
public sealed class Supervisor
{
    public int Id { get; set; }
    public int VillageId { get; set; }
    public Village? Village { get; set; }
    public required string Name { get; set; }
    public SupervisorKind Kind { get; set; }
    public string? Phone { get; set; }
    public bool IsActive { get; set; } = true;
}
