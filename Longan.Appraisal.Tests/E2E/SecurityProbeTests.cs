using System.Diagnostics;
using System.Net;
using Longan.Appraisal.Tests.E2E.Pages;
using Longan.Appraisal.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Longan.Appraisal.Tests.E2E;

/// <summary>
/// The security probe's findings, asked again of the real portal (Kestrel on a loopback port) in
/// plain HTTP as the prober asked them: a cookie replayed after sign-out, telling accounts apart,
/// return addresses, and the headers of every kind of response.
/// </summary>
[Collection(PortalCollection.Name)]
public sealed class SecurityProbeTests(PortalFixture portal)
{
    private const string Xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    [Fact]
    public async Task SignOut_ACopyOfTheCookieTakenBefore_IsRefusedEverywhere()
    {
        var cycle = await portal.Server.CycleIdAsync(2025);
        using var browser = new PortalHttp(portal.Server.BaseUrl);
        Assert.Equal(HttpStatusCode.Redirect, (await browser.SignInAsync(Demo.County)).StatusCode);
        var saved = browser.Cookies.GetCookieHeader(new Uri(portal.Server.BaseUrl));
        var before = await GetWithCookieAsync(saved, $"/cycles/{cycle}/results.xlsx");
        Assert.Equal((HttpStatusCode.OK, Xlsx), (before.StatusCode, before.Content.Headers.ContentType?.MediaType));

        Assert.Equal(HttpStatusCode.Redirect, (await browser.SignOutAsync()).StatusCode);

        foreach (var path in new[] { $"/cycles/{cycle}/results.xlsx", "/", "/accounts", $"/cycles/{cycle}/evaluations.xlsx" })
        {
            var replayed = await GetWithCookieAsync(saved, path);
            Assert.Equal(HttpStatusCode.Redirect, replayed.StatusCode);
            Assert.StartsWith("/login", replayed.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task SignIn_UnknownKnownLockedAndDeactivated_SameAnswer_AndComparableCost()
    {
        using var http = new PortalHttp(portal.Server.BaseUrl);
        // Warm both paths, then time them alternately: an unknown name must cost a password hash too.
        await http.SignInAsync("nobody.warmup", "wrong password");
        await http.SignInAsync(Demo.Chengxiang, "wrong password");
        var unknown = new List<double>();
        var known = new List<double>();
        string? unknownAnswer = null, knownAnswer = null;
        for (var i = 0; i < 4; i++)
        {
            var clock = Stopwatch.StartNew();
            unknownAnswer = await PortalHttp.LoginErrorAsync(await http.SignInAsync($"nobody{i}.dw", "wrong password"));
            unknown.Add(clock.Elapsed.TotalMilliseconds);
            clock.Restart();
            knownAnswer = await PortalHttp.LoginErrorAsync(await http.SignInAsync(i % 2 == 0 ? "yanjiang.dw" : "qiaojian.dw", "wrong password"));
            known.Add(clock.Elapsed.TotalMilliseconds);
        }

        Assert.NotNull(unknownAnswer);
        Assert.Equal(unknownAnswer, knownAnswer);
        var ratio = Median(known) / Median(unknown);
        Assert.InRange(ratio, 0.5, 2.0);

        // Locked by five failures, then the right password: still the same answer.
        for (var i = 0; i < 5; i++)
        {
            await http.SignInAsync("nanxu.dw", "wrong password " + i);
        }
        Assert.Equal(unknownAnswer, await PortalHttp.LoginErrorAsync(await http.SignInAsync("nanxu.dw")));
        Assert.Contains("锁定", unknownAnswer, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("%2F%09%2Fx")]
    [InlineData("%2F%0A%2Fx")]
    [InlineData("%2F%0D%2Fx")]
    [InlineData("%2F%2Fevil.example")]
    [InlineData("%2F%5Cevil.example")]
    [InlineData("https%3A%2F%2Fevil.example")]
    public async Task LanguageSwitch_ReturnAddressALocalRedirectRefuses_GoesHome(string returnUrl)
    {
        using var http = new PortalHttp(portal.Server.BaseUrl);

        var response = await http.GetAsync($"/culture/en?returnUrl={returnUrl}");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location!.OriginalString);
    }

    [Theory]
    [InlineData("%2Fcycles%3Fyear%3D2025", "/cycles?year=2025")]
    [InlineData("%2Fassistants%3Fq%3D%E9%BB%84", "/assistants?q=%E9%BB%84")]
    [InlineData("%2F%E9%A1%B5", "/%E9%A1%B5")]
    [InlineData("%2F%F0%9F%98%80", "/%F0%9F%98%80")]
    [InlineData("~%2Fcycles", "/cycles")]
    public async Task LanguageSwitch_ALocalReturnAddress_IsKept_EscapedForTheHeader(string returnUrl, string location)
    {
        using var http = new PortalHttp(portal.Server.BaseUrl);

        var response = await http.GetAsync($"/culture/en?returnUrl={returnUrl}");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(location, response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task SignIn_WithAChineseReturnAddress_LandsThere()
    {
        using var http = new PortalHttp(portal.Server.BaseUrl);

        var response = await http.SignInAsync(Demo.Natong, query: "?ReturnUrl=%2Fassistants%3Fq%3D%E9%BB%84");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/assistants?q=%E9%BB%84", new Uri(new Uri(portal.Server.BaseUrl), response.Headers.Location!).PathAndQuery);
    }

    [Fact]
    public async Task Headers_OnEveryKindOfResponse()
    {
        var cycle = await portal.Server.CycleIdAsync(2025);
        var langwan = await portal.Server.AssistantIdAsync(Demo.NatongTownship, Demo.LangwanVillage);
        using var http = new PortalHttp(portal.Server.BaseUrl);
        await http.SignInAsync(Demo.County);

        var responses = new Dictionary<string, HttpResponseMessage>
        {
            ["sign-in page"] = await new PortalHttp(portal.Server.BaseUrl).GetAsync("/login"),
            ["page"] = await http.GetAsync("/cycles"),
            ["results.xlsx"] = await http.GetAsync($"/cycles/{cycle}/results.xlsx"),
            ["evaluations.xlsx"] = await http.GetAsync($"/cycles/{cycle}/evaluations.xlsx"),
            ["card pdf"] = await http.GetAsync($"/cycles/{cycle}/cards/{langwan}.pdf"),
            ["template"] = await http.GetAsync("/templates/ballots"),
            ["expired batch"] = await http.GetAsync("/downloads/no-such-batch"),
            ["not found"] = await http.GetAsync("/no/such/page"),
        };
        var stylesheet = await http.GetAsync("/app.css");

        foreach (var (kind, response) in responses.Append(new("stylesheet", stylesheet)))
        {
            Assert.False(response.Headers.Contains("Server"), kind);
            Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
            Assert.Equal("same-origin", response.Headers.GetValues("Referrer-Policy").Single());
            var policy = response.Headers.GetValues("Content-Security-Policy").Single();
            foreach (var directive in new[] { "default-src 'self'", "script-src 'self'", "style-src-elem 'self' 'sha256-", "frame-ancestors 'self'", "object-src 'none'",
                         $"connect-src 'self' ws://{new Uri(portal.Server.BaseUrl).Authority}" })
            {
                Assert.Contains(directive, policy, StringComparison.Ordinal);
            }
            Assert.DoesNotContain("'unsafe-eval'", policy, StringComparison.Ordinal);
        }
        foreach (var (kind, response) in responses)
        {
            Assert.True(response.Headers.CacheControl?.NoStore, $"{kind}: Cache-Control {response.Headers.CacheControl}");
        }
        // Static assets are the only thing a browser may keep.
        Assert.False(stylesheet.Headers.CacheControl?.NoStore ?? false);
    }

    [Fact]
    public async Task BehindTls_TheAntiforgeryCookieIsSecure_LikeTheSignInCookie()
    {
        using var http = new PortalHttp(portal.Server.BaseUrl);
        // As the TLS proxy on the same host forwards a request.
        var request = new HttpRequestMessage(HttpMethod.Get, "/login");
        request.Headers.Add("X-Forwarded-Proto", "https");

        var cookies = (await http.SendAsync(request)).Headers.GetValues("Set-Cookie").ToList();

        var antiforgery = Assert.Single(cookies, c => c.StartsWith(".AspNetCore.Antiforgery", StringComparison.Ordinal));
        Assert.Contains("secure", antiforgery, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task PreparedBatch_DownloadIsNotCached()
    {
        var cycle = await portal.Server.CycleIdAsync(2025);
        var page = await portal.SignedInPageAsync(Demo.Natong);
        await page.GotoAsync($"/cycles/{cycle}/cards");
        await Shell.WaitForInteractiveAsync(page);

        await page.ClickAsync("[data-testid=card-generate]");
        var link = await page.Locator("[data-testid=card-download]").GetAttributeAsync("href", new() { Timeout = 60_000 });
        var response = await page.APIRequest.GetAsync(link!);

        Assert.Equal(("application/pdf", "no-store"), (response.Headers["content-type"], response.Headers["cache-control"]));
        Assert.Equal("nosniff", response.Headers["x-content-type-options"]);
    }

    /// <summary>Five wrong passwords lock an account (anyone who knows the name can do it); 组织部 sees the lock and lifts it.</summary>
    [Fact]
    public async Task County_SeesALockedAccount_AndLiftsTheLock()
    {
        using var stranger = new PortalHttp(portal.Server.BaseUrl);
        for (var i = 0; i < 5; i++)
        {
            await stranger.SignInAsync("dingdang.dw", "wrong password " + i);
        }
        using var owner = new PortalHttp(portal.Server.BaseUrl);
        Assert.Equal(HttpStatusCode.OK, (await owner.SignInAsync("dingdang.dw")).StatusCode);

        var page = await portal.SignedInPageAsync(Demo.County);
        await page.GotoAsync("/accounts");
        await Shell.WaitForInteractiveAsync(page);
        await page.GetByRole(AriaRole.Checkbox, new() { Name = "只看被锁定的账号" }).CheckAsync();
        var rows = page.Locator("[data-testid=accounts-grid] tbody tr");
        await Assertions.Expect(rows.Filter(new() { HasText = Demo.County })).ToHaveCountAsync(0);
        var row = rows.Filter(new() { HasText = "dingdang.dw" });
        await Assertions.Expect(row.Locator("[data-testid=account-locked]")).ToContainTextAsync("已锁定至");
        await row.Locator("[data-testid=account-unlock]").ClickAsync();
        await Assertions.Expect(page.GetByText("已解除 dingdang.dw 的登录锁定。")).ToBeVisibleAsync();

        Assert.Equal(HttpStatusCode.Redirect, (await owner.SignInAsync("dingdang.dw")).StatusCode);
    }

    /// <summary>Every page each role reaches, visited in a real browser: the browser reports no Content-Security-Policy violation.</summary>
    [Theory]
    [InlineData(Demo.County)]
    [InlineData(Demo.Natong)]
    [InlineData(Demo.Supervisor)]
    [InlineData(Demo.Assistant)]
    public async Task EveryPage_UnderThePolicy_ReportsNoViolation(string userName)
    {
        var cycle = await portal.Server.CycleIdAsync(2025);
        var langwan = await portal.Server.AssistantIdAsync(Demo.NatongTownship, Demo.LangwanVillage);
        var village = await portal.Server.VillageIdAsync(Demo.NatongTownship, Demo.LangwanVillage);
        var violations = new List<string>();
        var page = await portal.NewPageAsync(width: 360, height: 740);
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.Ordinal))
            {
                lock (violations)
                {
                    violations.Add($"{page.Url}: {message.Text}");
                }
            }
        };
        await page.GotoAsync("/login");
        await new LoginPage(page).SignInAsync(userName, Demo.Password);

        var paths = new List<string> { "/", "/account/password", "/cycles", $"/cycles/{cycle}" };
        paths.AddRange(userName switch
        {
            Demo.County => ["/accounts", "/audit", "/appeals", "/follow-up", "/cards/verify", "/townships", "/villages", $"/villages/{village}", "/assistants", $"/assistants/{langwan}",
                "/assistants/new", "/assistants/import", "/supervisors", $"/cycles/{cycle}/results", $"/cycles/{cycle}/results/{langwan}", $"/cycles/{cycle}/progress",
                $"/cycles/{cycle}/cards", $"/cycles/{cycle}/assistants/{langwan}", $"/cycles/{cycle}/attendance"],
            Demo.Natong => ["/villages", "/assistants", $"/cycles/{cycle}/results", $"/cycles/{cycle}/results/{langwan}", "/cards/verify", "/follow-up", "/appeals"],
            Demo.Supervisor => ["/collect", $"/villages/{village}"],
            _ => ["/my/results", $"/assistants/{langwan}"],
        });
        foreach (var path in paths)
        {
            await page.GotoAsync(path);
            await Shell.WaitForInteractiveAsync(page);
            // Charts, menus and popovers draw after the page is interactive.
            await page.WaitForTimeoutAsync(300);
        }

        Assert.True(violations.Count == 0, string.Join("\n", violations));
    }

    private async Task<HttpResponseMessage> GetWithCookieAsync(string cookie, string path)
    {
        using var client = new HttpClient(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = new Uri(portal.Server.BaseUrl) };
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("Cookie", cookie);
        return await client.SendAsync(request);
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return (sorted[(sorted.Count - 1) / 2] + sorted[sorted.Count / 2]) / 2;
    }
}
