using System.Diagnostics;
using System.Globalization;
using Microsoft.Playwright;

namespace Longan.Appraisal.Benchmarks.Pages;

/// <summary>
/// `pages --url URL --pid PID [--cycle 1] [--user zzb.admin] [--password P] [--circuits 5] [--repeats 15] [--path PATH --rows SELECTOR]`:
/// the results page of a running portal timed in Chromium (issue 14). Opens the page in N signed-in
/// browsers kept open (first render: from navigation until the table shows rows on an interactive
/// page), reads the server's resident memory (/proc/PID/status) before and after for the memory one
/// circuit holds, then times next page, sort and the grade filter on one of them (inside the page: from the
/// click until the first row changes) and prints medians and p95. With `--path PATH --rows SELECTOR` it opens another page
/// instead (e.g. an assistant's collection tabs, `/cycles/1/assistants/2?group=cadres` with
/// `"[data-testid=cadre-list] tbody tr"`) and reports its first render and memory per circuit only.
/// </summary>
internal static class ResultsPageTiming
{
    public const string Verb = "pages";
    private const string ResultRows = "[data-testid=results-grid] tbody tr";

    public static async Task<int> RunAsync(string[] args)
    {
        string? Option(string name, string? fallback = null) => args.SkipWhile(a => a != "--" + name).Skip(1).FirstOrDefault() ?? fallback;
        if (Option("url") is not { } url || !int.TryParse(Option("pid"), CultureInfo.InvariantCulture, out var pid))
        {
            await Console.Error.WriteLineAsync("pages --url URL --pid PID [--cycle 1] [--user zzb.admin] [--password P] [--circuits 5] [--repeats 15] [--path PATH --rows SELECTOR]");
            return 2;
        }
        var cycle = Option("cycle", "1");
        var user = Option("user", "zzb.admin")!;
        var password = Option("password", "Longan2026!")!;
        var circuits = int.Parse(Option("circuits", "5")!, CultureInfo.InvariantCulture);
        var repeats = int.Parse(Option("repeats", "15")!, CultureInfo.InvariantCulture);
        var path = Option("path", $"/cycles/{cycle}/results")!;
        var rows = Option("rows", ResultRows)!;

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = "/usr/bin/chromium", Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });

        async Task<(IBrowserContext Context, IPage Page, double Ms)> OpenAsync()
        {
            var context = await browser.NewContextAsync(new() { BaseURL = url, ViewportSize = new() { Width = 1280, Height = 800 } });
            var page = await context.NewPageAsync();
            page.SetDefaultTimeout(120_000);
            await page.GotoAsync("/login");
            await page.FillAsync("#username", user);
            await page.FillAsync("#password", password);
            await page.ClickAsync("[data-testid=login-submit]");
            await page.WaitForURLAsync(u => !u.Contains("/login", StringComparison.Ordinal));
            await page.Locator(".mud-layout[data-interactive=true]").WaitForAsync();
            var clock = Stopwatch.StartNew();
            await page.GotoAsync(path);
            await page.Locator(".mud-layout[data-interactive=true]").WaitForAsync();
            await page.Locator(rows).First.WaitForAsync();
            return (context, page, clock.Elapsed.TotalMilliseconds);
        }

        // One circuit first, closed again: the server's code is warm and its caches are filled before anything is timed.
        var warm = await OpenAsync();
        await warm.Context.CloseAsync();
        var before = await SettledMegabytesAsync(pid);
        var open = new List<(IBrowserContext Context, IPage Page, double Ms)>();
        for (var i = 0; i < circuits; i++)
        {
            open.Add(await OpenAsync());
        }
        var after = await SettledMegabytesAsync(pid);
        Console.WriteLine($"first render: {Summary(open.Select(o => o.Ms))}");
        Console.WriteLine($"server resident memory: {before:0} MB before, {after:0} MB with {circuits} circuits open: {(after - before) / circuits:0.0} MB per circuit");
        if (rows != ResultRows)
        {
            // Another page: its pager, sort and filters are not the results grid's.
            foreach (var o in open)
            {
                await o.Context.CloseAsync();
            }
            return 0;
        }

        var page = open[0].Page;
        // Timed inside the page, as a user sees it: from the click (dispatched by the page itself) until
        // the table's first row shows something else. Playwright's own click (its checks that the
        // element is visible, stable and hit) and polling would add 60–80 ms that are not the portal's.
        async Task<double> TimedAsync(string clickedSelector, string? text = null) =>
            await page.EvaluateAsync<double>(
                """
                ([rows, clicked, text]) => new Promise((resolve, reject) => {
                    const firstRow = () => document.querySelector(rows)?.innerText;
                    const before = firstRow();
                    const target = [...document.querySelectorAll(clicked)].find(e => text === null || e.innerText.trim() === text);
                    if (!target) { reject(new Error('nothing to click: ' + clicked + ' ' + text)); return; }
                    const observer = new MutationObserver(() => {
                        if (firstRow() !== before) { observer.disconnect(); resolve(performance.now() - start); }
                    });
                    observer.observe(document.querySelector(rows).closest('table'), { subtree: true, childList: true, characterData: true });
                    const start = performance.now();
                    target.click();
                })
                """, new object?[] { rows, clickedSelector, text });

        var nextPage = new List<double>();
        for (var i = 0; i < repeats; i++)
        {
            nextPage.Add(await TimedAsync("[data-testid=results-pages] li:last-child button"));
            await page.WaitForTimeoutAsync(100);
        }
        Console.WriteLine($"next page: {Summary(nextPage)}");

        var sort = new List<double>();
        for (var i = 0; i < repeats; i++)
        {
            // Name ascending, then composite: each click changes the first row.
            sort.Add(await TimedAsync("[data-testid=results-grid] th button", i % 2 == 0 ? "姓名" : "综合得分"));
            await page.WaitForTimeoutAsync(100);
        }
        Console.WriteLine($"sort: {Summary(sort)}");

        var filter = new List<double>();
        for (var i = 0; i < repeats; i++)
        {
            await page.Locator("[data-testid=grade-filter]").ClickAsync();
            await page.Locator(".mud-popover-open .mud-list-item").First.WaitForAsync();
            filter.Add(await TimedAsync(".mud-popover-open .mud-list-item", i % 2 == 0 ? "基本称职" : "称职"));
            await page.Locator(".mud-popover-open").WaitForAsync(new() { State = WaitForSelectorState.Detached });
            await page.WaitForTimeoutAsync(100);
        }
        Console.WriteLine($"grade filter: {Summary(filter)}");

        foreach (var o in open)
        {
            await o.Context.CloseAsync();
        }
        return 0;
    }

    private static string Summary(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        var p95 = sorted[(int)Math.Ceiling(0.95 * sorted.Count) - 1];
        return string.Create(CultureInfo.InvariantCulture, $"n={sorted.Count} median {sorted[sorted.Count / 2]:0} ms, p95 {p95:0} ms, max {sorted[^1]:0} ms");
    }

    /// <summary>The server's resident memory once it has stopped moving (a circuit's work can finish after its page shows): two reads 250 ms apart within 1 MB, or what it is after 10 s.</summary>
    private static async Task<double> SettledMegabytesAsync(int pid)
    {
        var last = ResidentMegabytes(pid);
        for (var waited = 0; waited < 10_000; waited += 250)
        {
            await Task.Delay(250);
            var now = ResidentMegabytes(pid);
            if (Math.Abs(now - last) < 1)
            {
                return now;
            }
            last = now;
        }
        return last;
    }

    private static double ResidentMegabytes(int pid) =>
        File.ReadLines($"/proc/{pid}/status").Where(l => l.StartsWith("VmRSS:", StringComparison.Ordinal))
            .Select(l => double.Parse(l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024).Single();
}
