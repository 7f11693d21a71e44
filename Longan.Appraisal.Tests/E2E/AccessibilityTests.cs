using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Longan.Appraisal.Tests.E2E.Pages;
using Longan.Appraisal.Tests.Infrastructure;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Longan.Appraisal.Tests.E2E;

/// <summary>
/// axe-core (WCAG 2.0 and 2.1, A and AA; GB/T 37668-2019 follows them) on every page, for every
/// role that can open it, on a desktop and on a 360-px phone: no critical and no serious
/// violation. Pages with forms are checked while a cycle is open for collection, so the forms are
/// live; counts of every impact are written to the test output. On the phone each page is also
/// measured for what axe does not see: small type, small targets, sideways scrolling.
/// </summary>
[Collection(PortalCollection.Name)]
public sealed class AccessibilityTests(PortalFixture portal, ITestOutputHelper output)
{
    private const int OpenYear = 2031;
    private static readonly string[] StaticPages = ["/login", "/not-found", "/v", "/v/2345-6789-ABCD", "/v/thanks"];
    private static readonly SemaphoreSlim s_open = new(1, 1);
    private static int? s_openCycle;

    public static TheoryData<string, int> RolesAndWidths()
    {
        var data = new TheoryData<string, int>();
        foreach (var user in new[] { Demo.County, Demo.Natong, Demo.Supervisor, Demo.Assistant, "" })
        {
            data.Add(user, 1366);
            data.Add(user, 360);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(RolesAndWidths))]
    public async Task EveryPageOfTheRole_NoCriticalOrSeriousViolation(string user, int width)
    {
        var ids = await IdsAsync();
        var page = user.Length == 0 ? await portal.NewPageAsync(width) : await portal.SignedInPageAsync(user, width);
        var failures = new List<string>();
        foreach (var path in PagesOf(user, width, ids))
        {
            await page.GotoAsync(path);
            if (!StaticPages.Contains(path))
            {
                await Shell.WaitForInteractiveAsync(page);
            }
            await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
            var result = await page.RunAxe(new AxeRunOptions
            {
                RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
            });
            if (await page.Locator("main, [role=main]").CountAsync() != 1)
            {
                failures.Add($"{path} @ {width}px: not exactly one main landmark");
            }
            if (width < 600)
            {
                failures.AddRange((await page.EvaluateAsync<string[]>(PhoneProblemsScript)).Select(p => $"{path} @ {width}px: {p}"));
            }
            var counts = result.Violations.GroupBy(v => v.Impact ?? "none").Select(g => $"{g.Key} {g.Sum(v => v.Nodes.Length)}");
            output.WriteLine($"{(user.Length == 0 ? "anonymous" : user)} @ {width}px {path}: {string.Join(", ", counts.DefaultIfEmpty("clean"))}");
            foreach (var violation in result.Violations.Where(v => v.Impact is "critical" or "serious"))
            {
                var failure = $"{path} @ {width}px: {violation.Id} ({violation.Impact}) {violation.Help} — "
                    + string.Join(" | ", violation.Nodes.Take(3).Select(n => n.Html.Length > 160 ? n.Html[..160] : n.Html));
                output.WriteLine("  " + failure);
                failures.Add(failure);
            }
        }
        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }

    /// <summary>
    /// What an older user's phone needs beyond axe: no text drawn under 14 px (a label MudBlazor shrinks with a
    /// transform counts at its drawn size), every control at least 44 x 44 px (links inside a sentence excepted, as
    /// WCAG 2.5.5 does) and no sideways scrolling of the page.
    /// </summary>
    private const string PhoneProblemsScript = """
        () => {
          const problems = [];
          const shown = e => { const s = getComputedStyle(e), b = e.getBoundingClientRect();
            return s.visibility !== 'hidden' && s.display !== 'none' && b.width > 0 && b.height > 0 && !e.closest('.mud-popover:not(.mud-popover-open)'); };
          const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
          while (walker.nextNode()) {
            const el = walker.currentNode.parentElement;
            if (!walker.currentNode.textContent.trim() || !el || !shown(el)) continue;
            const ratio = el.offsetHeight ? el.getBoundingClientRect().height / el.offsetHeight : 1;
            const scale = ratio < 0.95 ? ratio : 1; // a transform, not rounding of a fractional height
            const size = parseFloat(getComputedStyle(el).fontSize) * scale;
            if (size < 13.9) problems.push(`text at ${size.toFixed(1)} px: "${walker.currentNode.textContent.trim().slice(0, 20)}"`);
          }
          for (const el of document.querySelectorAll('button, a[href], input:not([type=hidden]):not([type=checkbox]):not([type=radio]), select, textarea, [role=button], [role=tab], .mud-radio')) {
            if (!shown(el) || el.closest('p')) continue;
            const b = el.getBoundingClientRect();
            if (b.width < 44 || b.height < 44) problems.push(`target of ${Math.round(b.width)} x ${Math.round(b.height)} px: ${el.tagName.toLowerCase()} "${(el.innerText || el.getAttribute('aria-label') || el.getAttribute('data-testid') || '').trim().slice(0, 20)}"`);
          }
          if (document.documentElement.scrollWidth > window.innerWidth) problems.push(`page scrolls sideways: ${document.documentElement.scrollWidth} px in ${window.innerWidth}`);
          return problems.slice(0, 10);
        }
        """;

    /// <summary>
    /// The pages a role reaches, with real ids: a published year (2025), a year open for collection, the demo's 浪湾村 and
    /// its assistant. 组织部 works at a desk: on a phone only what it reads there (home, appeals, results) is checked again.
    /// </summary>
    private static IEnumerable<string> PagesOf(string user, int width, Ids ids) => user switch
    {
        Demo.County when width < 600 =>
        [
            "/", "/appeals", $"/cycles/{ids.Published}/results", $"/cycles/{ids.Published}/results/{ids.Assistant}", $"/cycles/{ids.Open}/progress",
        ],
        Demo.County =>
        [
            "/", "/cycles", $"/cycles/{ids.Published}", $"/cycles/{ids.Open}", $"/cycles/{ids.Open}/progress", $"/cycles/{ids.Open}/verify",
            $"/cycles/{ids.Open}/attendance", $"/cycles/{ids.Open}/assistants/{ids.Assistant}", $"/cycles/{ids.Open}/import", $"/cycles/{ids.Open}/sessions",
            $"/cycles/{ids.Published}/results", $"/cycles/{ids.Published}/results/{ids.Assistant}", $"/cycles/{ids.Published}/cards",
            "/appeals", "/follow-up", "/cards/verify", "/townships", "/villages", $"/villages/{ids.Village}", "/assistants",
            $"/assistants/{ids.Assistant}", $"/assistants/{ids.Assistant}/edit", "/assistants/new", "/assistants/import", "/supervisors",
            "/accounts", "/audit", "/account/password", "/not-found",
        ],
        Demo.Natong =>
        [
            "/", "/collect", "/cycles", $"/cycles/{ids.Open}", $"/cycles/{ids.Open}/progress", $"/cycles/{ids.Open}/verify", $"/cycles/{ids.Open}/attendance",
            $"/cycles/{ids.Open}/assistants/{ids.Assistant}", $"/cycles/{ids.Open}/import", $"/cycles/{ids.Open}/sessions", $"/cycles/{ids.Published}/results",
            $"/cycles/{ids.Published}/results/{ids.Assistant}", $"/cycles/{ids.Published}/cards", "/villages", $"/villages/{ids.Village}",
            "/assistants", $"/assistants/{ids.Assistant}", "/supervisors", "/account/password",
        ],
        Demo.Supervisor => ["/", "/collect", $"/cycles/{ids.Open}/assistants/{ids.Assistant}", "/account/password", "/access-denied"],
        Demo.Assistant => ["/", "/my/results", "/account/password"],
        _ => ["/login", "/v", "/v/2345-6789-ABCD", "/v/thanks"],
    };

    private sealed record Ids(int Published, int Open, int Assistant, int Village);

    private async Task<Ids> IdsAsync()
    {
        await s_open.WaitAsync();
        try
        {
            s_openCycle ??= await Cycles.OpenCollectionAsync(portal, OpenYear);
        }
        finally
        {
            s_open.Release();
        }
        return new Ids(await portal.Server.CycleIdAsync(2025), s_openCycle.Value,
            await portal.Server.AssistantIdAsync(Demo.NatongTownship, Demo.LangwanVillage), await portal.Server.VillageIdAsync(Demo.NatongTownship, Demo.LangwanVillage));
    }
}
