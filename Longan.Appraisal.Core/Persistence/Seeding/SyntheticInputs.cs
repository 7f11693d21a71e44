using Longan.Appraisal.Core.Domain;
using Longan.Appraisal.Core.Domain.Entries;

namespace Longan.Appraisal.Core.Persistence.Seeding;

/// <summary>
/// Realistic inputs for one assistant in a cycle, for the synthetic county and the demo's past year:
/// 2–3 villager tallies, 1–3 party ballots, 8–15 cadre ballots, 0–3 supervision records (most
/// verified), an attendance month for each month served. Enough ballots that nobody is incomplete.
/// </summary>
internal static class SyntheticInputs
{
    public static int Add(AppraisalDbContext db, Random random, AppraisalCycle cycle, int assistantId, DateTimeOffset now, int firstMonth, string supervisorName)
    {
        var added = 0;
        // Most assistants do well and a few do not (quality leans high), so the quota, the caps and
        // every grade occur, roughly as in a real county.
        var quality = Math.Sqrt(random.NextDouble());
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
            var satisfied = Math.Clamp((int)Math.Round(voters * (0.35 + 0.6 * quality + 0.2 * (random.NextDouble() - 0.5))), 0, voters);
            var dissatisfied = Math.Min(voters - satisfied, (int)Math.Round(voters * (1 - quality) * 0.3 * random.NextDouble()));
            db.VillagerTallies.Add(Entry(new VillagerTally
            {
                Satisfied = satisfied, BasicallySatisfied = voters - satisfied - dissatisfied, Dissatisfied = dissatisfied, Invalid = random.Next(0, 3),
                Round = $"第{t}次会议", Comment = random.Next(0, 6) == 0 ? "希望多走访群众" : null,
            }));
        }
        for (var p = random.Next(1, 4); p > 0; p--)
        {
            decimal Duty() => Math.Min(20m, Math.Round((decimal)(13 + 7 * quality + random.NextDouble() * 2 - 1), 1));
            db.PartyBallots.Add(Entry(new PartyBallot { PolicyAdvocate = Duty(), PublicOpinion = Duty(), CivilAgent = Duty(), DisputeMediator = Duty(), PartyBuildingGuide = Duty() }));
        }
        for (var c = random.Next(8, 16); c > 0; c--)
        {
            var roll = random.NextDouble() * 0.5 + quality * 0.6;
            var grade = roll > 0.85 ? CadreGrade.Excellent : roll > 0.45 ? CadreGrade.Competent : roll > 0.2 ? CadreGrade.BasicallyCompetent : CadreGrade.Incompetent;
            db.CadreBallots.Add(Entry(new CadreBallot { Grade = grade }));
        }
        for (var r = random.Next(0, 4); r > 0; r--)
        {
            var issue = random.NextDouble() > quality + 0.15;
            var severity = random.NextDouble() switch { < 0.6 => IssueSeverity.Minor, < 0.9 => IssueSeverity.Moderate, _ => IssueSeverity.Serious };
            db.SupervisionRecords.Add(Entry(new SupervisionRecord
            {
                Date = new DateOnly(cycle.Year, random.Next(firstMonth, 13), random.Next(1, 29)), SupervisorName = supervisorName,
                Nature = issue ? RecordNature.Issue : RecordNature.Commendation, Category = (RecordCategory)random.Next(1, 6),
                Severity = issue ? severity : null, Description = issue ? "工作日未在村" : "热心为群众办事",
                Verification = random.Next(0, 5) == 0 ? Verification.Pending : Verification.Confirmed, FiledBy = "seed-synthetic",
            }));
        }
        for (var m = firstMonth; m <= 12; m++)
        {
            // Now and then a short month, more often for a weaker assistant.
            var days = random.NextDouble() > quality + 0.3 ? random.Next(15, 20) : random.Next(20, 27);
            db.AttendanceMonths.Add(Entry(new AttendanceMonth { Month = new DateOnly(cycle.Year, m, 1), Days = Math.Min(DateTime.DaysInMonth(cycle.Year, m), days) }));
        }
        return added;
    }
}
