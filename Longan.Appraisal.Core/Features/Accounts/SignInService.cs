using System.Net;
using Longan.Appraisal.Core.Domain;
using Longan.Appraisal.Core.Domain.Sessions;
using Longan.Appraisal.Core.Features.Audit;
using Longan.Appraisal.Core.Features.Common;
using Longan.Appraisal.Core.Persistence;
using Longan.Appraisal.Core.Security;
using Longan.Appraisal.Core.Security.Policies;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
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
    TimeProvider clock,
    ILogger<SignInService> logger)
{
    /// <summary>Failures from an address are counted over this window, the length of an account's lockout.</summary>
    public static readonly TimeSpan AddressWindow = TimeSpan.FromMinutes(AccountsServiceCollectionExtensions.LockoutMinutes);

    /// <summary>Posts of the sign-in form are counted per address over this window.</summary>
    public static readonly TimeSpan AttemptWindow = TimeSpan.FromMinutes(1);

    private static readonly AppUser s_nobody = new() { DisplayName = "" };
    private string? _dummyHash;

    /// <param name="address">The client's network address (after a trusted proxy's X-Forwarded-For).</param>
    public async Task<SignInOutcome> SignInAsync(string? userName, string? password, string? address, CancellationToken ct = default)
    {
        var start = System.Diagnostics.Stopwatch.GetTimestamp();
        var name = InputText.Narrow(userName) ?? "";
        var from = AddressKey(address);
        // The attempt is counted against its address before anything is checked, so that many
        // attempts at once cannot all slip in under the limit; a success takes it back.
        var (attemptId, fromAddress) = await CountAttemptFromAsync(from, ct);
        if (attemptId is null)
        {
            // Not even read: a flood of posts must not fill the audit trail either.
            return new SignInOutcome(SignInStatus.TooFrequent);
        }
        if (fromAddress > limits.Value.SignInFailuresPerAddress)
        {
            await audit.RecordSignInFailedAsync(name, null, SignInFailure.AddressBlocked, from, ct);
            SignInLog.Failed(logger, name, SignInFailure.AddressBlocked, OperationLog.Milliseconds(start));
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
            var attempt = await CountAttemptOnAsync(user.Id, ct);
            // Checked whatever the account's state, so a locked account costs what any other does.
            var correct = await users.CheckPasswordAsync(user, password ?? "");
            failure = await DecideAsync(user.Id, attempt, correct, ct);
        }

        if (failure is { } why)
        {
            await audit.RecordSignInFailedAsync(name, user?.Role, why, from, ct);
            SignInLog.Failed(logger, name, why, OperationLog.Milliseconds(start));
            return new SignInOutcome(SignInStatus.Failed);
        }
        await ForgetAttemptAsync(attemptId.Value, ct);
        var sessionId = await sessions.StartAsync(user!, ct);
        await audit.RecordSignInAsync(user!.UserName!, user.Role, from, ct);
        SignInLog.SignedIn(logger, user.UserName!, OperationLog.Milliseconds(start));
        return new SignInOutcome(SignInStatus.Succeeded, user, sessionId);
    }

    /// <summary>
    /// Network addresses refused now for too many failed sign-ins, for 组织部 to see (a township office
    /// behind one address may share a stranger's block) and lift.
    /// </summary>
    public async Task<IReadOnlyList<BlockedAddress>> BlockedAddressesAsync(Caller caller, CancellationToken ct = default)
    {
        AdministrationPolicy.EnsureCanManageAccounts(caller);
        var now = clock.GetUtcNow();
        var limit = limits.Value.SignInFailuresPerAddress;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var recent = await db.FailedSignIns.AsNoTracking().Where(f => f.At > now - AddressWindow).Select(f => new { f.Address, f.At }).ToListAsync(ct);
        return recent.GroupBy(f => f.Address).Where(g => g.Count() >= limit)
            // Refused until the failure that keeps it at the limit has left the window.
            .Select(g => new BlockedAddress(g.Key, g.Count(), g.Select(f => f.At).OrderDescending().ElementAt(limit - 1) + AddressWindow))
            .OrderBy(b => b.Address, StringComparer.Ordinal).ToList();
    }

    /// <summary>Lifts an address's block by forgetting its failures; recorded in the audit trail.</summary>
    public async Task UnblockAsync(Caller caller, string address, CancellationToken ct = default)
    {
        AdministrationPolicy.EnsureCanManageAccounts(caller);
        await using var db = await dbFactory.CreateDbContextAsync(caller, ct);
        var forgotten = await db.FailedSignIns.Where(f => f.Address == address).ExecuteDeleteAsync(ct);
        if (forgotten > 0)
        {
            db.Record(Domain.Audit.AuditAction.Deleted, "Address", address, $"解除网络地址 {address} 的登录暂停（忘记 {forgotten} 次失败）");
            await db.SaveChangesAsync(ct);
        }
    }

    /// <summary>
    /// What failures are counted by: an IPv4 address as it is, an IPv6 address by its /64 network
    /// (one household or office line has a whole /64 to change addresses in).
    /// </summary>
    public static string AddressKey(string? address)
    {
        if (!IPAddress.TryParse(address, out var ip))
        {
            return address is null ? "" : InputText.Quote(address, 60);
        }
        if (ip.IsIPv4MappedToIPv6)
        {
            ip = ip.MapToIPv4();
        }
        if (ip.AddressFamily != System.Net.Sockets.AddressFamily.InterNetworkV6)
        {
            return ip.ToString();
        }
        var bytes = ip.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }

    /// <summary>
    /// The account's side of an attempt, taken before the password is checked, in one write
    /// (SQLite's transactions take the write lock at once): its number in the account's run of
    /// failures, or that the account is locked or deactivated. Attempts numbered beyond the
    /// lockout's count can never succeed, however many arrive at the same moment.
    /// </summary>
    private async Task<AccountAttempt> CountAttemptOnAsync(string userId, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var account = await db.Users.AsNoTracking().Where(u => u.Id == userId).Select(u => new { u.AccessFailedCount, u.LockoutEnd, u.IsActive }).SingleAsync(ct);
        if (!account.IsActive || account.LockoutEnd > now)
        {
            return new AccountAttempt(0, account.IsActive, Locked: account.IsActive);
        }
        // A lockout that has run out starts a new run.
        var number = account.LockoutEnd is null ? account.AccessFailedCount + 1 : 1;
        await db.Users.Where(u => u.Id == userId)
            .ExecuteUpdateAsync(u => u.SetProperty(x => x.AccessFailedCount, number).SetProperty(x => x.LockoutEnd, (DateTimeOffset?)null), ct);
        await tx.CommitAsync(ct);
        return new AccountAttempt(number, Active: true, Locked: number > AccountsServiceCollectionExtensions.MaxFailedSignIns);
    }

    /// <summary>What the attempt comes to, once the password is known; the failure that reaches the count locks the account.</summary>
    private async Task<SignInFailure?> DecideAsync(string userId, AccountAttempt attempt, bool correct, CancellationToken ct)
    {
        if (!attempt.Active)
        {
            return SignInFailure.Deactivated;
        }
        if (attempt.Locked)
        {
            return SignInFailure.LockedOut;
        }
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var account = db.Users.Where(u => u.Id == userId);
        if (correct)
        {
            await account.ExecuteUpdateAsync(u => u.SetProperty(x => x.AccessFailedCount, 0), ct);
            return null;
        }
        if (attempt.Number < AccountsServiceCollectionExtensions.MaxFailedSignIns)
        {
            return SignInFailure.WrongPassword;
        }
        var until = clock.GetUtcNow().AddMinutes(AccountsServiceCollectionExtensions.LockoutMinutes);
        await account.ExecuteUpdateAsync(u => u.SetProperty(x => x.LockoutEnd, until).SetProperty(x => x.AccessFailedCount, 0), ct);
        return SignInFailure.LockedOut;
    }

    /// <param name="Number">The attempt's place in the account's run of failures (0 when locked or deactivated).</param>
    private sealed record AccountAttempt(int Number, bool Active, bool Locked);

    /// <summary>
    /// Records the attempt against its address and counts the address's attempts in the window, in one
    /// write: the posts of the last minute first (<see cref="SignInLimits.SignInAttemptsPerMinute"/>,
    /// counted in the database so every portal node sees the same count; beyond it, no id and nothing
    /// else recorded), then the failures.
    /// </summary>
    private async Task<(long? Id, int Count)> CountAttemptFromAsync(string address, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await db.SignInAttempts.Where(a => a.At <= now - AttemptWindow).ExecuteDeleteAsync(ct);
        db.SignInAttempts.Add(new SignInAttempt { Address = address, At = now });
        await db.SaveChangesAsync(ct);
        if (await db.SignInAttempts.CountAsync(a => a.Address == address && a.At > now - AttemptWindow, ct) > limits.Value.SignInAttemptsPerMinute)
        {
            await tx.CommitAsync(ct);
            return (null, 0);
        }
        await db.FailedSignIns.Where(f => f.At < now - AddressWindow).ExecuteDeleteAsync(ct);
        var attempt = new FailedSignIn { Address = address, At = now };
        db.FailedSignIns.Add(attempt);
        await db.SaveChangesAsync(ct);
        var count = await db.FailedSignIns.CountAsync(f => f.Address == address && f.At > now - AddressWindow, ct);
        await tx.CommitAsync(ct);
        return (attempt.Id, count);
    }

    private async Task ForgetAttemptAsync(long attemptId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await db.FailedSignIns.Where(f => f.Id == attemptId).ExecuteDeleteAsync(ct);
    }

    /// <summary>A hash of a random password made by the portal's own hasher, so verifying against it costs exactly a real check.</summary>
    private string DummyHash(IPasswordHasher<AppUser> hasher) =>
        _dummyHash ??= hasher.HashPassword(s_nobody, Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16)));
}
