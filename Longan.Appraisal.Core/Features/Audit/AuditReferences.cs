using System.Globalization;
using System.Text.Json;
using Longan.Appraisal.Core.Domain;
using Longan.Appraisal.Core.Domain.Appeals;
using Longan.Appraisal.Core.Domain.Entries;
using Longan.Appraisal.Core.Domain.FollowUps;
using Longan.Appraisal.Core.Domain.Results;
using Longan.Appraisal.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Longan.Appraisal.Core.Features.Audit;

/// <summary>
/// What the numbers in a page of audit records refer to, so an inspector reads "浪湾村" and
/// "2025 年度" rather than "行政村 53" and "考核年度 1": the ids in the records' fields and keys,
/// looked up in one query per kind. Keys are "field:id" (e.g. "AssistantId:20").
/// </summary>
internal static class AuditReferences
{
    /// <summary>The subjects whose key is the id of the thing itself, by the field that refers to it.</summary>
    private static readonly Dictionary<string, string> s_subjectFields = new(StringComparer.Ordinal)
    {
        ["Assistant"] = "AssistantId", ["Village"] = "VillageId", ["Township"] = "TownshipId", ["AppraisalCycle"] = "CycleId", ["Supervisor"] = "SupervisorId",
        ["AppUser"] = "UserId",
    };

    /// <summary>Fields that hold an account's id (a GUID), named by its login: who acted, who entered, whose account.</summary>
    private static readonly HashSet<string> s_userFields = new(StringComparer.Ordinal) { "UserId", "ByUserId", "EnteredBy", "ActorId", "DecidedById", "AnsweredById" };

    public static async Task<IReadOnlyDictionary<string, string>> ResolveAsync(AppraisalDbContext db, IReadOnlyList<AuditRow> rows, CancellationToken ct)
    {
        var wanted = new Dictionary<string, HashSet<int>>(StringComparer.Ordinal)
        {
            ["AssistantId"] = [], ["VillageId"] = [], ["TownshipId"] = [], ["CycleId"] = [], ["SupervisorId"] = [], ["SuccessorPostingId"] = [],
        };
        foreach (var row in rows)
        {
            if (s_subjectFields.TryGetValue(row.Subject, out var field) && int.TryParse(row.SubjectKey, CultureInfo.InvariantCulture, out var own))
            {
                wanted[field].Add(own);
            }
            foreach (var json in new[] { row.Before, row.After })
            {
                foreach (var (name, id) in Ids(json))
                {
                    if (wanted.TryGetValue(name, out var set))
                    {
                        set.Add(id);
                    }
                }
            }
        }
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        void Add(string field, IEnumerable<(int Id, string Name)> found)
        {
            foreach (var (id, name) in found)
            {
                names[$"{field}:{id}"] = name;
            }
        }
        // An entry, posting, appeal, decision or case is named by whose it is (a correction records only what changed).
        var owners = await OwnersAsync(db, rows, ct);
        foreach (var (key, assistant) in owners)
        {
            wanted["AssistantId"].Add(assistant);
        }
        var assistants = wanted["AssistantId"].ToList();
        Add("AssistantId", (await db.Assistants.Where(a => assistants.Contains(a.Id)).Select(a => new { a.Id, a.Name, a.Code }).ToListAsync(ct)).Select(a => (a.Id, $"{a.Name}（{a.Code}）")));
        var villages = wanted["VillageId"].ToList();
        Add("VillageId", (await db.Villages.Where(v => villages.Contains(v.Id)).Select(v => new { v.Id, v.Name, Township = v.Township!.Name }).ToListAsync(ct)).Select(v => (v.Id, $"{v.Township} {v.Name}")));
        var townships = wanted["TownshipId"].ToList();
        Add("TownshipId", (await db.Townships.Where(t => townships.Contains(t.Id)).Select(t => new { t.Id, t.Name }).ToListAsync(ct)).Select(t => (t.Id, t.Name)));
        var cycles = wanted["CycleId"].ToList();
        Add("CycleId", (await db.Cycles.Where(c => cycles.Contains(c.Id)).Select(c => new { c.Id, c.Year }).ToListAsync(ct)).Select(c => (c.Id, $"{c.Year} 年度")));
        var supervisors = wanted["SupervisorId"].ToList();
        Add("SupervisorId", (await db.Supervisors.Where(s => supervisors.Contains(s.Id)).Select(s => new { s.Id, s.Name }).ToListAsync(ct)).Select(s => (s.Id, s.Name)));
        await AddUsersAsync(db, rows, names, ct);
        var postings = wanted["SuccessorPostingId"].ToList();
        Add("SuccessorPostingId", (await db.Postings.Where(p => postings.Contains(p.Id)).Select(p => new { p.Id, p.Assistant!.Name, p.StartDate }).ToListAsync(ct))
            .Select(p => (p.Id, $"{p.Name}（{p.StartDate:yyyy-MM-dd} 起）")));
        foreach (var (key, assistant) in owners)
        {
            if (names.TryGetValue($"AssistantId:{assistant}", out var name))
            {
                names[key] = name;
            }
        }
        return names;
    }

    /// <summary>
    /// Accounts by login and display name ("langwan.zl（谢明辉）") instead of their GUIDs: an account
    /// record's own key and id, and every field that names who acted or entered.
    /// </summary>
    private static async Task AddUsersAsync(AppraisalDbContext db, IReadOnlyList<AuditRow> rows, Dictionary<string, string> names, CancellationToken ct)
    {
        var found = new List<(string Field, string Id)>();
        foreach (var row in rows)
        {
            if (row.Subject == "AppUser" && row.SubjectKey is { } key)
            {
                found.Add(("UserId", key));
            }
            foreach (var json in new[] { row.Before, row.After })
            {
                foreach (var (name, value) in Strings(json))
                {
                    if (s_userFields.Contains(name) || (row.Subject == "AppUser" && name == "Id"))
                    {
                        found.Add((name, value));
                    }
                }
            }
        }
        var ids = found.Select(f => f.Id).Distinct().ToList();
        if (ids.Count == 0)
        {
            return;
        }
        var users = await db.Users.Where(u => ids.Contains(u.Id)).Select(u => new { u.Id, u.UserName, u.DisplayName }).ToDictionaryAsync(u => u.Id, ct);
        foreach (var (field, id) in found)
        {
            if (users.TryGetValue(id, out var user))
            {
                names[$"{field}:{id}"] = user.DisplayName is { Length: > 0 } display && display != user.UserName ? $"{user.UserName}（{display}）" : user.UserName ?? id;
            }
        }
    }

    private static IEnumerable<(string Name, string Value)> Strings(string? json)
    {
        if (string.IsNullOrEmpty(json) || json[0] != '{')
        {
            yield break;
        }
        using var document = JsonDocument.Parse(json);
        foreach (var property in document.RootElement.EnumerateObject())
        {
            if (property.Value.ValueKind == JsonValueKind.String && property.Value.GetString() is { Length: > 0 } value)
            {
                yield return (property.Name, value);
            }
        }
    }

    /// <summary>The audited kinds that belong to one assistant (entries, postings, appeals, decisions, cases), as rows of id and assistant.</summary>
    private static readonly (string Subject, Func<AppraisalDbContext, IQueryable<Owned>> Rows)[] s_owned =
    [
        (nameof(VillagerTally), db => db.VillagerTallies.Select(e => new Owned { Id = e.Id, AssistantId = e.AssistantId })),
        (nameof(PartyBallot), db => db.PartyBallots.Select(e => new Owned { Id = e.Id, AssistantId = e.AssistantId })),
        (nameof(CadreBallot), db => db.CadreBallots.Select(e => new Owned { Id = e.Id, AssistantId = e.AssistantId })),
        (nameof(SupervisionRecord), db => db.SupervisionRecords.Select(e => new Owned { Id = e.Id, AssistantId = e.AssistantId })),
        (nameof(AttendanceMonth), db => db.AttendanceMonths.Select(e => new Owned { Id = e.Id, AssistantId = e.AssistantId })),
        (nameof(Posting), db => db.Postings.Select(e => new Owned { Id = e.Id, AssistantId = e.AssistantId })),
        (nameof(Appeal), db => db.Appeals.Select(e => new Owned { Id = e.Id, AssistantId = e.AssistantId })),
        (nameof(FollowUp), db => db.FollowUps.Select(e => new Owned { Id = e.Id, AssistantId = e.AssistantId })),
        (nameof(OutcomeOverride), db => db.OutcomeOverrides.Select(e => new Owned { Id = e.Id, AssistantId = e.AssistantId })),
    ];

    /// <summary>
    /// "Subject:key" of everything these assistants own — a correction records only the fields that
    /// changed, so searching an assistant finds it by its key.
    /// </summary>
    public static async Task<List<string>> OwnedKeysAsync(AppraisalDbContext db, List<int> assistants, CancellationToken ct)
    {
        var keys = new List<string>();
        if (assistants.Count > 0)
        {
            foreach (var (subject, rows) in s_owned)
            {
                keys.AddRange((await rows(db).Where(o => assistants.Contains(o.AssistantId)).Select(o => o.Id).ToListAsync(ct))
                    .Select(id => $"{subject}:{id.ToString(CultureInfo.InvariantCulture)}"));
            }
        }
        return keys;
    }

    /// <summary>"Owner:Subject:key" → the assistant whose entry, posting, appeal, decision or case the record is about.</summary>
    private static async Task<Dictionary<string, int>> OwnersAsync(AppraisalDbContext db, IReadOnlyList<AuditRow> rows, CancellationToken ct)
    {
        var owners = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (subject, owned) in s_owned)
        {
            var ids = rows.Where(r => r.Subject == subject).Select(r => int.TryParse(r.SubjectKey, CultureInfo.InvariantCulture, out var id) ? id : (int?)null)
                .OfType<int>().Distinct().ToList();
            if (ids.Count > 0)
            {
                foreach (var o in await owned(db).Where(o => ids.Contains(o.Id)).ToListAsync(ct))
                {
                    owners[$"Owner:{subject}:{o.Id.ToString(CultureInfo.InvariantCulture)}"] = o.AssistantId;
                }
            }
        }
        return owners;
    }

    private sealed class Owned
    {
        public int Id { get; init; }
        public int AssistantId { get; init; }
    }

    /// <summary>Whether a subject is named by itself (an assistant, a village…) rather than by the assistant it belongs to.</summary>
    public static bool NamesItself(string subject) => s_subjectFields.ContainsKey(subject);

    /// <summary>
    /// The key of a subject's name in <see cref="ResolveAsync"/>'s answer: its own (an assistant, a
    /// village…), or for an entry, posting, appeal, decision or case the assistant's it belongs to.
    /// </summary>
    public static string SubjectKey(string subject, string? key) => s_subjectFields.TryGetValue(subject, out var field) ? $"{field}:{key}" : $"Owner:{subject}:{key}";

    private static IEnumerable<(string Name, int Id)> Ids(string? json)
    {
        if (string.IsNullOrEmpty(json) || json[0] != '{')
        {
            yield break;
        }
        using var document = JsonDocument.Parse(json);
        foreach (var property in document.RootElement.EnumerateObject())
        {
            if (property.Value.ValueKind == JsonValueKind.Number && property.Value.TryGetInt32(out var id))
            {
                yield return (property.Name, id);
            }
        }
    }
}
