using System.Collections.Concurrent;
using System.Diagnostics;
using Longan.Appraisal.Core.Domain.Audit;
using Longan.Appraisal.Core.Features.Accounts;
using Longan.Appraisal.Core.Features.Evaluations;
using Longan.Appraisal.Core.Features.Imports;
using Longan.Appraisal.Core.Features.Results;
using Longan.Appraisal.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Xunit.Abstractions;

namespace Longan.Appraisal.Tests.Core.Features.Imports;

/// <summary>
/// The fault the province trial found (issue 13): while the largest allowed 评议数据 import ran, a
/// township's save failed, compute exited with "database is locked" and a sign-in's audit record
/// was lost, because the import held the write lock for the whole of its reading. Here a save, a
/// sign-in and a computation run while the file is read and again the moment the import takes the
/// write lock; every one must succeed, on the run's provider. The largest 助理员名册 import is held
/// to the same: a save and a sign-in while it reads and while it writes.
/// </summary>
public sealed class ImportUnderLoadTests(ITestOutputHelper output) : IAsyncLifetime
{
    /// <summary>Far above the waits measured (a second or two) and below the 30 s at which SQLite gives up: cannot flake on a loaded machine, fails on the old half-minute lock.</summary>
    private static readonly TimeSpan s_longestWait = TimeSpan.FromSeconds(30);

    private readonly CollectingCounty _county = new();

    public Task InitializeAsync() => _county.InitializeAsync();

    public Task DisposeAsync() => _county.DisposeAsync();

    [Fact]
    public async Task ImportLargestFile_SaveSignInAndComputeMeanwhile_AllSucceedWithoutLongWaits()
    {
        List<string> codes;
        await using (var db = await _county.Db.OpenAsync())
        {
            codes = await db.Postings.Where(p => p.EndedOn == null).Select(p => p.Assistant!.Code).OrderBy(c => c).ToListAsync();
        }
        var file = LargeBallotWorkbook.PartyBallots(LargeBallotWorkbook.LargestRows, codes);
        var writing = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _county.Get<ILoggerFactory>().AddProvider(new WhenLogged("rows read and checked", _ => writing.TrySetResult()));
        var durations = new ConcurrentBag<(string Phase, string Work, TimeSpan Took)>();

        var import = Stopwatch.StartNew();
        var importing = Task.Run(() => _county.Get<BallotImportService>().ImportAsync(_county.County, _county.CycleId, file, "评议数据.xlsx", replace: false));
        // While the file is read (outside any transaction) …
        await Task.Delay(TimeSpan.FromSeconds(1));
        var whileReading = OthersWorkAsync("reading", durations, 1);
        // … and while the import holds the write lock.
        await Task.WhenAny(writing.Task, importing);
        var writeBegan = import.Elapsed;
        var whileWriting = OthersWorkAsync("writing", durations, 2);
        var summary = await importing;
        var imported = import.Elapsed;
        await Task.WhenAll(whileReading, whileWriting);

        Assert.True(writing.Task.IsCompleted, "The import never reached its write.");
        Assert.Equal(LargeBallotWorkbook.LargestRows, summary.PartyBallots);
        output.WriteLine($"{TestDatabase.Provider}: import {imported.TotalSeconds:0.0} s (write lock taken at {writeBegan.TotalSeconds:0.0} s)");
        foreach (var (phase, work, took) in durations.OrderBy(d => d.Phase).ThenBy(d => d.Work))
        {
            output.WriteLine($"  {work} while {phase}: {took.TotalMilliseconds:0} ms");
        }
        Assert.Equal(6, durations.Count);
        Assert.All(durations, d => Assert.True(d.Took < s_longestWait, $"{d.Work} while {d.Phase} took {d.Took}."));
        await using var check = await _county.Db.OpenAsync();
        Assert.Equal(2, await check.AuditRecords.CountAsync(a => a.Action == AuditAction.SignedIn && a.Actor == Demo.Natong));
        Assert.Equal(LargeBallotWorkbook.LargestRows, await check.PartyBallots.CountAsync(b => b.CycleId == _county.CycleId));
    }

    [Fact]
    public async Task ImportLargestRoster_SaveAndSignInMeanwhile_BothSucceedWithoutLongWaits()
    {
        var file = LargeRosterWorkbook.NewAssistants(LargeRosterWorkbook.LargestRows);
        var writing = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _county.Get<ILoggerFactory>().AddProvider(new WhenLogged("rows read and checked", _ => writing.TrySetResult()));
        var held = "";
        _county.Get<ILoggerFactory>().AddProvider(new WhenLogged("holding the write lock", message => held = message));
        var durations = new ConcurrentBag<(string Phase, string Work, TimeSpan Took)>();

        var import = Stopwatch.StartNew();
        var importing = Task.Run(() => _county.Get<RosterImportService>().ImportAsync(_county.County, file, "助理员名册.xlsx"));
        // While the roster is read and judged (outside any transaction) …
        await Task.Delay(TimeSpan.FromSeconds(1));
        var whileReading = OthersWorkAsync("reading", durations, 1, compute: false);
        // … and while the import holds the write lock.
        await Task.WhenAny(writing.Task, importing);
        var writeBegan = import.Elapsed;
        var whileWriting = OthersWorkAsync("writing", durations, 2, compute: false);
        var summary = await importing;
        var imported = import.Elapsed;
        await Task.WhenAll(whileReading, whileWriting);

        Assert.True(writing.Task.IsCompleted, "The import never reached its write.");
        Assert.Equal((LargeRosterWorkbook.LargestRows, LargeRosterWorkbook.LargestRows), (summary.NewAssistants, summary.NewPostings));
        output.WriteLine($"{TestDatabase.Provider}: roster import {imported.TotalSeconds:0.0} s (write lock taken at {writeBegan.TotalSeconds:0.0} s). {held}");
        foreach (var (phase, work, took) in durations.OrderBy(d => d.Phase).ThenBy(d => d.Work))
        {
            output.WriteLine($"  {work} while {phase}: {took.TotalMilliseconds:0} ms");
        }
        Assert.Equal(4, durations.Count);
        Assert.All(durations, d => Assert.True(d.Took < s_longestWait, $"{d.Work} while {d.Phase} took {d.Took}."));
        await using var check = await _county.Db.OpenAsync();
        Assert.Equal(2, await check.AuditRecords.CountAsync(a => a.Action == AuditAction.SignedIn && a.Actor == Demo.Natong));
        Assert.Equal(LargeRosterWorkbook.LargestRows, await check.Postings.CountAsync(p => p.EndedOn == null && p.Assistant!.Code.StartsWith("R")));
    }

    /// <summary>A township's tally, a sign-in and (unless not asked for) a computation at once, each timed; each must succeed.</summary>
    private Task OthersWorkAsync(string phase, ConcurrentBag<(string, string, TimeSpan)> durations, int round, bool compute = true) => Task.WhenAll(
        TimedAsync(phase, "save", durations, async () =>
        {
            var input = new TallyInput { Satisfied = 10 + round, BasicallySatisfied = 2, Dissatisfied = 1, Round = $"第{round}轮" };
            Assert.True(await _county.Get<VillagerTallyService>().AddAsync(_county.Natong, _county.CycleId, _county.LangwanAssistant, input) > 0);
        }),
        TimedAsync(phase, "sign-in", durations, async () =>
            Assert.Equal(SignInStatus.Succeeded, (await _county.Get<SignInService>().SignInAsync(Demo.Natong, Demo.Password, "203.0.113.9")).Status)),
        compute
            ? TimedAsync(phase, "compute", durations, async () => Assert.True((await _county.Get<ResultService>().ComputeAsync(_county.County, _county.CycleId)).Assistants > 0))
            : Task.CompletedTask);

    private static Task TimedAsync(string phase, string work, ConcurrentBag<(string, string, TimeSpan)> durations, Func<Task> run) => Task.Run(async () =>
    {
        var watch = Stopwatch.StartNew();
        await run();
        durations.Add((phase, work, watch.Elapsed));
    });
}
