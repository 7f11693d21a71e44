using Longan.Appraisal.Core.Domain;
using Longan.Appraisal.Core.Persistence;
using Longan.Appraisal.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Longan.Appraisal.Tests.Core.Persistence;

/// <summary>The hot path's writes (phone votes): committed together, each undone alone when it fails, reported only once committed.</summary>
public sealed class WriteQueueTests : IAsyncLifetime
{
    private TestDatabase _db = default!;

    public async Task InitializeAsync() => _db = await TestDatabase.CreateAsync(demoCounty: true);

    public async Task DisposeAsync() => await _db.DisposeAsync();

    [Fact]
    public async Task WriteAsync_ManyAtOnce_EveryOneCommitted_EachGetsItsOwnResult()
    {
        var queue = _db.Get<WriteQueue>();
        var townships = await TownshipIdsAsync();

        var results = await Task.WhenAll(townships.Select((id, i) => Task.Run(() => queue.WriteAsync(async (db, ct) =>
        {
            await db.Townships.Where(t => t.Id == id).ExecuteUpdateAsync(t => t.SetProperty(x => x.SortOrder, 1000 + i), ct);
            return id;
        }))));

        Assert.Equal(townships, results);
        await using var check = await _db.OpenAsync();
        Assert.Equal(townships.Select((_, i) => 1000 + i), await check.Townships.OrderBy(t => t.Id).Select(t => t.SortOrder).ToListAsync());
    }

    [Fact]
    public async Task WriteAsync_OneFailsAmongOthersInTheSameCommit_OnlyItsChangesAreUndone()
    {
        var queue = _db.Get<WriteQueue>();
        var townships = await TownshipIdsAsync();
        var holding = new TaskCompletionSource();
        var held = new TaskCompletionSource();
        // The first write holds the turn, so the others queue up and are committed together after it.
        var first = queue.WriteAsync(async (db, ct) =>
        {
            held.SetResult();
            await holding.Task;
            return 0;
        });
        await held.Task;
        var others = townships.Select((id, i) => queue.WriteAsync<int>(async (db, ct) =>
        {
            await db.Townships.Where(t => t.Id == id).ExecuteUpdateAsync(t => t.SetProperty(x => x.SortOrder, 2000 + i), ct);
            return i == 3 ? throw new InvalidOperationException("refused") : i;
        })).ToList();
        holding.SetResult();

        await first;
        var failed = await Assert.ThrowsAsync<InvalidOperationException>(() => others[3]);
        Assert.Equal("refused", failed.Message);
        // The refused write is reported as soon as it is undone; the others only once their commit is done.
        var succeeded = await Task.WhenAll(others.Where((_, i) => i != 3));
        Assert.Equal(Enumerable.Range(0, townships.Count).Where(i => i != 3), succeeded);
        await using var check = await _db.OpenAsync();
        var orders = await check.Townships.OrderBy(t => t.Id).Select(t => t.SortOrder).ToListAsync();
        Assert.Equal(townships.Count - 1, orders.Count(o => o >= 2000));
        Assert.DoesNotContain(2003, orders);
    }

    [Fact]
    public async Task PooledContexts_AContextGivenBack_ForgetsItsCaller()
    {
        var pool = _db.Get<PooledContexts>();
        await using (var first = await pool.CreateDbContextAsync())
        {
            first.ActingAs(TestDatabase.Arranger);
        }

        await using var next = await pool.CreateDbContextAsync();
        next.Townships.Add(new Township { Name = "新乡镇", SortOrder = 999 });
        await Assert.ThrowsAsync<InvalidOperationException>(() => next.SaveChangesAsync());
    }

    private async Task<List<int>> TownshipIdsAsync()
    {
        await using var db = await _db.OpenAsync();
        return await db.Townships.OrderBy(t => t.Id).Select(t => t.Id).ToListAsync();
    }
}
