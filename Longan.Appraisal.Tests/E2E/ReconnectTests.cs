using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Longan.Appraisal.Tests.E2E.Pages;
using Longan.Appraisal.Tests.Infrastructure;
using Microsoft.Playwright;

namespace Longan.Appraisal.Tests.E2E;

/// <summary>The dialog a user sees when the page loses its connection (a village network, a node restarting).</summary>
[Collection(PortalCollection.Name)]
public sealed class ReconnectTests(PortalFixture portal)
{
    [Fact]
    public async Task ConnectionLost_OnAPhone_ChineseAccessibleDialogThenBackWithoutReload()
    {
        var page = await portal.NewPageAsync(360, 740);
        // The page's connection goes through the test, which can cut it and refuse new ones, as a
        // network that drops does, while the server keeps the circuit.
        var cut = false;
        var sockets = new List<IWebSocketRoute>();
        await page.RouteWebSocketAsync("**/_blazor*", async socket =>
        {
            if (cut)
            {
                await socket.CloseAsync();
                return;
            }
            socket.ConnectToServer();
            lock (sockets)
            {
                sockets.Add(socket);
            }
        });
        await page.RouteAsync("**/_blazor/negotiate*", route => cut ? route.AbortAsync("internetdisconnected") : route.ContinueAsync());
        var login = new LoginPage(page);
        await login.GotoAsync();
        await login.SignInAsync(Demo.Natong, Demo.Password);
        await Shell.WaitForInteractiveAsync(page);
        await page.EvaluateAsync("() => { window.__sameDocument = true; }");

        cut = true;
        foreach (var socket in sockets.ToList())
        {
            await socket.CloseAsync();
        }

        var dialog = page.Locator("#components-reconnect-modal");
        await Assertions.Expect(dialog).ToBeVisibleAsync();
        await Assertions.Expect(dialog).ToContainTextAsync("正在重新连接");
        await Assertions.Expect(dialog.GetByRole(AriaRole.Heading)).ToHaveTextAsync("与服务器的连接中断");
        Assert.Equal("assertive", await dialog.Locator("[role=status]").GetAttributeAsync("aria-live"));
        var box = await dialog.BoundingBoxAsync();
        Assert.True(box is not null && box.X >= 0 && box.X + box.Width <= 360, $"dialog at {box?.X} + {box?.Width} in 360 px");
        // The dialog fades and slides in over about two seconds: contrast is judged once it has arrived
        // (the spinner's endless animation aside), not halfway transparent.
        await dialog.EvaluateAsync("d => Promise.all(d.getAnimations({ subtree: true }).filter(a => a.effect.getComputedTiming().iterations !== Infinity).map(a => a.finished))");
        var axe = await page.RunAxe(new AxeRunOptions { RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } });
        var serious = axe.Violations.Where(v => v.Impact is "critical" or "serious").Select(v => $"{v.Id}: {v.Help}").ToList();
        Assert.True(serious.Count == 0, string.Join("; ", serious));

        // The network comes back: the next attempt rejoins the same circuit, no reload, the dialog goes.
        await Assertions.Expect(dialog).ToContainTextAsync("第");
        cut = false;
        await Assertions.Expect(dialog).ToBeHiddenAsync(new() { Timeout = 60_000 });
        Assert.True(await page.EvaluateAsync<bool>("() => window.__sameDocument === true"));
    }

    [Fact]
    public async Task ConnectionLost_English_DialogInEnglish()
    {
        var page = await portal.NewPageAsync(360, 740);
        await page.GotoAsync("/culture/en?returnUrl=%2Flogin");
        var sockets = new List<IWebSocketRoute>();
        var cut = false;
        await page.RouteWebSocketAsync("**/_blazor*", async socket =>
        {
            if (cut)
            {
                await socket.CloseAsync();
                return;
            }
            socket.ConnectToServer();
            sockets.Add(socket);
        });
        await page.RouteAsync("**/_blazor/negotiate*", route => cut ? route.AbortAsync("internetdisconnected") : route.ContinueAsync());
        await new LoginPage(page).SignInAsync(Demo.Natong, Demo.Password);
        await Shell.WaitForInteractiveAsync(page);

        cut = true;
        foreach (var socket in sockets.ToList())
        {
            await socket.CloseAsync();
        }

        await Assertions.Expect(page.Locator("#components-reconnect-modal")).ToContainTextAsync("Reconnecting");
    }
}
