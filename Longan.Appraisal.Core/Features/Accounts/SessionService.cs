using System.Security.Cryptography;
using System.Text;
using Longan.Appraisal.Core.Domain;
using Longan.Appraisal.Core.Domain.Sessions;
using Longan.Appraisal.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Longan.Appraisal.Core.Features.Accounts;

/// <summary>
/// Signed-in sessions kept in the database (<see cref="SignInSession"/>), so that signing out ends a
/// session everywhere: a copy of the cookie taken before is refused on the next request of any
/// kind and by any open page, on any portal node. Sessions also end after
/// <see cref="MaxLifetime"/>, however active (OWASP ASVS 3.3.2), and after <see cref="IdleTimeout"/>
/// without a request or an action on an open page — an open page left alone signs out too.
/// </summary>
public sealed class SessionService(IDbContextFactory<AppraisalDbContext> dbFactory, TimeProvider clock)
{
    /// <summary>A session ends this long after sign-in even while in use: sign in again.</summary>
    public static readonly TimeSpan MaxLifetime = TimeSpan.FromHours(12);

    /// <summary>A session ends after this long without a request or an action on an open page (the cookie slides by the same).</summary>
    public static readonly TimeSpan IdleTimeout = TimeSpan.FromMinutes(30);

    /// <summary>Activity is written at most this often per session: a click is not a database write.</summary>
    private static readonly TimeSpan TouchEvery = TimeSpan.FromMinutes(1);

    /// <summary>When each session's activity was last written, on this node.</summary>
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, DateTimeOffset> _touched = new(StringComparer.Ordinal);

    /// <summary>Ended and expired sessions are swept this long after they started.</summary>
    private static readonly TimeSpan KeptFor = TimeSpan.FromDays(2);

    /// <summary>Starts a session of the account as it stands and returns its id for the cookie; sweeps old ones.</summary>
    internal async Task<string> StartAsync(AppUser user, CancellationToken ct)
    {
        var id = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var now = clock.GetUtcNow();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await db.SignInSessions.Where(s => s.StartedAt < now - KeptFor).ExecuteDeleteAsync(ct);
        db.SignInSessions.Add(new SignInSession { IdHash = Hash(id), UserId = user.Id, StartedAt = now, LastActiveAt = now, SecurityStamp = user.SecurityStamp ?? "" });
        await db.SaveChangesAsync(ct);
        return id;
    }

    /// <summary>
    /// Whether a cookie's session still stands: not ended, within its lifetime, its account active
    /// and of the same security stamp. Asked on every request and every minute by open pages.
    /// </summary>
    public async Task<bool> IsActiveAsync(string? sessionId, CancellationToken ct = default)
    {
        if (string.IsNullOrEmpty(sessionId))
        {
            return false;
        }
        var hash = Hash(sessionId);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var session = await db.SignInSessions.AsNoTracking().Where(s => s.IdHash == hash)
            .Join(db.Users, s => s.UserId, u => u.Id, (s, u) => new { s.StartedAt, s.LastActiveAt, s.EndedAt, s.SecurityStamp, AccountStamp = u.SecurityStamp, u.IsActive })
            .FirstOrDefaultAsync(ct);
        var now = clock.GetUtcNow();
        return session is { EndedAt: null, IsActive: true }
            && now - session.StartedAt < MaxLifetime
            && now - session.LastActiveAt < IdleTimeout
            && session.SecurityStamp == session.AccountStamp;
    }

    /// <summary>
    /// The session is in use (a request, or an action on an open page): written at most once a
    /// minute per session, so that <see cref="IdleTimeout"/> counts from the last real use.
    /// </summary>
    public async Task TouchAsync(string? sessionId, CancellationToken ct = default)
    {
        if (string.IsNullOrEmpty(sessionId))
        {
            return;
        }
        var hash = Hash(sessionId);
        var now = clock.GetUtcNow();
        if (_touched.TryGetValue(hash, out var last) && now - last < TouchEvery)
        {
            return;
        }
        _touched[hash] = now;
        if (_touched.Count > 10_000)
        {
            foreach (var stale in _touched.Where(t => now - t.Value > IdleTimeout).Select(t => t.Key).ToList())
            {
                _touched.TryRemove(stale, out _);
            }
        }
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await db.SignInSessions.Where(s => s.IdHash == hash && s.EndedAt == null).ExecuteUpdateAsync(u => u.SetProperty(s => s.LastActiveAt, now), ct);
    }

    /// <summary>Ends the session (sign-out); the account's other sessions go on.</summary>
    public async Task EndAsync(string? sessionId, CancellationToken ct = default)
    {
        if (string.IsNullOrEmpty(sessionId))
        {
            return;
        }
        var hash = Hash(sessionId);
        var now = clock.GetUtcNow();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await db.SignInSessions.Where(s => s.IdHash == hash && s.EndedAt == null).ExecuteUpdateAsync(u => u.SetProperty(s => s.EndedAt, now), ct);
    }

    /// <summary>
    /// After an account changed its own password (a new security stamp): the session that changed
    /// it carries on under the new stamp, every other session of the account is ended.
    /// </summary>
    internal async Task KeepOnlyAsync(string userId, string? sessionId, string newStamp, CancellationToken ct)
    {
        var hash = string.IsNullOrEmpty(sessionId) ? "" : Hash(sessionId);
        var now = clock.GetUtcNow();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await db.SignInSessions.Where(s => s.UserId == userId && s.IdHash != hash && s.EndedAt == null)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.EndedAt, now), ct);
        await db.SignInSessions.Where(s => s.IdHash == hash).ExecuteUpdateAsync(u => u.SetProperty(s => s.SecurityStamp, newStamp), ct);
    }

    private static string Hash(string sessionId) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(sessionId)));
}
