using Longan.Appraisal.Core.Features.Common;
using Longan.Appraisal.Core.Features.Evaluations;
using Longan.Appraisal.Core.Features.Supervision;
using Longan.Appraisal.Core.Security;

namespace Longan.Appraisal.Tests.Infrastructure;

/// <summary>
/// Every entry of an assistant a caller may see, read page after page through the services' paged
/// lists: what a test compares against is then what the tabs can reach, in the tabs' order.
/// </summary>
public static class EntryListing
{
    public static async Task<IReadOnlyList<T>> AllPagesAsync<T>(Func<PageRequest, Task<PagedResult<T>>> load)
    {
        var all = new List<T>();
        for (var page = 0; ; page++)
        {
            var result = await load(new PageRequest(Page: page, PageSize: PageRequest.MaxPageSize));
            all.AddRange(result.Items);
            if (result.Items.Count == 0 || all.Count >= result.TotalCount)
            {
                return all;
            }
        }
    }

    public static Task<IReadOnlyList<TallyRow>> ListAllAsync(this VillagerTallyService service, Caller caller, int cycleId, int assistantId) =>
        AllPagesAsync(page => service.ListAsync(caller, cycleId, assistantId, page));

    public static Task<IReadOnlyList<PartyBallotRow>> ListAllAsync(this PartyBallotService service, Caller caller, int cycleId, int assistantId) =>
        AllPagesAsync(page => service.ListAsync(caller, cycleId, assistantId, page));

    public static Task<IReadOnlyList<CadreBallotRow>> ListAllAsync(this CadreBallotService service, Caller caller, int cycleId, int assistantId) =>
        AllPagesAsync(page => service.ListAsync(caller, cycleId, assistantId, page));

    public static Task<IReadOnlyList<SupervisionRow>> ListAllAsync(this SupervisionService service, Caller caller, int cycleId, int assistantId) =>
        AllPagesAsync(page => service.ListAsync(caller, cycleId, assistantId, page));
}
