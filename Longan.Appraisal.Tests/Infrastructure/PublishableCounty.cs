using Longan.Appraisal.Core.Domain;
using Longan.Appraisal.Core.Features.Cycles;
using Longan.Appraisal.Core.Features.Results;
using Longan.Appraisal.Core.Persistence.Seeding;
using Longan.Appraisal.Core.Security;
using Microsoft.EntityFrameworkCore;

namespace Longan.Appraisal.Tests.Infrastructure;

/// <summary>
/// A small synthetic county whose 2026 cycle has every input, so nobody is incomplete and it can be
/// published; with callers for the county, a township and two of its assistants.
/// </summary>
public sealed class PublishableCounty : IAsyncLifetime
{
    public const int Year = 2026;

    public TestDatabase Db { get; private set; } = default!;
    public int CycleId { get; private set; }
    public Caller County { get; } = new("county-test", "zzb.test", AppRole.County);
    public Caller Township { get; private set; } = default!;
    public Caller OtherTownship { get; private set; } = default!;
    public Caller Assistant { get; private set; } = default!;
    public Caller OtherAssistant { get; private set; } = default!;

    public T Get<T>() where T : notnull => Db.Get<T>();

    public async Task InitializeAsync() => await AttachAsync(await TestDatabase.CreateAsync());

    /// <summary>Generates the county into an empty database the caller owns (e.g. a bUnit test's).</summary>
    public async Task AttachAsync(TestDatabase database)
    {
        Db = database;
        CycleId = (await Get<SyntheticCounty>().GenerateAsync(20, Year)).CycleId;
        await using var db = await Db.OpenAsync();
        var people = await (from a in db.Assistants
                            join p in db.Postings on a.Id equals p.AssistantId
                            join v in db.Villages on p.VillageId equals v.Id
                            orderby a.Code
                            select new { a.Id, v.TownshipId }).ToListAsync();
        var first = people[0];
        var sameTownship = people.First(p => p.Id != first.Id && p.TownshipId == first.TownshipId);
        Township = new Caller("township-test", "township.test", AppRole.Township, TownshipId: first.TownshipId);
        OtherTownship = new Caller("other-test", "other.test", AppRole.Township, TownshipId: people.First(p => p.TownshipId != first.TownshipId).TownshipId);
        Assistant = new Caller("assistant-test", "assistant.test", AppRole.Assistant, AssistantId: first.Id);
        OtherAssistant = new Caller("other-assistant-test", "other-assistant.test", AppRole.Assistant, AssistantId: sameTownship.Id);
    }

    public Task MoveAsync(CycleState to, string? reason = null) => Get<CycleService>().TransitionAsync(County, CycleId, to, reason);

    public Task<ComputeSummary> ComputeAsync() => Get<ResultService>().ComputeAsync(County, CycleId);

    /// <summary>Moves the clock on a minute, so what happens next is later than what happened before.</summary>
    public void Later() => ((FixedClock)Get<TimeProvider>()).Advance(TimeSpan.FromMinutes(1));

    public async Task DisposeAsync() => await Db.DisposeAsync();
}
