using Longan.Appraisal.Core.Domain;

namespace Longan.Appraisal.Core.Features.Supervisors;

public sealed class SupervisorInput
{
    public int? VillageId { get; set; }
    public string? Name { get; set; }
    public SupervisorKind? Kind { get; set; }
    public string? Phone { get; set; }

    public static SupervisorInput From(SupervisorRow s) => new() { VillageId = s.VillageId, Name = s.Name, Kind = s.Kind, Phone = s.Phone };
}
