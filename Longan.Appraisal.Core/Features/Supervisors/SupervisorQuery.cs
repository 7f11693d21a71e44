using Longan.Appraisal.Core.Features.Common;

namespace Longan.Appraisal.Core.Features.Supervisors;

public sealed record SupervisorQuery(PageRequest Page, int? TownshipId = null, int? VillageId = null, bool IncludeInactive = true);
