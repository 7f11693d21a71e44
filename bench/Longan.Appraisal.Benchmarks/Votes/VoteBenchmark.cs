using System.Diagnostics;
using System.Globalization;

namespace Longan.Appraisal.Benchmarks.Votes;

/// <summary>
/// <c>votes</c>: phone votes per second through the real portal over HTTP, for a township's voting
/// day (spec §11) — latency of a whole vote, the portal's memory, and a database check that every
/// thanked vote, and nothing else, was counted.
/// </summary>
internal static class VoteBenchmark
{
    public const string Verb = "votes";

    /// <summary>A tenth of villagers write a comment (the same words, which the flagging of identical comments may notice).</summary>
    private const string Comment = "希望多来村里走访，帮助村里发展产业。";

    public static async Task<int> RunAsync(string[] args)
    {
        if (VoteBenchmarkOptions.Parse(args, Console.Error) is not { } options)
        {
            await Console.Error.WriteLineAsync(VoteBenchmarkOptions.Usage);
            return 2;
        }
        using var cancel = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) => { e.Cancel = true; cancel.Cancel(); };
        var ct = cancel.Token;
        var portal = PortalProcess.Find(options.Pid, options.Url.Port);
        await using var day = new VotingDay(options.Database);
        await day.PrepareAsync(options.Year, options.Township, ct);
        Console.WriteLine(Invariant($"Portal {options.Url} (pid {(portal?.Pid.ToString(CultureInfo.InvariantCulture) ?? "not found: no memory or CPU figures")}), database {options.Database.Described}"));
        Console.WriteLine(Invariant($"{day.Township}, cycle {day.Year}: villagers' sessions, {options.Votes} votes a run, each vote = open + check + submit + thank-you"));

        using var http = new HttpClient(new SocketsHttpHandler
        {
            UseCookies = false, AllowAutoRedirect = false, MaxConnectionsPerServer = options.Concurrency.Max(),
            SslOptions = options.Insecure ? new System.Net.Security.SslClientAuthenticationOptions { RemoteCertificateValidationCallback = (_, _, _, _) => true } : new(),
        }) { Timeout = TimeSpan.FromSeconds(30) };
        var voter = new VirtualVoter(http, options.Url);
        if (options.Warmup > 0)
        {
            var warm = await RoundAsync(day, voter, options.Warmup, options.Concurrency[0], portal, ct);
            Console.WriteLine(Invariant($"warm-up: {warm.Votes} votes at {warm.Concurrency}, {warm.PerSecond:F0} votes/s, {warm.Errors} errors, {(warm.Verified ? "counted exactly" : "NOT counted exactly")}"));
        }
        var rounds = new List<Round>();
        foreach (var concurrency in options.Concurrency)
        {
            rounds.Add(await RoundAsync(day, voter, options.Votes, concurrency, portal, ct));
        }
        Print(rounds);
        return rounds.All(r => r.Errors == 0 && r.Verified) ? 0 : 1;
    }

    private static async Task<Round> RoundAsync(VotingDay day, VirtualVoter voter, int votes, int concurrency, PortalProcess? portal, CancellationToken ct)
    {
        var (sessions, codes) = await day.OpenAsync(votes, Invariant($"压测 {concurrency}"), ct);
        var outcomes = new VoteOutcome[codes.Count];
        var sent = new int[4];
        var next = -1;
        var before = portal?.ResidentMiB();
        var portalCpu = portal?.CpuTime();
        var ownCpu = Process.GetCurrentProcess().TotalProcessorTime;
        var load = File.Exists("/proc/loadavg") ? (await File.ReadAllTextAsync("/proc/loadavg", ct)).Split(' ')[0] : "–";
        var peak = before ?? 0;
        using var sampling = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var sampler = portal is null ? Task.CompletedTask : Task.Run(async () =>
        {
            using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(200));
            try
            {
                while (await timer.WaitForNextTickAsync(sampling.Token))
                {
                    peak = Math.Max(peak, portal.ResidentMiB() ?? 0);
                }
            }
            catch (OperationCanceledException)
            {
                // The run is over.
            }
        }, CancellationToken.None);

        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < codes.Count)
            {
                // Most are satisfied, some basically, a few not: 70 / 20 / 10.
                var roll = Random.Shared.Next(10);
                var choice = roll < 7 ? 1 : roll < 9 ? 2 : 3;
                outcomes[i] = await voter.VoteAsync(codes[i], choice, Random.Shared.Next(10) == 0 ? Comment : null, ct);
                if (outcomes[i].Thanked)
                {
                    Interlocked.Increment(ref sent[choice]);
                }
            }
        }, ct)));
        clock.Stop();
        var after = portal?.ResidentMiB();
        portalCpu = portal?.CpuTime() - portalCpu;
        ownCpu = Process.GetCurrentProcess().TotalProcessorTime - ownCpu;
        await sampling.CancelAsync();
        await sampler;

        var (spent, cast) = await day.CountAsync(sessions, ct);
        var counted = await day.CloseAsync(sessions, ct);
        var thanked = outcomes.Count(o => o.Thanked);
        // Exactly the thanked votes, and nothing else, were counted: codes spent, places cast, and the tallies of the closed sessions.
        var round = new Round(concurrency, codes.Count, clock.Elapsed, thanked, codes.Count - thanked, outcomes, before, Math.Max(peak, after ?? 0), after, spent, cast,
            spent == thanked && cast == thanked && counted == (sent[1], sent[2], sent[3]), portalCpu, ownCpu, load);
        foreach (var error in outcomes.Where(o => !o.Thanked).GroupBy(o => o.Error).OrderByDescending(g => g.Count()).Take(5))
        {
            Console.WriteLine(Invariant($"  error ×{error.Count()}: {error.Key}"));
        }
        if (!round.Verified)
        {
            Console.WriteLine(Invariant($"  database: {spent} codes spent, {cast} places cast, tallies {counted} — expected {thanked} and {(sent[1], sent[2], sent[3])}"));
        }
        return round;
    }

    private static void Print(IReadOnlyList<Round> rounds)
    {
        Console.WriteLine();
        Console.WriteLine("| concurrency | votes | time s | votes/s | p50 ms | p95 ms | p99 ms | max ms | errors | RSS MiB before / peak / after | spent / cast | tallies |");
        Console.WriteLine("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---|---|");
        foreach (var r in rounds)
        {
            var totals = r.Outcomes.Select(o => o.Total).ToList();
            Console.WriteLine(Invariant(
                $"| {r.Concurrency} | {r.Votes} | {r.Elapsed.TotalSeconds:F1} | {r.PerSecond:F0} | {Ms(totals, 0.50)} | {Ms(totals, 0.95)} | {Ms(totals, 0.99)} | {Ms(totals, 1)} | {r.Errors} ")
                + Invariant($"| {Mib(r.RssBefore)} / {Mib(r.RssPeak)} / {Mib(r.RssAfter)} | {r.Spent} / {r.Cast} | {(r.Verified ? "exact" : "WRONG")} |"));
        }
        Console.WriteLine();
        Console.WriteLine("CPU a vote (this machine's load average before the run):");
        foreach (var r in rounds)
        {
            Console.WriteLine(Invariant(
                $"  concurrency {r.Concurrency}: portal {(r.PortalCpu is { } cpu ? (cpu.TotalMilliseconds / r.Votes).ToString("F2", CultureInfo.InvariantCulture) : "–")} ms, benchmark {r.OwnCpu.TotalMilliseconds / r.Votes:F2} ms (load {r.LoadBefore})"));
        }
        Console.WriteLine("Steps of a thanked vote, p50 / p95 ms:");
        foreach (var r in rounds)
        {
            var thanked = r.Outcomes.Where(o => o.Thanked).ToList();
            Console.WriteLine(Invariant(
                $"  concurrency {r.Concurrency}: open {Ms(thanked.Select(o => o.Open).ToList(), 0.5)} / {Ms(thanked.Select(o => o.Open).ToList(), 0.95)}")
                + Invariant($" · check {Ms(thanked.Select(o => o.Check).ToList(), 0.5)} / {Ms(thanked.Select(o => o.Check).ToList(), 0.95)}")
                + Invariant($" · submit + thank-you {Ms(thanked.Select(o => o.Submit).ToList(), 0.5)} / {Ms(thanked.Select(o => o.Submit).ToList(), 0.95)}"));
        }
    }

    /// <summary>The nearest-rank percentile, in whole milliseconds.</summary>
    private static string Ms(IReadOnlyList<TimeSpan> values, double percentile)
    {
        if (values.Count == 0)
        {
            return "–";
        }
        var sorted = values.Order().ToList();
        var rank = Math.Clamp((int)Math.Ceiling(percentile * sorted.Count) - 1, 0, sorted.Count - 1);
        return sorted[rank].TotalMilliseconds.ToString("F0", CultureInfo.InvariantCulture);
    }

    private static string Mib(double? value) => value?.ToString("F0", CultureInfo.InvariantCulture) ?? "–";

    private static string Invariant(FormattableString text) => FormattableString.Invariant(text);

    private sealed record Round(
        int Concurrency, int Votes, TimeSpan Elapsed, int Thanked, int Errors, IReadOnlyList<VoteOutcome> Outcomes,
        double? RssBefore, double RssPeak, double? RssAfter, int Spent, int Cast, bool Verified, TimeSpan? PortalCpu, TimeSpan OwnCpu, string LoadBefore)
    {
        public double PerSecond => Thanked / Elapsed.TotalSeconds;
    }
}
