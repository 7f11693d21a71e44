using System.Linq.Expressions;
using Longan.Appraisal.Core.Domain;

namespace Longan.Appraisal.Core.Features.Supervisors;

public sealed record SupervisorRow(
    int Id,
    string Name,
    SupervisorKind Kind,
    string? Phone,
    int VillageId,
    string VillageName,
    int TownshipId,
    string TownshipName,
    bool IsActive)
{
    internal static readonly Expression<Func<Supervisor, SupervisorRow>> Projection = s => new SupervisorRow(
        s.Id, s.Name, s.Kind, s.Phone, s.VillageId, s.Village!.Name, s.Village.TownshipId, s.Village.Township!.Name, s.IsActive);
}
