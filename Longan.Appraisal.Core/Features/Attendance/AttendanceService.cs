using Longan.Appraisal.Core.Domain;
using Longan.Appraisal.Core.Domain.Entries;
using Longan.Appraisal.Core.Features.Common;
using Longan.Appraisal.Core.Features.Entries;
using Longan.Appraisal.Core.Persistence;
using Longan.Appraisal.Core.Resources;
using Longan.Appraisal.Core.Security;
using Longan.Appraisal.Core.Security.Policies;
using Microsoft.EntityFrameworkCore;

namespace Longan.Appraisal.Core.Features.Attendance;

/// <summary>驻村考勤 (spec §3, A): days in the village per assistant and month, kept by the township.</summary>
public sealed class AttendanceService(IDbContextFactory<AppraisalDbContext> dbFactory, TimeProvider clock)
{
    private const EntryKind Kind = EntryKind.AttendanceMonth;

    /// <summary>Every assistant who served in the township in the cycle's year, with their twelve months.</summary>
    public async Task<AttendanceGrid> GridAsync(Caller caller, int cycleId, int townshipId, CancellationToken ct = default)
    {
        // The whole township's grid: its villages are all in the township's scope.
        var scope = new EntryScope(townshipId, caller.VillageId ?? 0);
        if (!EntryPolicy.Can(caller, Kind, EntryOperation.Read, scope))
        {
            throw new AccessDeniedException(Messages.NoAccessToTownship);
        }
        await using var db = await dbFactory.CreateDbContextAsync(caller, ct);
        var cycle = await db.Cycles.AsNoTracking().FirstOrDefaultAsync(c => c.Id == cycleId, ct) ?? throw new NotFoundException(Messages.CycleNotFound);
        var assistants = await CycleRoster.ForTownshipAsync(db, cycle.Year, townshipId, ct);
        var ids = assistants.Select(a => a.AssistantId).ToList();
        var months = await db.AttendanceMonths.AsNoTracking()
            .Where(m => m.CycleId == cycleId && ids.Contains(m.AssistantId))
            .Select(m => new { m.AssistantId, m.Month, m.Days })
            .ToListAsync(ct);
        var rows = assistants.Select(a =>
        {
            var days = new int?[12];
            foreach (var m in months.Where(m => m.AssistantId == a.AssistantId))
            {
                days[m.Month.Month - 1] = m.Days;
            }
            return new AttendanceGridRow(a.AssistantId, a.Code, a.Name, a.VillageName, days,
                AttendanceMonths.First(cycle.Year, a.ServedFrom), AttendanceMonths.Last(cycle.Year, CountyCalendar.Today(clock)));
        }).ToList();
        var open = EntryPolicy.IsOpen(caller, cycle.State);
        return new AttendanceGrid(cycle.Id, cycle.Year, townshipId, cycle.Rules.AttendanceMinDays, rows,
            open && EntryPolicy.Can(caller, Kind, EntryOperation.Add, scope),
            open && EntryPolicy.Can(caller, Kind, EntryOperation.Change, scope),
            open && EntryPolicy.Can(caller, Kind, EntryOperation.Delete, scope));
    }

    /// <summary>Sets (or with null clears) one month's days; 0 to the days of that month.</summary>
    public async Task SetAsync(Caller caller, int cycleId, int assistantId, int month, int? days, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(caller, ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var target = await EntryGuard.LoadAsync(db, cycleId, assistantId, ct);
        var year = target.Cycle.Year;
        new Validator().Check(month is >= 1 and <= 12, "Month", Messages.MonthOutOfRange).ThrowIfInvalid();
        var first = new DateOnly(year, month, 1);
        var record = await db.AttendanceMonths.FirstOrDefaultAsync(m => m.CycleId == cycleId && m.AssistantId == assistantId && m.Month == first, ct);
        // Recording a month, changing it and clearing it are different rights (spec §1: a township adds and changes).
        var operation = record is null ? EntryOperation.Add : days is null ? EntryOperation.Delete : EntryOperation.Change;
        EntryPolicy.Ensure(caller, Kind, operation, target.Scope);
        EntryGuard.EnsureOpen(target.Cycle, caller);
        var max = AttendanceGrid.DaysIn(year, month);
        new Validator().Check(days is null || (days >= 0 && days <= max), "Days", Messages.AttendanceDaysOutOfRange(year, month, max)).ThrowIfInvalid();
        if (days is not null)
        {
            var servedFrom = (await CycleRoster.ForTownshipAsync(db, year, target.Scope.TownshipId, ct)).First(r => r.AssistantId == assistantId).ServedFrom;
            if (AttendanceMonths.Problem(year, month, target.AssistantName, servedFrom, CountyCalendar.Today(clock)) is { } problem)
            {
                new Validator().Check(false, "Month", problem).ThrowIfInvalid();
            }
        }

        var now = clock.GetUtcNow();
        var before = record is null ? null : new { record.Month, record.Days };
        if (days is null)
        {
            if (record is null)
            {
                return;
            }
            db.AttendanceMonths.Remove(record);
            EntryLog.Add(db, caller, now, cycleId, Kind.ToString(), record.Id, EntryLog.Deleted, before, null);
        }
        else if (record is null)
        {
            record = new AttendanceMonth { CycleId = cycleId, AssistantId = assistantId, Month = first, Days = days.Value, EnteredBy = caller.UserId, CreatedAt = now, UpdatedAt = now };
            db.AttendanceMonths.Add(record);
            await db.SaveChangesAsync(ct);
            EntryLog.Add(db, caller, now, cycleId, Kind.ToString(), record.Id, EntryLog.Created, null, new { record.Month, record.Days });
        }
        else
        {
            record.Days = days.Value;
            record.Version++;
            record.UpdatedAt = now;
            EntryLog.Add(db, caller, now, cycleId, Kind.ToString(), record.Id, EntryLog.Updated, before, new { record.Month, record.Days });
        }
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
    }
}
