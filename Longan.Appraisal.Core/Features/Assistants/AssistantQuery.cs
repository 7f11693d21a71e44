using Longan.Appraisal.Core.Features.Common;

namespace Longan.Appraisal.Core.Features.Assistants;

/// <param name="Page">Search, sort and page.</param>
/// <param name="TownshipId">Only assistants serving in this township.</param>
/// <param name="Unposted">Only assistants without a current posting (to choose a successor).</param>
/// <param name="IncludeInactive">Also list deactivated assistants.</param>
public sealed record AssistantQuery(PageRequest Page, int? TownshipId = null, bool Unposted = false, bool IncludeInactive = true);
