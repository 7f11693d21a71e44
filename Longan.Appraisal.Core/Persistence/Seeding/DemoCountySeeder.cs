using System.Globalization;
using Longan.Appraisal.Core.Domain;
using Longan.Appraisal.Core.Domain.Audit;
using Longan.Appraisal.Core.Features.Cycles;
using Longan.Appraisal.Core.Features.Entries;
using Longan.Appraisal.Core.Features.Results;
using Longan.Appraisal.Core.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Longan.Appraisal.Core.Persistence.Seeding;

/// <summary>What one run of the demo seeder added (zero everywhere when the county was already there).</summary>
public sealed record DemoSeedResult(int Townships, int Villages, int Assistants, int Supervisors, int Accounts, int PublishedYearEntries);

/// <summary>
/// Loads the demo county. Idempotent: it adds only what is missing, matching by township name,
/// village name, assistant code, supervisor name and login name, and never changes existing rows.
/// It also gives the county a past appraisal — <see cref="PublishedYear"/>, collected, computed and
/// published — so results, charts and an assistant's 我的考核 have something to show.
/// </summary>
public sealed class DemoCountySeeder(
    IDbContextFactory<AppraisalDbContext> dbFactory, IServiceScopeFactory scopes, CycleService cycles, ResultService results, TimeProvider clock)
{
    public const int PublishedYear = 2025;

    private static readonly Caller s_seeder = new("system", "seed-demo", AppRole.County);

    public async Task<DemoSeedResult> SeedAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(s_seeder, ct);
        db.SummariseAll();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var townships = await db.Townships.Include(t => t.Villages).ToDictionaryAsync(t => t.Name, ct);
        var assistants = await db.Assistants.ToDictionaryAsync(a => a.Code, ct);
        var supervisors = (await db.Supervisors.Select(s => new { s.VillageId, s.Name }).ToListAsync(ct))
            .Select(s => (s.VillageId, s.Name)).ToHashSet();
        var postedVillages = (await db.Postings.Where(p => p.EndedOn == null).Select(p => p.VillageId).ToListAsync(ct)).ToHashSet();
        var postedAssistants = (await db.Postings.Where(p => p.EndedOn == null).Select(p => p.AssistantId).ToListAsync(ct)).ToHashSet();
        int newTownships = 0, newVillages = 0, newAssistants = 0, newSupervisors = 0;

        // Pass 1: townships, villages, assistants (ids are needed for postings and supervisors).
        var villageIndex = 0;
        var plan = new List<(Village Village, Assistant Assistant, int Index)>();
        for (var t = 0; t < DemoCounty.Townships.Length; t++)
        {
            var (townshipName, _, villageNames) = DemoCounty.Townships[t];
            if (!townships.TryGetValue(townshipName, out var township))
            {
                township = new Township { Name = townshipName, SortOrder = (t + 1) * 10 };
                db.Townships.Add(township);
                townships[townshipName] = township;
                newTownships++;
            }
            foreach (var villageName in villageNames)
            {
                var village = township.Villages.FirstOrDefault(v => v.Name == villageName);
                if (village is null)
                {
                    village = new Village { Name = villageName, StationName = villageName + "便民服务站", StationAddress = $"隆安县{townshipName}{villageName}村委会" };
                    township.Villages.Add(village);
                    newVillages++;
                }
                var code = DemoCounty.AssistantCode(villageIndex);
                if (!assistants.TryGetValue(code, out var assistant))
                {
                    assistant = DemoCounty.Assistant(villageIndex, townshipName);
                    db.Assistants.Add(assistant);
                    assistants[code] = assistant;
                    newAssistants++;
                }
                plan.Add((village, assistant, villageIndex));
                villageIndex++;
            }
        }
        await db.SaveChangesAsync(ct);

        // Pass 2: postings and supervisors.
        foreach (var (village, assistant, index) in plan)
        {
            if (!postedVillages.Contains(village.Id) && !postedAssistants.Contains(assistant.Id))
            {
                var start = DemoCounty.TermStart(index);
                db.Postings.Add(new Posting { AssistantId = assistant.Id, VillageId = village.Id, StartDate = start, PlannedEndDate = Posting.DefaultPlannedEnd(start) });
                postedVillages.Add(village.Id);
                postedAssistants.Add(assistant.Id);
            }
            foreach (var (name, kind) in DemoCounty.Supervisors(index))
            {
                if (supervisors.Add((village.Id, name)))
                {
                    db.Supervisors.Add(new Supervisor { VillageId = village.Id, Name = name, Kind = kind, Phone = $"139{7720000 + index * 71 + (int)kind:0000000}" });
                    newSupervisors++;
                }
            }
        }
        if (newTownships + newVillages + newAssistants + newSupervisors > 0)
        {
            db.Record(AuditAction.Bulk, "DemoCounty", null, $"演示县：新增乡镇 {newTownships} 个、行政村 {newVillages} 个、助理员 {newAssistants} 名、五老监督员 {newSupervisors} 名");
        }
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);

        var newAccounts = await SeedAccountsAsync(db, ct);
        var entries = await SeedPublishedYearAsync(ct);
        return new DemoSeedResult(newTownships, newVillages, newAssistants, newSupervisors, newAccounts, entries);
    }

    /// <summary>
    /// The past year's appraisal, when the county has none for that year: generated evaluations for
    /// everyone who served in it (attendance from the month their term began), then computed and
    /// published through the same services officials use.
    /// </summary>
    private async Task<int> SeedPublishedYearAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(s_seeder, ct);
        db.SummariseAll();
        var cycle = await db.Cycles.FirstOrDefaultAsync(c => c.Year == PublishedYear, ct);
        var entries = 0;
        if (cycle is null)
        {
            var now = clock.GetUtcNow();
            cycle = new AppraisalCycle { Year = PublishedYear, State = CycleState.Collecting, CreatedAt = now };
            db.Cycles.Add(cycle);
            await db.SaveChangesAsync(ct);
            db.CycleTransitions.Add(new CycleTransition { CycleId = cycle.Id, From = CycleState.Draft, To = CycleState.Collecting, ByUserId = s_seeder.UserId, ByUserName = s_seeder.UserName, At = now });
            var roster = await CycleRoster.ForYearAsync(db, PublishedYear, ct);
            var supervisors = (await db.Supervisors.OrderBy(s => s.Id).Select(s => new { s.VillageId, s.Name }).ToListAsync(ct))
                .GroupBy(s => s.VillageId).ToDictionary(g => g.Key, g => g.First().Name);
            var random = new Random(PublishedYear);
            foreach (var person in roster.OrderBy(r => r.Code, StringComparer.Ordinal))
            {
                var firstMonth = person.ServedFrom.Year == PublishedYear ? person.ServedFrom.Month : 1;
                entries += SyntheticInputs.Add(db, random, cycle, person.AssistantId, now, firstMonth, supervisors.GetValueOrDefault(person.VillageId, "五老监督员"));
            }
            db.Record(AuditAction.Bulk, nameof(AppraisalCycle), cycle.Id.ToString(CultureInfo.InvariantCulture), $"演示县 {PublishedYear} 年度：生成评议数据 {entries} 条");
            await db.SaveChangesAsync(ct);
        }
        else if (cycle.State == CycleState.Published
            || !await db.CycleTransitions.AnyAsync(t => t.CycleId == cycle.Id && t.ByUserName == s_seeder.UserName, ct))
        {
            // Done before, or a year somebody runs by hand: never touched.
            return 0;
        }
        // A run interrupted after collecting resumes here: review, compute, publish.
        if (cycle.State == CycleState.Collecting)
        {
            await cycles.TransitionAsync(s_seeder, cycle.Id, CycleState.Review, null, ct);
        }
        await results.ComputeAsync(s_seeder, cycle.Id, ct);
        await cycles.TransitionAsync(s_seeder, cycle.Id, CycleState.Published, null, ct);
        return entries;
    }

    /// <summary>The demo logins listed in the README: the county, each township, and a supervisor and the assistant of 浪湾村.</summary>
    private async Task<int> SeedAccountsAsync(AppraisalDbContext db, CancellationToken ct)
    {
        var townshipIds = await db.Townships.ToDictionaryAsync(t => t.Name, t => t.Id, ct);
        var featured = await db.Villages
            .Where(v => v.Name == DemoCounty.FeaturedVillage && v.Township!.Name == DemoCounty.FeaturedTownship)
            .Select(v => new
            {
                SupervisorId = v.Supervisors.OrderBy(s => s.Id).Select(s => (int?)s.Id).FirstOrDefault(),
                SupervisorName = v.Supervisors.OrderBy(s => s.Id).Select(s => s.Name).FirstOrDefault(),
                AssistantId = v.Postings.Where(p => p.EndedOn == null).Select(p => (int?)p.AssistantId).FirstOrDefault(),
                AssistantName = v.Postings.Where(p => p.EndedOn == null).Select(p => p.Assistant!.Name).FirstOrDefault(),
            })
            .FirstAsync(ct);

        var accounts = new List<AppUser>
        {
            new() { UserName = "zzb.admin", DisplayName = "隆安县委组织部", Role = AppRole.County },
        };
        foreach (var (name, pinyin, _) in DemoCounty.Townships)
        {
            accounts.Add(new AppUser { UserName = pinyin + ".dw", DisplayName = name + "党委", Role = AppRole.Township, TownshipId = townshipIds[name] });
        }
        accounts.Add(new AppUser { UserName = "langwan.wl", DisplayName = featured.SupervisorName ?? "五老监督员", Role = AppRole.Supervisor, SupervisorId = featured.SupervisorId });
        accounts.Add(new AppUser { UserName = "langwan.zl", DisplayName = featured.AssistantName ?? "助理员", Role = AppRole.Assistant, AssistantId = featured.AssistantId });

        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<AppraisalDbContext>().ActingAs(s_seeder);
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var created = 0;
        foreach (var account in accounts)
        {
            if (await users.FindByNameAsync(account.UserName!) is not null)
            {
                continue;
            }
            account.CreatedAt = DateTimeOffset.UtcNow;
            account.LockoutEnabled = true;
            var result = await users.CreateAsync(account, DemoCounty.DemoPassword);
            if (!result.Succeeded)
            {
                throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Description)));
            }
            created++;
        }
        return created;
    }
}
