using Microsoft.Playwright;

namespace Longan.Appraisal.Tests.E2E;

/// <summary>One portal and one browser for all end-to-end tests; each test gets its own browser context (cookies).</summary>
public sealed class PortalFixture : IAsyncLifetime
{
    /// <summary>Debian's Chromium; Playwright never downloads a browser here.</summary>
    public const string ChromiumPath = "/usr/bin/chromium";

    private IPlaywright? _playwright;

    public PortalServer Server { get; private set; } = default!;

    public IBrowser Browser { get; private set; } = default!;

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException($"{ChromiumPath} is missing: install Debian's chromium (the README's test command does).");
        }
        Server = await PortalServer.StartAsync();
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
    }

    /// <summary>A fresh browser context (no cookies) with a page at the given viewport, Chinese by default.</summary>
    public async Task<IPage> NewPageAsync(int width = 1280, int height = 800)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = Server.BaseUrl,
            ViewportSize = new ViewportSize { Width = width, Height = height },
            Locale = "zh-CN",
        });
        // Generous: a 2-core CI machine building in parallel can be slow; a passing step never waits this long.
        context.SetDefaultTimeout(30_000);
        return await context.NewPageAsync();
    }

    /// <summary>A new page signed in as a demo user, with the landing page interactive.</summary>
    public async Task<IPage> SignedInPageAsync(string userName, int width = 1280, int height = 800)
    {
        var page = await NewPageAsync(width, height);
        var login = new Pages.LoginPage(page);
        await login.GotoAsync();
        await login.SignInAsync(userName, Infrastructure.Demo.Password);
        return page;
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }
        _playwright?.Dispose();
        if (Server is not null)
        {
            await Server.DisposeAsync();
        }
    }
}

/// <summary>
/// Every end-to-end test, one at a time: two portals and their browsers at once (the journeys run on
/// a portal of their own) already fill a 2-core machine.
/// </summary>
[CollectionDefinition(Name)]
public sealed class PortalCollection : ICollectionFixture<PortalFixture>, ICollectionFixture<JourneyFixture>
{
    public const string Name = "Portal";
}
