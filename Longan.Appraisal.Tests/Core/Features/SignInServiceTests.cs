using Longan.Appraisal.Core.Domain.Audit;
using Longan.Appraisal.Core.Features.Accounts;
using Longan.Appraisal.Core.Features.Common;
using Longan.Appraisal.Core.Security;
using Longan.Appraisal.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Longan.Appraisal.Tests.Core.Features;

/// <summary>
/// Signing in tells nobody which accounts exist (one answer for every failure), failures are
/// counted per account and per address, and sessions end where the account says so.
/// </summary>
public sealed class SignInServiceTests : IAsyncLifetime
{
    private const string Address = "203.0.113.7";
    private TestDatabase _db = default!;

    private SignInService SignIn => _db.Get<SignInService>();
    private SessionService Sessions => _db.Get<SessionService>();
    private FixedClock Clock => (FixedClock)_db.Get<TimeProvider>();

    public async Task InitializeAsync() => _db = await TestDatabase.CreateAsync(demoCounty: true);

    public async Task DisposeAsync() => await _db.DisposeAsync();

    private async Task<string> IdOfAsync(string userName) =>
        (await _db.Get<AccountService>().QueryAsync(Caller.System, new PageRequest(userName))).Items.Single(a => a.UserName == userName).Id;

    private async Task<List<string?>> FailureReasonsAsync()
    {
        await using var db = await _db.OpenAsync();
        return await db.AuditRecords.Where(a => a.Action == AuditAction.SignInFailed).OrderBy(a => a.Id).Select(a => a.Summary).ToListAsync();
    }

    [Fact]
    public async Task EveryKindOfFailure_GetsTheSameAnswer_OnlyTheTrailTellsThemApart()
    {
        await _db.Get<AccountService>().SetActiveAsync(Caller.System, await IdOfAsync("buquan.dw"), active: false);
        for (var i = 0; i < 5; i++)
        {
            await SignIn.SignInAsync("gutan.dw", "wrong " + i, Address);
        }

        var outcomes = new[]
        {
            await SignIn.SignInAsync("nobody.here", "whatever1", Address),
            await SignIn.SignInAsync(Demo.Natong, "not the password", Address),
            await SignIn.SignInAsync("gutan.dw", Demo.Password, Address),
            await SignIn.SignInAsync("buquan.dw", Demo.Password, Address),
        };

        Assert.All(outcomes, o => Assert.Equal(new SignInOutcome(SignInStatus.Failed), o));
        Assert.Equal(["无此账号，来自 203.0.113.7", "密码错误，来自 203.0.113.7", "账号已锁定（连续输错密码），来自 203.0.113.7", "账号已停用，来自 203.0.113.7"],
            (await FailureReasonsAsync())[^4..]);
    }

    [Fact]
    public async Task Success_StartsASessionThatSignOutEnds()
    {
        var outcome = await SignIn.SignInAsync(" ｎａｔｏｎｇ.dw ", Demo.Password, Address);

        Assert.Equal((SignInStatus.Succeeded, Demo.Natong), (outcome.Status, outcome.User!.UserName));
        Assert.True(await Sessions.IsActiveAsync(outcome.SessionId));
        await using (var db = await _db.OpenAsync())
        {
            // Only a hash of the cookie's id is kept.
            Assert.DoesNotContain(await db.SignInSessions.Select(s => s.IdHash).ToListAsync(), h => h == outcome.SessionId);
        }

        await Sessions.EndAsync(outcome.SessionId);

        Assert.False(await Sessions.IsActiveAsync(outcome.SessionId));
        Assert.False(await Sessions.IsActiveAsync("made-up"));
        Assert.False(await Sessions.IsActiveAsync(null));
    }

    [Fact]
    public async Task Session_EndsAfterItsLifetime_HoweverActive()
    {
        var outcome = await SignIn.SignInAsync(Demo.Natong, Demo.Password, Address);

        // Used every 20 minutes for a whole day's work.
        var used = TimeSpan.Zero;
        while (used + TimeSpan.FromMinutes(20) < SessionService.MaxLifetime)
        {
            Clock.Advance(TimeSpan.FromMinutes(20));
            used += TimeSpan.FromMinutes(20);
            Assert.True(await Sessions.IsActiveAsync(outcome.SessionId));
            await Sessions.TouchAsync(outcome.SessionId);
        }
        Clock.Advance(SessionService.MaxLifetime - used);
        Assert.False(await Sessions.IsActiveAsync(outcome.SessionId));
    }

    [Fact]
    public async Task Session_LeftAlone_EndsAfterThirtyMinutes_AnyUseKeepsItOpen()
    {
        var outcome = await SignIn.SignInAsync(Demo.Natong, Demo.Password, Address);

        Clock.Advance(TimeSpan.FromMinutes(25));
        await Sessions.TouchAsync(outcome.SessionId);
        Clock.Advance(TimeSpan.FromMinutes(25));
        Assert.True(await Sessions.IsActiveAsync(outcome.SessionId));

        // An open page left alone: nothing touches the session; its 15-second check finds it over.
        Clock.Advance(SessionService.IdleTimeout - TimeSpan.FromMinutes(25) + TimeSpan.FromSeconds(1));
        Assert.False(await Sessions.IsActiveAsync(outcome.SessionId));
    }

    [Fact]
    public async Task OwnPasswordChange_KeepsThisSession_EndsTheOthers()
    {
        var phone = await SignIn.SignInAsync(Demo.Natong, Demo.Password, Address);
        var office = await SignIn.SignInAsync(Demo.Natong, Demo.Password, Address);
        var caller = (await _db.CallerAsync(Demo.Natong)) with { SessionId = office.SessionId };

        await _db.Get<AccountService>().ChangeOwnPasswordAsync(caller, Demo.Password, "a new long phrase");

        Assert.True(await Sessions.IsActiveAsync(office.SessionId));
        Assert.False(await Sessions.IsActiveAsync(phone.SessionId));
    }

    [Fact]
    public async Task CountyResetsPasswordOrDeactivates_EveryOpenSessionEnds()
    {
        var natong = await SignIn.SignInAsync(Demo.Natong, Demo.Password, Address);
        var chengxiang = await SignIn.SignInAsync(Demo.Chengxiang, Demo.Password, Address);
        var accounts = _db.Get<AccountService>();

        await accounts.ResetPasswordAsync(Caller.System, natong.User!.Id, "another long phrase");
        await accounts.SetActiveAsync(Caller.System, chengxiang.User!.Id, active: false);

        Assert.False(await Sessions.IsActiveAsync(natong.SessionId));
        Assert.False(await Sessions.IsActiveAsync(chengxiang.SessionId));
    }

    [Fact]
    public async Task TooManyFailuresFromOneAddress_RefuseThatAddressOnly_WhateverTheName()
    {
        var limit = _db.Get<IOptions<SignInLimits>>().Value.SignInFailuresPerAddress;
        for (var i = 0; i < limit; i++)
        {
            // Many names, so no account reaches its own lockout.
            await SignIn.SignInAsync($"guess{i}.dw", "guess", Address);
        }

        Assert.Equal(SignInStatus.AddressBlocked, (await SignIn.SignInAsync(Demo.Natong, Demo.Password, Address)).Status);
        Assert.Equal(SignInStatus.Succeeded, (await SignIn.SignInAsync(Demo.Natong, Demo.Password, "198.51.100.1")).Status);
        Clock.Advance(SignInService.AddressWindow + TimeSpan.FromSeconds(1));
        Assert.Equal(SignInStatus.Succeeded, (await SignIn.SignInAsync(Demo.Natong, Demo.Password, Address)).Status);
        Assert.Equal("该网络地址登录失败次数过多，暂停受理，来自 203.0.113.7", (await FailureReasonsAsync())[^1]);
    }

    [Fact]
    public async Task CountyLiftsALockout_TheOwnerSignsInAtOnce_AndTheActIsRecorded()
    {
        for (var i = 0; i < 5; i++)
        {
            await SignIn.SignInAsync("dujie.dw", "wrong " + i, Address);
        }
        var accounts = _db.Get<AccountService>();
        var id = await IdOfAsync("dujie.dw");
        Assert.Contains((await accounts.QueryAsync(Caller.System, new PageRequest(), lockedOnly: true)).Items, a => a.UserName == "dujie.dw");
        Assert.Equal(SignInStatus.Failed, (await SignIn.SignInAsync("dujie.dw", Demo.Password, Address)).Status);

        await accounts.UnlockAsync(Caller.System, id);

        Assert.Empty((await accounts.QueryAsync(Caller.System, new PageRequest(), lockedOnly: true)).Items);
        Assert.Equal(SignInStatus.Succeeded, (await SignIn.SignInAsync("dujie.dw", Demo.Password, Address)).Status);
        await using var db = await _db.OpenAsync();
        Assert.True(await db.AuditRecords.AnyAsync(a => a.Summary == "解除 dujie.dw 的登录锁定" && a.Actor == "system"));
    }

    [Fact]
    public async Task ManyWrongPasswordsAtOnce_LockTheAccount_AndNoMoreThanFiveAreEverTried()
    {
        var outcomes = await Task.WhenAll(Enumerable.Range(0, 16).Select(i => Task.Run(() => SignIn.SignInAsync(Demo.Natong, "wrong " + i, Address))));

        Assert.All(outcomes, o => Assert.Equal(SignInStatus.Failed, o.Status));
        var reasons = (await FailureReasonsAsync()).TakeLast(16).ToList();
        Assert.Equal(4, reasons.Count(r => r!.StartsWith("密码错误", StringComparison.Ordinal)));
        Assert.Equal(12, reasons.Count(r => r!.StartsWith("账号已锁定", StringComparison.Ordinal)));
        Assert.Equal(SignInStatus.Failed, (await SignIn.SignInAsync(Demo.Natong, Demo.Password, Address)).Status);
    }

    [Fact]
    public async Task ManyAttemptsAtOnceFromOneAddress_NoMoreThanTheLimitAreTried()
    {
        var limit = _db.Get<IOptions<SignInLimits>>().Value.SignInFailuresPerAddress;

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 2 * limit).Select(i => Task.Run(() => SignIn.SignInAsync($"guess{i}.dw", "guess", Address))));

        Assert.Equal(limit, outcomes.Count(o => o.Status == SignInStatus.Failed));
        Assert.Equal(limit, outcomes.Count(o => o.Status == SignInStatus.AddressBlocked));
    }

    [Fact]
    public async Task LockoutRunsOut_ANewRunOfFiveBegins()
    {
        for (var i = 0; i < 5; i++)
        {
            await SignIn.SignInAsync(Demo.Natong, "wrong " + i, Address);
        }
        Clock.Advance(TimeSpan.FromMinutes(AccountsServiceCollectionExtensions.LockoutMinutes) + TimeSpan.FromSeconds(1));

        await SignIn.SignInAsync(Demo.Natong, "wrong again", Address);

        Assert.Equal(SignInStatus.Succeeded, (await SignIn.SignInAsync(Demo.Natong, Demo.Password, "198.51.100.9")).Status);
    }

    [Theory]
    [InlineData("203.0.113.7", "203.0.113.7")]
    [InlineData("::ffff:203.0.113.7", "203.0.113.7")]
    [InlineData("2001:db8:1:2:3:4:5:6", "2001:db8:1:2::/64")]
    [InlineData("2001:db8:1:2:ffff::1", "2001:db8:1:2::/64")]
    [InlineData(null, "")]
    public void AddressKey_IPv6CountedByItsNetwork(string? address, string key) => Assert.Equal(key, SignInService.AddressKey(address));

    [Fact]
    public async Task County_SeesABlockedAddress_AndLiftsIt()
    {
        var limit = _db.Get<IOptions<SignInLimits>>().Value.SignInFailuresPerAddress;
        for (var i = 0; i < limit; i++)
        {
            await SignIn.SignInAsync($"guess{i}.dw", "guess", Address);
        }

        var blocked = Assert.Single(await SignIn.BlockedAddressesAsync(Caller.System));
        Assert.Equal((Address, limit, Clock.GetUtcNow() + SignInService.AddressWindow), (blocked.Address, blocked.Failures, blocked.Until));
        await Assert.ThrowsAsync<AccessDeniedException>(async () => await SignIn.BlockedAddressesAsync(await _db.CallerAsync(Demo.Natong)));

        await SignIn.UnblockAsync(Caller.System, Address);

        Assert.Empty(await SignIn.BlockedAddressesAsync(Caller.System));
        Assert.Equal(SignInStatus.Succeeded, (await SignIn.SignInAsync(Demo.Natong, Demo.Password, Address)).Status);
    }

    [Fact]
    public void Limits_BelowOneAccountsLockout_AreNamedAsAProblem()
    {
        Assert.Null(new SignInLimits().Problem());
        Assert.NotNull(new SignInLimits { SignInFailuresPerAddress = 2 }.Problem());
        Assert.NotNull(new SignInLimits { SignInAttemptsPerMinute = 0 }.Problem());
        Assert.NotNull(_db.Services.GetService<IOptions<SignInLimits>>());
    }

    [Fact]
    public async Task AttemptsPerMinute_AreCountedInTheDatabase_SoTwoNodesTogetherGiveNoMoreThanTheLimit()
    {
        static void ThreeAMinute(IServiceCollection services) => services.Configure<SignInLimits>(l => l.SignInAttemptsPerMinute = 3);
        await using var nodeA = _db.AnotherNode(Clock, ThreeAMinute);
        await using var nodeB = _db.AnotherNode(Clock, ThreeAMinute);
        var a = nodeA.GetRequiredService<SignInService>();
        var b = nodeB.GetRequiredService<SignInService>();
        var recordedBefore = (await FailureReasonsAsync()).Count;

        Assert.Equal(SignInStatus.Succeeded, (await a.SignInAsync(Demo.Natong, Demo.Password, Address)).Status);
        Assert.Equal(SignInStatus.Failed, (await a.SignInAsync(Demo.Natong, "wrong", Address)).Status);
        Assert.Equal(SignInStatus.Failed, (await b.SignInAsync("nobody.here", "wrong", Address)).Status);
        // The fourth post within the minute, on either node, is not even read — the right password included — and leaves no record.
        Assert.Equal(new SignInOutcome(SignInStatus.TooFrequent), await b.SignInAsync(Demo.Natong, Demo.Password, Address));
        Assert.Equal(new SignInOutcome(SignInStatus.TooFrequent), await a.SignInAsync(Demo.Natong, Demo.Password, Address));
        Assert.Equal(recordedBefore + 2, (await FailureReasonsAsync()).Count);
        Assert.Equal(SignInStatus.Succeeded, (await b.SignInAsync(Demo.Natong, Demo.Password, "203.0.113.8")).Status);

        Clock.Advance(SignInService.AttemptWindow);
        Assert.Equal(SignInStatus.Succeeded, (await b.SignInAsync(Demo.Natong, Demo.Password, Address)).Status);
    }
}
