using System.Reflection;
using System.Security.Claims;
using Longan.Appraisal.Core.Features.Accounts;
using Longan.Appraisal.Core.Security;
using Longan.Appraisal.Tests.Infrastructure;
using Longan.Appraisal.Web.Security;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.Logging.Abstractions;

namespace Longan.Appraisal.Tests.Web.Security;

/// <summary>An open page (a circuit) asks every 15 seconds whether its session still stands, as every request does; its actions count as use.</summary>
public sealed class SessionRevalidationTests : IAsyncLifetime
{
    private TestDatabase _db = default!;

    public async Task InitializeAsync() => _db = await TestDatabase.CreateAsync(demoCounty: true);

    public async Task DisposeAsync() => await _db.DisposeAsync();

    private async Task<bool> StillValidAsync(string? sessionId)
    {
        var provider = new RevalidatingIdentityStateProvider(NullLoggerFactory.Instance, _db.Get<SessionService>());
        var principal = new ClaimsPrincipal(new ClaimsIdentity(sessionId is null ? [] : [new Claim(AppClaimTypes.SessionId, sessionId)], "test"));
        var validate = typeof(RevalidatingIdentityStateProvider).GetMethod("ValidateAuthenticationStateAsync", BindingFlags.Instance | BindingFlags.NonPublic)!;
        return await (Task<bool>)validate.Invoke(provider, [new AuthenticationState(principal), CancellationToken.None])!;
    }

    [Fact]
    public async Task OpenPage_LosesItsSession_WhenSignedOutElsewhereOrDeactivated()
    {
        var signIn = _db.Get<SignInService>();
        var first = await signIn.SignInAsync(Demo.Natong, Demo.Password, "127.0.0.1");
        var second = await signIn.SignInAsync(Demo.Chengxiang, Demo.Password, "127.0.0.1");
        Assert.True(await StillValidAsync(first.SessionId));

        await _db.Get<SessionService>().EndAsync(first.SessionId);
        await _db.Get<AccountService>().SetActiveAsync(Caller.System, second.User!.Id, active: false);

        Assert.False(await StillValidAsync(first.SessionId));
        Assert.False(await StillValidAsync(second.SessionId));
        Assert.False(await StillValidAsync(null));
    }

    [Fact]
    public async Task AnActionOnAnOpenPage_KeepsTheSessionFromTimingOut()
    {
        var clock = (FixedClock)_db.Get<TimeProvider>();
        var sessions = _db.Get<SessionService>();
        var outcome = await _db.Get<SignInService>().SignInAsync(Demo.Natong, Demo.Password, "127.0.0.1");
        var principal = new ClaimsPrincipal(new ClaimsIdentity([new Claim(AppClaimTypes.SessionId, outcome.SessionId!)], "test"));
        var handler = new SessionActivity(new Signed(principal), sessions).CreateInboundActivityHandler(_ => Task.CompletedTask);

        clock.Advance(TimeSpan.FromMinutes(20));
        await handler(null!);
        clock.Advance(TimeSpan.FromMinutes(20));

        Assert.True(await StillValidAsync(outcome.SessionId));
        clock.Advance(SessionService.IdleTimeout);
        Assert.False(await StillValidAsync(outcome.SessionId));
    }

    private sealed class Signed(ClaimsPrincipal user) : AuthenticationStateProvider
    {
        public override Task<AuthenticationState> GetAuthenticationStateAsync() => Task.FromResult(new AuthenticationState(user));
    }
}
