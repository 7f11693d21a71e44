using System.Net;
using System.Text.RegularExpressions;
using Longan.Appraisal.Tests.E2E.Pages;
using Longan.Appraisal.Tests.Infrastructure;
using Microsoft.Playwright;
using Npgsql;

namespace Longan.Appraisal.Tests.E2E;

/// <summary>
/// Issue 13: a province's deployment — PostgreSQL, two portal nodes (separate processes on one
/// database) and nginx in front with the shipped configuration. A township works through nginx, the
/// node holding its circuit dies, the page comes back on the other node still signed in with nothing
/// lost; phone ballots cast through both nodes count once each.
/// </summary>
[Collection(PortalCollection.Name)]
public sealed partial class SeveralNodesTests(PortalFixture portal) : IAsyncLifetime
{
    private readonly string _database = $"longan_nodes_{Guid.NewGuid():N}";
    private readonly Dictionary<string, PortalServer> _nodes = [];
    private NginxProxy _nginx = default!;

    private string Connection => new NpgsqlConnectionStringBuilder(Server) { Database = _database }.ToString();

    /// <summary>The test server .ci/test starts for the whole run; without it this test fails rather than pass unseen.</summary>
    private static string Server => Environment.GetEnvironmentVariable("LONGAN_TEST_POSTGRES") is { Length: > 0 } server ? server
        : throw new InvalidOperationException("The several-nodes test needs PostgreSQL: set LONGAN_TEST_POSTGRES to a connection string for a server it may create a database on (.ci/test starts one and sets it).");

    private bool _created;

    public async Task InitializeAsync()
    {
        await ExecuteAsync(Server, $"CREATE DATABASE {_database}");
        _created = true;
        // One after the other: the first migrates and loads the demo county, the second finds both done.
        foreach (var name in new[] { "a", "b" })
        {
            _nodes[name] = await PortalServer.StartAsync(new Dictionary<string, string>
            {
                ["Appraisal__Database"] = "PostgreSQL",
                ["ConnectionStrings__Appraisal"] = Connection,
                ["Appraisal__NodeName"] = name,
                ["Appraisal__VoteRequestsPerMinute"] = "100000",
            });
        }
        _nginx = await NginxProxy.StartAsync(_nodes.Values.Select(n => n.BaseUrl));
    }

    public async Task DisposeAsync()
    {
        if (_nginx is not null)
        {
            await _nginx.DisposeAsync();
        }
        foreach (var node in _nodes.Values)
        {
            await node.DisposeAsync();
        }
        if (_created)
        {
            NpgsqlConnection.ClearAllPools();
            await ExecuteAsync(Server, $"DROP DATABASE IF EXISTS {_database} WITH (FORCE)");
        }
    }

    [Fact]
    public async Task ThroughNginx_SignInHoldsOnBothNodes_WorkSurvivesItsNodeDying_PhoneVotesCountOnceEach()
    {
        try
        {
            await WorkThroughNginxAsync();
        }
        catch (Exception ex)
        {
            // What the nodes and nginx said, beside what the test saw.
            throw new InvalidOperationException(
                $"{ex.Message}\n{string.Concat(_nodes.Select(n => $"--- node {n.Key}:\n{n.Value.Log}\n"))}--- nginx:\n{_nginx.ErrorLog}", ex);
        }
    }

    private async Task WorkThroughNginxAsync()
    {
        var affinity = await AffinityCookiesAsync();

        // A sign-in form served by one node is accepted by the other, and the cookie it gives holds on both.
        using (var handler = NginxProxy.Handler())
        using (var client = new HttpClient(handler) { BaseAddress = new Uri(_nginx.BaseUrl) })
        {
            Pin(handler, affinity["a"]);
            var form = await client.GetStringAsync("/login");
            Pin(handler, affinity["b"]);
            using var signIn = await client.PostAsync("/login", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["_handler"] = "login", ["__RequestVerificationToken"] = WebUtility.HtmlDecode(TokenPattern().Match(form).Groups[1].Value),
                ["Input.UserName"] = Demo.Natong, ["Input.Password"] = Demo.Password,
            }));
            Assert.Equal(("b", "/"), (NodeOf(signIn), signIn.RequestMessage!.RequestUri!.AbsolutePath));
            foreach (var node in new[] { "a", "b" })
            {
                Pin(handler, affinity[node]);
                using var home = await client.GetAsync("/");
                Assert.Equal((node, "/"), (NodeOf(home), home.RequestMessage!.RequestUri!.AbsolutePath));
            }
        }

        // 组织部 opens the year for collection (in a browser of its own, closed afterwards).
        var cycle = await Cycles.OpenCollectionAsync(await SignedInAsync(await BrowserAsync(), Demo.County), 2026);
        await using var browser = await BrowserAsync();
        var (assistantId, assistantCode) = await NatongAssistantAsync();

        await PhoneVotesThroughBothNodesAsync(affinity, assistantCode);

        // The township enters a tally and saves it; the node that served the page holds its circuit.
        var page = await SignedInAsync(browser, Demo.Natong);
        var entry = await page.GotoAsync($"/cycles/{cycle}/assistants/{assistantId}?group=tally");
        var holder = NodeOf(entry!);
        await Shell.WaitForInteractiveAsync(page);
        await page.Locator("[data-testid=tally-satisfied]").FillAsync("9");
        await page.Locator("[data-testid=tally-basic]").FillAsync("2");
        await page.Locator("[data-testid=tally-dissatisfied]").FillAsync("1");
        await Assertions.Expect(page.Locator("[data-testid=tally-live]")).ToContainTextAsync("本次有效票 12");
        await page.ClickAsync("[data-testid=tally-save]");
        await Assertions.Expect(page.Locator("[data-testid=tally-list]")).Not.ToContainTextAsync("还没有");
        Assert.Equal(1L, await ScalarAsync("""SELECT COUNT(*) FROM "VillagerTallies" WHERE "AssistantId" = @a AND "CycleId" = @c""", assistantId, cycle));

        // That node dies. The page's circuit is gone with it; the page comes back from the other node,
        // by itself (Blazor reloads a page whose circuit the server no longer knows) or, as a user
        // would do when the reconnect notice asks, by reloading it.
        await _nodes[holder].KillAsync();
        var survivor = holder == "a" ? "b" : "a";
        IResponse? back;
        try
        {
            back = await page.WaitForResponseAsync(r => r.Request.ResourceType == "document" && r.Url.Contains($"/assistants/{assistantId}", StringComparison.Ordinal),
                new() { Timeout = 30_000 });
        }
        catch (TimeoutException)
        {
            back = await page.ReloadAsync();
        }
        Assert.Equal(survivor, NodeOf(back!));
        Assert.Contains($"/assistants/{assistantId}", page.Url, StringComparison.Ordinal);
        await Shell.WaitForInteractiveAsync(page);
        await page.GetByRole(AriaRole.Tab, new() { Name = "群众评议" }).ClickAsync();
        var saved = page.Locator("[data-testid=tally-list] tbody tr");
        await Assertions.Expect(saved).ToHaveCountAsync(1);
        await Assertions.Expect(saved.Locator("td")).ToContainTextAsync(["9", "2", "1"]);

        // And the work goes on there: a party ballot saved on the surviving node.
        await page.GetByRole(AriaRole.Tab, new() { Name = "党组织评议" }).ClickAsync();
        foreach (var (duty, score) in new[] { "PolicyAdvocate", "PublicOpinion", "CivilAgent", "DisputeMediator", "PartyBuildingGuide" }.Zip(new[] { "18", "17", "16", "18", "17.5" }))
        {
            await page.Locator($"[data-testid=party-{duty}]").FillAsync(score);
        }
        await Assertions.Expect(page.Locator("[data-testid=party-total]")).ToHaveTextAsync("86.5");
        await page.ClickAsync("[data-testid=party-save]");
        await Assertions.Expect(page.Locator("[data-testid=party-list]")).ToContainTextAsync("86.5");
        Assert.Equal(1L, await ScalarAsync("""SELECT COUNT(*) FROM "VillagerTallies" WHERE "AssistantId" = @a AND "CycleId" = @c""", assistantId, cycle));
        Assert.Equal(1L, await ScalarAsync("""SELECT COUNT(*) FROM "PartyBallots" WHERE "AssistantId" = @a AND "CycleId" = @c""", assistantId, cycle));
    }

    /// <summary>
    /// Twelve codes: ten cast one by one, alternating nodes; one opened on both nodes at once and sent
    /// from both (the first counts, the other is told it was used); one never used. Each counts once.
    /// </summary>
    private async Task PhoneVotesThroughBothNodesAsync(IReadOnlyDictionary<string, string> affinity, string assistantCode)
    {
        var codes = await OpenSessionAsync(assistantCode, 12);
        for (var i = 0; i < 10; i++)
        {
            var node = i % 2 == 0 ? "a" : "b";
            using var voter = await PhoneVoter.OpenAsync(_nginx.BaseUrl, codes[i], PinnedHandler(affinity[node]));
            using var cast = await voter.SubmitAsync(choice: 1 + (i % 3));
            Assert.Equal((node, "/v/thanks"), (NodeOf(cast), cast.RequestMessage!.RequestUri!.AbsolutePath));
        }
        using (var onA = await PhoneVoter.OpenAsync(_nginx.BaseUrl, codes[10], PinnedHandler(affinity["a"])))
        using (var onB = await PhoneVoter.OpenAsync(_nginx.BaseUrl, codes[10], PinnedHandler(affinity["b"])))
        {
            using var first = await onA.SubmitAsync(choice: 1);
            Assert.Equal(("a", "/v/thanks"), (NodeOf(first), first.RequestMessage!.RequestUri!.AbsolutePath));
            using var second = await onB.SubmitAsync(choice: 3);
            Assert.Equal("b", NodeOf(second));
            Assert.Contains("已经投过票", await second.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        // The access log has the sign-in page's lines, and no ballot's address (its code).
        Assert.Contains("GET /login", _nginx.AccessLog, StringComparison.Ordinal);
        Assert.DoesNotContain("/v/", _nginx.AccessLog, StringComparison.Ordinal);
        Assert.Equal(11L, await ScalarAsync("""SELECT COUNT(*) FROM "PhoneBallots" WHERE "Cast" """, 0));
        Assert.Equal(1L, await ScalarAsync("""SELECT COUNT(*) FROM "PhoneBallots" WHERE NOT "Cast" """, 0));
    }

    /// <summary>A value of nginx's affinity cookie that leads to each node, found as browsers get them: by asking.</summary>
    private async Task<Dictionary<string, string>> AffinityCookiesAsync()
    {
        var found = new Dictionary<string, string>();
        for (var i = 0; found.Count < 2 && i < 64; i++)
        {
            using var handler = NginxProxy.Handler();
            using var client = new HttpClient(handler);
            using var response = await client.GetAsync(_nginx.BaseUrl + "/login");
            var given = handler.CookieContainer.GetCookies(new Uri(_nginx.BaseUrl))["longan_node"];
            Assert.NotNull(given); // nginx gives a browser without one its affinity cookie
            found.TryAdd(NodeOf(response), given.Value);
        }
        Assert.Equal(["a", "b"], found.Keys.Order());
        return found;
    }

    /// <summary>A browser of its own (cookies), reaching the portal through nginx and its self-signed certificate.</summary>
    private async Task<IBrowserContext> BrowserAsync()
    {
        var browser = await portal.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = _nginx.BaseUrl, IgnoreHTTPSErrors = true, Locale = "zh-CN", ViewportSize = new ViewportSize { Width = 1280, Height = 800 },
        });
        browser.SetDefaultTimeout(30_000);
        return browser;
    }

    private static async Task<IPage> SignedInAsync(IBrowserContext browser, string userName)
    {
        var page = await browser.NewPageAsync();
        var login = new LoginPage(page);
        await login.GotoAsync();
        await login.SignInAsync(userName, Demo.Password);
        return page;
    }

    private async Task<IReadOnlyList<string>> OpenSessionAsync(string assistant, int codes)
    {
        var dir = Directory.CreateTempSubdirectory("vote-");
        try
        {
            var list = Path.Combine(dir.FullName, "codes.txt");
            await _nodes["a"].RunVerbAsync("ballot-session", "open", "--year", "2026", "--group", "群众评议", "--assistant", assistant,
                "--codes", codes.ToString(System.Globalization.CultureInfo.InvariantCulture), "--out", Path.Combine(dir.FullName, "slips.pdf"), "--list", list, "--place", "定江村文化室");
            return File.ReadAllLines(list);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    private async Task<(int Id, string Code)> NatongAssistantAsync()
    {
        await using var connection = new NpgsqlConnection(Connection);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""
            SELECT a."Id", a."Code" FROM "Postings" p JOIN "Assistants" a ON a."Id" = p."AssistantId"
            JOIN "Villages" v ON v."Id" = p."VillageId" JOIN "Townships" t ON t."Id" = v."TownshipId"
            WHERE t."Name" = @t AND p."EndedOn" IS NULL ORDER BY a."Code" LIMIT 1
            """, connection);
        command.Parameters.AddWithValue("t", Demo.NatongTownship);
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        return (reader.GetInt32(0), reader.GetString(1));
    }

    private async Task<long> ScalarAsync(string sql, int a, int c = 0)
    {
        await using var connection = new NpgsqlConnection(Connection);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("a", a);
        command.Parameters.AddWithValue("c", c);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private HttpClientHandler PinnedHandler(string affinity)
    {
        var handler = NginxProxy.Handler();
        Pin(handler, affinity);
        return handler;
    }

    /// <summary>Sets the affinity cookie nginx hashes on, so the next requests go to the node it leads to.</summary>
    private void Pin(HttpClientHandler handler, string affinity) =>
        handler.CookieContainer.Add(new Uri(_nginx.BaseUrl), new System.Net.Cookie("longan_node", affinity, "/"));

    private static string NodeOf(HttpResponseMessage response) =>
        response.Headers.TryGetValues("X-Longan-Node", out var values) ? values.Single() : throw new InvalidOperationException($"No X-Longan-Node on {response.RequestMessage?.RequestUri}");

    private static string NodeOf(IResponse response) =>
        response.Headers.TryGetValue("x-longan-node", out var node) ? node : throw new InvalidOperationException($"No X-Longan-Node on {response.Url}");

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
