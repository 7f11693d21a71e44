using System.Globalization;
using System.Text.Json;
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
    };

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

    /// <summary>"Owner:Subject:key" → the assistant whose entry, posting, appeal, decision or case the record is about.</summary>
    private static async Task<Dictionary<string, int>> OwnersAsync(AppraisalDbContext db, IReadOnlyList<AuditRow> rows, CancellationToken ct)
    {
        var owners = new Dictionary<string, int>(StringComparer.Ordinal);
        async Task AddAsync(string subject, Func<List<int>, IQueryable<(int Id, int AssistantId)>> query)
        {
            var ids = rows.Where(r => r.Subject == subject && int.TryParse(r.SubjectKey, CultureInfo.InvariantCulture, out _))
                .Select(r => int.Parse(r.SubjectKey!, CultureInfo.InvariantCulture)).Distinct().ToList();
            if (ids.Count > 0)
            {
                foreach (var (id, assistant) in await query(ids).ToListAsync(ct))
                {
                    owners[$"Owner:{subject}:{id.ToString(CultureInfo.InvariantCulture)}"] = assistant;
                }
            }
        }
        await AddAsync("VillagerTally", ids => db.VillagerTallies.Where(e => ids.Contains(e.Id)).Select(e => ValueTuple.Create(e.Id, e.AssistantId)));
        await AddAsync("PartyBallot", ids => db.PartyBallots.Where(e => ids.Contains(e.Id)).Select(e => ValueTuple.Create(e.Id, e.AssistantId)));
        await AddAsync("CadreBallot", ids => db.CadreBallots.Where(e => ids.Contains(e.Id)).Select(e => ValueTuple.Create(e.Id, e.AssistantId)));
        await AddAsync("SupervisionRecord", ids => db.SupervisionRecords.Where(e => ids.Contains(e.Id)).Select(e => ValueTuple.Create(e.Id, e.AssistantId)));
        await AddAsync("AttendanceMonth", ids => db.AttendanceMonths.Where(e => ids.Contains(e.Id)).Select(e => ValueTuple.Create(e.Id, e.AssistantId)));
        await AddAsync("Posting", ids => db.Postings.Where(e => ids.Contains(e.Id)).Select(e => ValueTuple.Create(e.Id, e.AssistantId)));
        await AddAsync("Appeal", ids => db.Appeals.Where(e => ids.Contains(e.Id)).Select(e => ValueTuple.Create(e.Id, e.AssistantId)));
        await AddAsync("FollowUp", ids => db.FollowUps.Where(e => ids.Contains(e.Id)).Select(e => ValueTuple.Create(e.Id, e.AssistantId)));
        await AddAsync("OutcomeOverride", ids => db.OutcomeOverrides.Where(e => ids.Contains(e.Id)).Select(e => ValueTuple.Create(e.Id, e.AssistantId)));
        return owners;
    }

    /// <summary>
    /// The key of a subject's name in <see cref="ResolveAsync"/>'s answer: its own (an assistant, a
    /// village…), or for an entry, posting, appeal, decision or case the assistant's it belongs to.
    /// </summary>
    public static bool NamesItself(string subject) => s_subjectFields.ContainsKey(subject);

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
