using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Longan.Appraisal.Core.Domain;
using Longan.Appraisal.Core.Domain.Audit;
using Longan.Appraisal.Core.Domain.Entries;
using Longan.Appraisal.Core.Domain.Results;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace Longan.Appraisal.Core.Persistence;

/// <summary>
/// Turns the change tracker's added, modified and deleted entities into audit records: the entity,
/// its key, and the changed fields before and after as JSON. Secrets and Identity's bookkeeping
/// (password hash, security stamps, failed-attempt counters) are never written out.
/// </summary>
internal static class AuditCapture
{
    /// <summary>
    /// Kept elsewhere or logs in their own right: the trail itself, entry corrections' own log, stored
    /// results (a computation is recorded by its version), sessions and failed sign-ins (sign-ins,
    /// sign-outs and failures are recorded as such by the sign-in service), phone ballots' codes,
    /// vote places and comments (the session and its count are recorded; those never are), and the
    /// Data Protection keys.
    /// </summary>
    private static readonly HashSet<Type> s_notAudited =
    [
        typeof(AuditRecord), typeof(EntryChange), typeof(StoredResult), typeof(Domain.Sessions.SignInSession), typeof(Domain.Sessions.FailedSignIn), typeof(Domain.Sessions.SignInAttempt),
        // Files made for one user's download, for an hour at most: the export itself is what is recorded.
        typeof(Domain.Downloads.PreparedFile), typeof(Domain.Downloads.PreparedFileChunk),
        // A session's codes and vote places: recorded as the session's count, never one by one (a record's time would date a vote).
        typeof(Domain.Ballots.BallotCode), typeof(Domain.Ballots.PhoneBallot), typeof(TallyComment),
        typeof(IdentityUserClaim<string>), typeof(IdentityUserLogin<string>), typeof(IdentityUserToken<string>),
        // The cookie keys: written by the framework with no caller, and never to be copied anywhere.
        typeof(Microsoft.AspNetCore.DataProtection.EntityFrameworkCore.DataProtectionKey),
    ];

    private static readonly HashSet<string> s_bookkeeping =
    [
        nameof(AppUser.SecurityStamp), nameof(AppUser.ConcurrencyStamp), nameof(AppUser.AccessFailedCount), nameof(AppUser.LockoutEnd),
        nameof(AppUser.NormalizedUserName), nameof(AppUser.NormalizedEmail),
        // A ballot session's current burst interval would date its latest vote: counted live, never kept in the trail.
        nameof(Domain.Ballots.BallotSession.BurstInterval), nameof(Domain.Ballots.BallotSession.BurstVotes),
    ];

    private static readonly JsonSerializerOptions s_json = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new JsonStringEnumConverter() },
    };

    /// <summary>Whether changes to entities of this type are recorded one by one.</summary>
    internal static bool IsAudited(Type type) => !s_notAudited.Contains(type);

    /// <summary>Whether a property is Identity's bookkeeping, never written out.</summary>
    internal static bool IsBookkeeping(string property) => s_bookkeeping.Contains(property);

    /// <summary>One entity's change, taken before saving (afterwards the original values are gone).</summary>
    internal sealed record Pending(EntityEntry Entry, AuditAction Action, Dictionary<string, object?>? Before, IReadOnlyList<PropertyEntry> After);

    public static List<Pending> Take(ChangeTracker tracker, IReadOnlySet<Type> summarised)
    {
        var pending = new List<Pending>();
        foreach (var entry in tracker.Entries())
        {
            var type = entry.Metadata.ClrType;
            if (entry.State is not (EntityState.Added or EntityState.Modified or EntityState.Deleted) || s_notAudited.Contains(type) || summarised.Contains(type))
            {
                continue;
            }
            var properties = entry.Properties.Where(p => !s_bookkeeping.Contains(p.Metadata.Name)).ToList();
            switch (entry.State)
            {
                case EntityState.Added:
                    pending.Add(new(entry, AuditAction.Created, null, properties));
                    break;
                case EntityState.Deleted:
                    pending.Add(new(entry, AuditAction.Deleted, properties.ToDictionary(p => p.Metadata.Name, p => Value(p, p.OriginalValue)), []));
                    break;
                default:
                    var changed = properties.Where(p => p.IsModified && !Equals(p.OriginalValue, p.CurrentValue)).ToList();
                    if (changed.Count > 0)
                    {
                        pending.Add(new(entry, AuditAction.Changed, changed.ToDictionary(p => p.Metadata.Name, p => Value(p, p.OriginalValue)), changed));
                    }
                    break;
            }
        }
        return MergeReplacedOwnedParts(pending);
    }

    /// <summary>
    /// A part owned by its entity and saved as a whole (a cycle's rules, one JSON document) is
    /// tracked as the old one deleted and a new one added; for the trail it is what it is to a
    /// person — a change of the fields that differ.
    /// </summary>
    private static List<Pending> MergeReplacedOwnedParts(List<Pending> pending)
    {
        foreach (var added in pending.Where(p => p.Action == AuditAction.Created && p.Entry.Metadata.IsOwned()).ToList())
        {
            var deleted = pending.FirstOrDefault(p => p.Action == AuditAction.Deleted && p.Entry.Metadata.ClrType == added.Entry.Metadata.ClrType && Key(p) == Key(added));
            if (deleted is null)
            {
                continue;
            }
            pending.Remove(added);
            pending.Remove(deleted);
            var before = deleted.Before!;
            var changed = added.After.Where(a => !Equals(before.GetValueOrDefault(a.Metadata.Name), Value(a, a.CurrentValue))).ToList();
            if (changed.Count > 0)
            {
                pending.Add(new(added.Entry, AuditAction.Changed, changed.ToDictionary(a => a.Metadata.Name, a => before.GetValueOrDefault(a.Metadata.Name)), changed));
            }
        }
        return pending;
    }

    /// <summary>The records of changes taken before saving, now that generated keys are known.</summary>
    public static IEnumerable<AuditRecord> Records(IEnumerable<Pending> pending, string actor, Security.AppRole? role, DateTimeOffset at) =>
        pending.Select(p => new AuditRecord
        {
            At = at,
            Actor = actor,
            Role = role,
            Action = p.Action,
            Subject = p.Entry.Metadata.ClrType.Name,
            SubjectKey = Key(p),
            Before = p.Before is null ? null : Json(p.Before),
            After = p.Action == AuditAction.Deleted ? null : Json(p.After.ToDictionary(a => a.Metadata.Name, a => Value(a, a.CurrentValue))),
            PreviousHash = "",
            Hash = "",
        });

    public static string Json(object value) => JsonSerializer.Serialize(value, s_json);

    private static string Key(Pending pending)
    {
        var key = pending.Entry.Metadata.FindPrimaryKey();
        if (key is null)
        {
            return "";
        }
        var values = pending.Action == AuditAction.Deleted
            ? key.Properties.Select(p => pending.Entry.Property(p.Name).OriginalValue)
            : key.Properties.Select(p => pending.Entry.Property(p.Name).CurrentValue);
        return string.Join(",", values);
    }

    private static object? Value(PropertyEntry property, object? value) =>
        property.Metadata.Name == nameof(AppUser.PasswordHash) && value is not null ? "******" : value;
}
