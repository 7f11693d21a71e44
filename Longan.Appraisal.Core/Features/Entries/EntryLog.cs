using System.Text.Encodings.Web;
using System.Text.Json;
using Longan.Appraisal.Core.Domain.Entries;
using Longan.Appraisal.Core.Persistence;
using Longan.Appraisal.Core.Security;

namespace Longan.Appraisal.Core.Features.Entries;

/// <summary>Records who created, changed, deleted or verified an entry, with the entry before and after.</summary>
public static class EntryLog
{
    public const string Created = "Created";
    public const string Updated = "Updated";
    public const string Deleted = "Deleted";
    public const string Verified = "Verified";

    private static readonly JsonSerializerOptions s_json = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static void Add(AppraisalDbContext db, Caller caller, DateTimeOffset at, int cycleId, string kind, int entryId, string action, object? before, object? after) =>
        db.EntryChanges.Add(new EntryChange
        {
            CycleId = cycleId,
            EntryKind = kind,
            EntryId = entryId,
            Action = action,
            ByUserId = caller.UserId,
            ByUserName = caller.UserName,
            At = at,
            Before = before is null ? null : JsonSerializer.Serialize(before, s_json),
            After = after is null ? null : JsonSerializer.Serialize(after, s_json),
        });
}
