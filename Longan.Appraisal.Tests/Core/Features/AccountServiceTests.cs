using Longan.Appraisal.Core;
using Longan.Appraisal.Core.Domain;
using Longan.Appraisal.Core.Features.Accounts;
using Longan.Appraisal.Core.Features.Common;
using Longan.Appraisal.Core.Security;
using Longan.Appraisal.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Longan.Appraisal.Tests.Core.Features;

public sealed class AccountServiceTests : IAsyncLifetime
{
    private TestDatabase _db = default!;
    private int _natong;

    private AccountService Service => _db.Get<AccountService>();

    public async Task InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync(demoCounty: true);
        await using var db = await _db.OpenAsync();
        _natong = await db.Townships.Where(t => t.Name == Demo.NatongTownship).Select(t => t.Id).SingleAsync();
    }

    public async Task DisposeAsync() => await _db.DisposeAsync();

    private async Task<T> WithUsersAsync<T>(Func<UserManager<AppUser>, Task<T>> action)
    {
        await using var scope = _db.Services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>());
    }

    private async Task<AppUser> UserAsync(string id) => await WithUsersAsync(async u => (await u.FindByIdAsync(id))!);

    [Fact]
    public void Registration_UsesTheCountysPasswordAndLockoutPolicy()
    {
        var services = new ServiceCollection().AddLogging().AddAppraisalCore("Data Source=:memory:").BuildServiceProvider();

        var hasher = services.GetRequiredService<IOptions<PasswordHasherOptions>>().Value;
        var identity = services.GetRequiredService<IOptions<IdentityOptions>>().Value;

        Assert.True(hasher.IterationCount >= 210_000);
        Assert.Equal(PasswordHasherCompatibilityMode.IdentityV3, hasher.CompatibilityMode);
        Assert.Equal(5, identity.Lockout.MaxFailedAccessAttempts);
        Assert.True(identity.Lockout.AllowedForNewUsers);
        Assert.True(identity.Password.RequiredLength >= 8);
        Assert.False(identity.Password.RequireDigit || identity.Password.RequireUppercase || identity.Password.RequireNonAlphanumeric);
    }

    [Fact]
    public async Task Create_TownshipAccount_ResolvesToThatTownshipsScope()
    {
        var id = await Service.CreateAsync(Caller.System, new AccountInput { UserName = "natong.clerk", DisplayName = "那桐镇组织委员", Role = AppRole.Township, TownshipId = _natong, Password = "long enough phrase" });

        var caller = await _db.CallerAsync("natong.clerk");
        Assert.Equal((id, AppRole.Township, _natong), (caller.UserId, caller.Role, caller.TownshipId));
    }

    [Fact]
    public async Task Create_SupervisorAccount_ScopeIsTheSupervisorsVillage()
    {
        var caller = await _db.CallerAsync(Demo.Supervisor);

        Assert.Equal(AppRole.Supervisor, caller.Role);
        Assert.Equal(await _db.VillageIdAsync(Demo.NatongTownship, Demo.LangwanVillage), caller.VillageId);
        Assert.Equal(_natong, caller.TownshipId);
    }

    [Theory]
    [InlineData(AppRole.Township, "乡镇党委账号必须选择所属乡镇。")]
    [InlineData(AppRole.Supervisor, "五老监督员账号必须关联一名在册的监督员。")]
    [InlineData(AppRole.Assistant, "助理员账号必须关联一名在册的助理员。")]
    public async Task Create_RoleWithoutScope_Refused(AppRole role, string message)
    {
        var ex = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            Service.CreateAsync(Caller.System, new AccountInput { UserName = "someone", DisplayName = "某人", Role = role, Password = "long enough phrase" }));

        Assert.Equal(message, ex.Errors.Single().Message);
    }

    [Fact]
    public async Task Create_ShortPasswordAndTakenName_ChineseMessagesOnTheirFields()
    {
        var shortPassword = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            Service.CreateAsync(Caller.System, new AccountInput { UserName = "new.user", DisplayName = "新用户", Role = AppRole.County, Password = "abc" }));
        var taken = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            Service.CreateAsync(Caller.System, new AccountInput { UserName = Demo.Natong, DisplayName = "重复", Role = AppRole.County, Password = "long enough phrase" }));

        Assert.Contains(shortPassword.Errors, e => e.Field == AccountService.PasswordField && e.Message == "密码至少需要 8 位。");
        Assert.Contains(taken.Errors, e => e.Field == nameof(AccountInput.UserName) && e.Message == "登录名“natong.dw”已被使用。");
    }

    [Fact]
    public async Task Create_UserNameWithChinese_Refused()
    {
        var ex = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            Service.CreateAsync(Caller.System, new AccountInput { UserName = "那桐", DisplayName = "那桐", Role = AppRole.County, Password = "long enough phrase" }));

        Assert.Contains(ex.Errors, e => e.Field == nameof(AccountInput.UserName) && e.Message.StartsWith("登录名只能包含", StringComparison.Ordinal));
    }

    [Fact]
    public async Task FiveFailedSignIns_LockTheAccount()
    {
        var locked = await WithUsersAsync(async users =>
        {
            var user = (await users.FindByNameAsync(Demo.Natong))!;
            for (var i = 0; i < 5; i++)
            {
                await users.AccessFailedAsync(user);
            }
            return await users.IsLockedOutAsync(user);
        });

        Assert.True(locked);
    }

    [Fact]
    public async Task SetActive_False_BlocksSignInAndChangesTheSecurityStamp()
    {
        var id = (await UserAsync(await IdOfAsync(Demo.Natong))).Id;
        var stamp = (await UserAsync(id)).SecurityStamp;

        await Service.SetActiveAsync(Caller.System, id, false);

        var user = await UserAsync(id);
        Assert.False(user.IsActive);
        Assert.True(await WithUsersAsync(u => u.IsLockedOutAsync(user)));
        Assert.NotEqual(stamp, user.SecurityStamp);
    }

    [Fact]
    public async Task SetActive_FalseOnOwnAccount_Refused()
    {
        var county = await _db.CallerAsync(Demo.County);

        await Assert.ThrowsAsync<RuleViolationException>(() => Service.SetActiveAsync(county, county.UserId, false));
    }

    [Fact]
    public async Task ResetPassword_NewPasswordWorksAndLockoutIsLifted()
    {
        var id = await IdOfAsync(Demo.Natong);
        await WithUsersAsync(async users =>
        {
            var user = (await users.FindByIdAsync(id))!;
            for (var i = 0; i < 5; i++)
            {
                await users.AccessFailedAsync(user);
            }
            return 0;
        });

        await Service.ResetPasswordAsync(Caller.System, id, "a brand new phrase");

        var (locked, works) = await WithUsersAsync(async users =>
        {
            var user = (await users.FindByIdAsync(id))!;
            return (await users.IsLockedOutAsync(user), await users.CheckPasswordAsync(user, "a brand new phrase"));
        });
        Assert.False(locked);
        Assert.True(works);
    }

    [Fact]
    public async Task ChangeOwnPassword_WrongCurrent_ErrorOnCurrentPasswordField()
    {
        var caller = await _db.CallerAsync(Demo.Natong);

        var ex = await Assert.ThrowsAsync<ValidationFailedException>(() => Service.ChangeOwnPasswordAsync(caller, "wrong password", "a brand new phrase"));

        Assert.Equal((AccountService.CurrentPasswordField, "当前密码不正确。"), (ex.Errors.Single().Field, ex.Errors.Single().Message));
    }

    [Fact]
    public async Task ChangeOwnPassword_RightCurrent_Changes()
    {
        var caller = await _db.CallerAsync(Demo.Natong);

        await Service.ChangeOwnPasswordAsync(caller, Demo.Password, "a brand new phrase");

        Assert.True(await WithUsersAsync(async u => await u.CheckPasswordAsync((await u.FindByIdAsync(caller.UserId))!, "a brand new phrase")));
    }

    [Fact]
    public async Task Update_RoleAndScope_TakesEffectAndRevokesSessions()
    {
        var id = await IdOfAsync(Demo.Natong);
        var stamp = (await UserAsync(id)).SecurityStamp;
        var chengxiang = await (await _db.OpenAsync()).Townships.Where(t => t.Name == Demo.ChengxiangTownship).Select(t => t.Id).SingleAsync();

        await Service.UpdateAsync(Caller.System, id, new AccountInput { UserName = Demo.Natong, DisplayName = "城厢镇党委", Role = AppRole.Township, TownshipId = chengxiang });

        Assert.Equal(chengxiang, (await _db.CallerAsync(Demo.Natong)).TownshipId);
        Assert.NotEqual(stamp, (await UserAsync(id)).SecurityStamp);
    }

    [Fact]
    public async Task Query_FilterByRole_ListsOnlyThatRole()
    {
        var page = await Service.QueryAsync(Caller.System, new PageRequest(PageSize: 100), AppRole.Township);

        Assert.Equal(10, page.TotalCount);
        Assert.All(page.Items, a => Assert.Equal(AppRole.Township, a.Role));
        Assert.Contains(page.Items, a => a.UserName == Demo.Natong && a.Scope == Demo.NatongTownship);
    }

    private async Task<string> IdOfAsync(string userName)
    {
        await using var db = await _db.OpenAsync();
        return await db.Users.Where(u => u.UserName == userName).Select(u => u.Id).SingleAsync();
    }

    [Fact]
    public async Task Create_TakenNameAndWeakPassword_BothReportedAtOnce()
    {
        var ex = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            Service.CreateAsync(Caller.System, new AccountInput { UserName = Demo.Natong, DisplayName = "重复", Role = AppRole.County, Password = "aaaa" }));

        Assert.Contains(ex.Errors, e => e.Field == nameof(AccountInput.UserName) && e.Message == "登录名“natong.dw”已被使用。");
        Assert.Contains(ex.Errors, e => e.Field == AccountService.PasswordField && e.Message == "密码至少需要 8 位。");
        Assert.Contains(ex.Errors, e => e.Field == AccountService.PasswordField && e.Message.StartsWith("密码过于简单", StringComparison.Ordinal));
    }
}
