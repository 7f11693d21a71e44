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

    public static string Code(int index) => $"SYN{index + 1:000000}";

    public async Task<SyntheticResult> GenerateAsync(int assistants, int year, CancellationToken ct = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(assistants, 1);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        var now = clock.GetUtcNow();
        var cycle = await db.Cycles.FirstOrDefaultAsync(c => c.Year == year, ct);
        if (cycle is null)
        {
            cycle = new AppraisalCycle { Year = year, State = CycleState.Collecting, CreatedAt = now };
            db.Cycles.Add(cycle);
            await db.SaveChangesAsync(ct);
            db.CycleTransitions.Add(new CycleTransition { CycleId = cycle.Id, From = CycleState.Draft, To = CycleState.Collecting, ByUserId = "system", ByUserName = "seed-synthetic", At = now });
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
                entries += AddInputs(db, random, cycle, assistant.Id, now);
            }
            db.ChangeTracker.DetectChanges();
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
        }
        return new SyntheticResult(cycle.Id, assistants, entries, AlreadyPresent: false);
    }

    private static int AddInputs(AppraisalDbContext db, Random random, AppraisalCycle cycle, int assistantId, DateTimeOffset now)
    {
        var added = 0;
        // A generally well-regarded assistant with some spread, so grades, caps and the quota all occur.
        var quality = random.NextDouble();
        T Entry<T>(T entry) where T : Entry
        {
            entry.CycleId = cycle.Id;
            entry.AssistantId = assistantId;
            entry.CreatedAt = entry.UpdatedAt = now;
            added++;
            return entry;
        }
        for (var t = random.Next(2, 4); t > 0; t--)
        {
            var voters = random.Next(8, 40);
            var satisfied = (int)(voters * (0.4 + 0.55 * quality) * random.NextDouble() * 1.2);
            satisfied = Math.Min(voters, satisfied);
            var dissatisfied = random.Next(0, Math.Max(1, (int)((voters - satisfied) * (1 - quality))));
            db.VillagerTallies.Add(Entry(new VillagerTally
            {
                Satisfied = satisfied, BasicallySatisfied = voters - satisfied - dissatisfied, Dissatisfied = dissatisfied, Invalid = random.Next(0, 3),
                Round = $"第{t}次会议", Comment = random.Next(0, 6) == 0 ? "希望多走访群众" : null,
            }));
        }
        for (var p = random.Next(1, 4); p > 0; p--)
        {
            decimal Duty() => Math.Min(20m, Math.Round((decimal)(12 + 8 * quality + random.NextDouble() * 2 - 1), 1));
            db.PartyBallots.Add(Entry(new PartyBallot { PolicyAdvocate = Duty(), PublicOpinion = Duty(), CivilAgent = Duty(), DisputeMediator = Duty(), PartyBuildingGuide = Duty() }));
        }
        for (var c = random.Next(8, 16); c > 0; c--)
        {
            var roll = random.NextDouble() * (0.6 + quality);
            var grade = roll > 0.9 ? CadreGrade.Excellent : roll > 0.45 ? CadreGrade.Competent : roll > 0.15 ? CadreGrade.BasicallyCompetent : CadreGrade.Incompetent;
            db.CadreBallots.Add(Entry(new CadreBallot { Grade = grade }));
        }
        for (var r = random.Next(0, 4); r > 0; r--)
        {
            var issue = random.NextDouble() > quality;
            db.SupervisionRecords.Add(Entry(new SupervisionRecord
            {
                Date = new DateOnly(cycle.Year, random.Next(1, 13), random.Next(1, 29)), SupervisorName = "合成监督员",
                Nature = issue ? RecordNature.Issue : RecordNature.Commendation, Category = (RecordCategory)random.Next(1, 6),
                Severity = issue ? (IssueSeverity)random.Next(1, 4) : null, Description = issue ? "工作日未在村" : "热心为群众办事",
                Verification = random.Next(0, 5) == 0 ? Verification.Pending : Verification.Confirmed, FiledBy = "seed-synthetic",
            }));
        }
        for (var m = 1; m <= 12; m++)
        {
            db.AttendanceMonths.Add(Entry(new AttendanceMonth { Month = new DateOnly(cycle.Year, m, 1), Days = Math.Min(DateTime.DaysInMonth(cycle.Year, m), random.Next(17, 27)) }));
        }
        return added;
    }
}
