using Longan.Appraisal.Core.Security;
using Longan.Appraisal.Core.Domain.Audit;
using System.Globalization;
using Longan.Appraisal.Core.Domain;
using Longan.Appraisal.Core.Domain.Entries;
using Microsoft.EntityFrameworkCore;

namespace Longan.Appraisal.Core.Persistence.Seeding;

/// <summary>What the synthetic generator made.</summary>
public sealed record SyntheticResult(int CycleId, int Assistants, int Entries, bool AlreadyPresent);

/// <summary>
/// A large synthetic county for scale tests and demos: n assistants across Longan's townships, each
/// in a village of their own with a year-long posting and realistic inputs for the year's cycle —
/// 2–3 villager tallies, 1–3 party ballots, 8–15 cadre ballots, 0–3 supervision records (most
/// verified), twelve attendance months. Deterministic for a given n; runs once per n and year.
/// </summary>
public sealed class SyntheticCounty(IDbContextFactory<AppraisalDbContext> dbFactory, TimeProvider clock)
{
    private const int Batch = 1000;
    private static readonly Caller s_seeder = new("system", "seed-synthetic", AppRole.County);

    public static string Code(int index) => $"SYN{index + 1:000000}";

    public async Task<SyntheticResult> GenerateAsync(int assistants, int year, CancellationToken ct = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(assistants, 1);
        await using var db = await dbFactory.CreateDbContextAsync(s_seeder, ct);
        db.SummariseAll();
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        var now = clock.GetUtcNow();
        var cycle = await db.Cycles.FirstOrDefaultAsync(c => c.Year == year, ct);
        if (cycle is null)
        {
            cycle = new AppraisalCycle { Year = year, State = CycleState.Collecting, CreatedAt = now };
            db.Cycles.Add(cycle);
            await db.SaveChangesAsync(ct);
            db.CycleTransitions.Add(new CycleTransition { CycleId = cycle.Id, From = CycleState.Draft, To = CycleState.Collecting, ByUserId = s_seeder.UserId, ByUserName = s_seeder.UserName, At = now });
        }
        if (await db.Assistants.AnyAsync(a => a.Code == Code(0), ct))
        {
            return new SyntheticResult(cycle.Id, assistants, 0, AlreadyPresent: true);
        }

        var townships = new List<Township>();
        foreach (var (name, _, _) in DemoCounty.Townships)
        {
            var township = await db.Townships.FirstOrDefaultAsync(t => t.Name == name, ct);
            if (township is null)
            {
                township = new Township { Name = name, SortOrder = (townships.Count + 1) * 10 };
                db.Townships.Add(township);
            }
            townships.Add(township);
        }
        await db.SaveChangesAsync(ct);

        var random = new Random(assistants);
        var entries = 0;
        for (var start = 0; start < assistants; start += Batch)
        {
            var count = Math.Min(Batch, assistants - start);
            var people = new List<(Assistant Assistant, Village Village)>();
            for (var i = start; i < start + count; i++)
            {
                var township = townships[i % townships.Count];
                var village = new Village { TownshipId = township.Id, Name = $"合成{i + 1:000000}村" };
                var assistant = DemoCounty.Assistant(i, township.Name);
                assistant.Code = Code(i);
                db.Villages.Add(village);
                db.Assistants.Add(assistant);
                people.Add((assistant, village));
            }
            db.ChangeTracker.DetectChanges();
            await db.SaveChangesAsync(ct);
            foreach (var (assistant, village) in people)
            {
                var from = new DateOnly(year, 1, 1);
                db.Postings.Add(new Posting { AssistantId = assistant.Id, VillageId = village.Id, StartDate = from, PlannedEndDate = Posting.DefaultPlannedEnd(from) });
                entries += SyntheticInputs.Add(db, random, cycle, assistant.Id, now, firstMonth: 1, supervisorName: "合成监督员");
            }
            db.ChangeTracker.DetectChanges();
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
        }
        db.Record(AuditAction.Bulk, nameof(AppraisalCycle), cycle.Id.ToString(CultureInfo.InvariantCulture), $"合成县 {year} 年度：助理员 {assistants} 名、评议数据 {entries} 条");
        await db.SaveChangesAsync(ct);
        return new SyntheticResult(cycle.Id, assistants, entries, AlreadyPresent: false);
    }
}
