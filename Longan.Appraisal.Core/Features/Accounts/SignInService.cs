using Longan.Appraisal.Core.Domain;
using Longan.Appraisal.Core.Domain.Sessions;
using Longan.Appraisal.Core.Features.Audit;
using Longan.Appraisal.Core.Features.Common;
using Longan.Appraisal.Core.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Longan.Appraisal.Core.Features.Accounts;

/// <summary>
/// Checks a sign-in so that nothing about it tells whether an account exists: every failure —
/// unknown name, wrong password, locked, deactivated — gives the same answer and costs one password
/// hash (an unknown name is hashed against a dummy, a locked account's password is still checked
/// and ignored). Only the audit trail tells them apart. Failures are counted per account (the
/// lockout) and per network address (<see cref="SignInLimits.SignInFailuresPerAddress"/>), and a
/// success starts a <see cref="SignInSession"/>.
/// </summary>
public sealed class SignInService(
    IServiceScopeFactory scopes,
    IDbContextFactory<AppraisalDbContext> dbFactory,
    SessionService sessions,
    AuditService audit,
    IOptions<SignInLimits> limits,
    TimeProvider clock)
{
    /// <summary>Failures from an address are counted over this window, the length of an account's lockout.</summary>
    public static readonly TimeSpan AddressWindow = TimeSpan.FromMinutes(AccountsServiceCollectionExtensions.LockoutMinutes);

    private static readonly AppUser s_nobody = new() { DisplayName = "" };
    private string? _dummyHash;

    /// <param name="address">The client's network address (after a trusted proxy's X-Forwarded-For).</param>
    public async Task<SignInOutcome> SignInAsync(string? userName, string? password, string? address, CancellationToken ct = default)
    {
        var name = InputText.Narrow(userName) ?? "";
        address ??= "";
        if (await FailuresFromAsync(address, ct) >= limits.Value.SignInFailuresPerAddress)
        {
            await audit.RecordSignInFailedAsync(name, null, SignInFailure.AddressBlocked, address, ct);
            return new SignInOutcome(SignInStatus.AddressBlocked);
        }

        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = name.Length == 0 ? null : await users.FindByNameAsync(name);
        SignInFailure? failure;
        if (user is null)
        {
            // The same PBKDF2 work as a real account, so the time taken tells nothing.
            users.PasswordHasher.VerifyHashedPassword(s_nobody, DummyHash(users.PasswordHasher), password ?? "");
            failure = SignInFailure.NoSuchAccount;
        }
        else
        {
            // Checked before the lockout is looked at, so a locked account costs what any other does.
            var correct = await users.CheckPasswordAsync(user, password ?? "");
            if (!user.IsActive)
            {
                failure = SignInFailure.Deactivated;
            }
            else if (await users.IsLockedOutAsync(user))
            {
                failure = SignInFailure.LockedOut;
            }
            else if (!correct)
            {
                await users.AccessFailedAsync(user);
                failure = await users.IsLockedOutAsync(user) ? SignInFailure.LockedOut : SignInFailure.WrongPassword;
            }
            else
            {
                await users.ResetAccessFailedCountAsync(user);
                failure = null;
            }
        }

        if (failure is { } why)
        {
            await RecordFailureAsync(address, ct);
            await audit.RecordSignInFailedAsync(name, user?.Role, why, address, ct);
            return new SignInOutcome(SignInStatus.Failed);
        }
        var sessionId = await sessions.StartAsync(user!, ct);
        await audit.RecordSignInAsync(user!.UserName!, user.Role, address, ct);
        return new SignInOutcome(SignInStatus.Succeeded, user, sessionId);
    }

    private async Task<int> FailuresFromAsync(string address, CancellationToken ct)
    {
        var since = clock.GetUtcNow() - AddressWindow;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.FailedSignIns.CountAsync(f => f.Address == address && f.At > since, ct);
    }

    private async Task RecordFailureAsync(string address, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await db.FailedSignIns.Where(f => f.At < now - AddressWindow).ExecuteDeleteAsync(ct);
        db.FailedSignIns.Add(new FailedSignIn { Address = address.Length > 64 ? address[..64] : address, At = now });
        await db.SaveChangesAsync(ct);
    }

    /// <summary>A hash of a random password made by the portal's own hasher, so verifying against it costs exactly a real check.</summary>
    private string DummyHash(IPasswordHasher<AppUser> hasher) =>
        _dummyHash ??= hasher.HashPassword(s_nobody, Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16)));
}
