using Longan.Appraisal.Core.Features.Common;

namespace Longan.Appraisal.Core.Features.Villages;

public sealed record VillageQuery(PageRequest Page, int? TownshipId = null, bool IncludeInactive = true);
