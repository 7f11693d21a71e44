using Longan.Appraisal.Core.Features.Results;
using Longan.Appraisal.Core.Persistence.Seeding;
using Longan.Appraisal.Core.Security;
using Longan.Appraisal.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Longan.Appraisal.Tests.Core.Persistence;

public sealed class SyntheticCountyTests
{
    [Fact]
    public async Task Generate_SameN_SameInputsAndResults_AndRunsOncePerYear()
    {
        await using var a = await TestDatabase.CreateAsync();
        await using var b = await TestDatabase.CreateAsync();

        var first = await a.Get<SyntheticCounty>().GenerateAsync(40, 2026);
        await b.Get<SyntheticCounty>().GenerateAsync(40, 2026);
        var again = await a.Get<SyntheticCounty>().GenerateAsync(40, 2026);

        Assert.False(first.AlreadyPresent);
        Assert.True(again.AlreadyPresent);
        var fa = await a.Get<ResultService>().ComputeAsync(Caller.System, first.CycleId);
        var fb = await b.Get<ResultService>().ComputeAsync(Caller.System, first.CycleId);
        Assert.Equal(fa.Fingerprint, fb.Fingerprint);
        Assert.Equal(40, fa.Assistants);
        await using var db = await a.OpenAsync();
        var perAssistant = await db.CadreBallots.GroupBy(c => c.AssistantId).Select(g => g.Count()).ToListAsync();
        Assert.All(perAssistant, n => Assert.InRange(n, 8, 15));
        Assert.Equal(40 * 12, await db.AttendanceMonths.CountAsync());
        var grades = await db.StoredResults.Where(r => r.Grade != null).Select(r => r.Grade!.Value).Distinct().CountAsync();
        Assert.True(grades >= 3, "a realistic spread of grades");
    }
}
