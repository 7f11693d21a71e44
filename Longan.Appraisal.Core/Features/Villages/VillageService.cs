using System.Linq.Expressions;
using Longan.Appraisal.Core.Domain;
using Longan.Appraisal.Core.Features.Postings;
using Longan.Appraisal.Core.Features.Common;
using Longan.Appraisal.Core.Features.Supervisors;
using Longan.Appraisal.Core.Persistence;
using Longan.Appraisal.Core.Resources;
using Longan.Appraisal.Core.Security;
using Longan.Appraisal.Core.Security.Policies;
using Microsoft.EntityFrameworkCore;

namespace Longan.Appraisal.Core.Features.Villages;

/// <summary>Villages and their service stations (spec §1), scoped to the caller's township.</summary>
public sealed class VillageService(IDbContextFactory<AppraisalDbContext> dbFactory)
{
    private static readonly Dictionary<string, Expression<Func<Village, object?>>> s_sortable = new()
    {
        [nameof(VillageRow.Name)] = v => v.Name,
        [nameof(VillageRow.TownshipName)] = v => v.Township!.SortOrder,
        [nameof(VillageRow.StationName)] = v => v.StationName,
        [nameof(VillageRow.CurrentAssistantName)] = v => v.Postings.Where(p => p.EndedOn == null).Select(p => p.Assistant!.Name).FirstOrDefault(),
        [nameof(VillageRow.SupervisorCount)] = v => v.Supervisors.Count(s => s.IsActive),
        [nameof(VillageRow.IsActive)] = v => v.IsActive,
    };

    public async Task<PagedResult<VillageRow>> QueryAsync(Caller caller, VillageQuery query, CancellationToken ct = default)
    {
        MasterDataPolicy.Ensure(caller, MasterDataOperation.Browse);
        await using var db = await dbFactory.CreateDbContextAsync(caller, ct);
        var villages = ScopedVillages(db, caller);
        if (query.TownshipId is { } townshipId)
        {
            villages = villages.Where(v => v.TownshipId == townshipId);
        }
        if (!query.IncludeInactive)
        {
            villages = villages.Where(v => v.IsActive);
        }
        if (query.Page.Term is { } term)
        {
            villages = villages.Where(v => v.Name.Contains(term) || v.Township!.Name.Contains(term)
                || (v.StationName != null && v.StationName.Contains(term))
                || v.Postings.Any(p => p.EndedOn == null && p.Assistant!.Name.Contains(term)));
        }
        return await villages.ToPageAsync(query.Page, s_sortable, v => v.Township!.SortOrder, v => v.Name, v => new VillageRow(
            v.Id, v.Name, v.TownshipId, v.Township!.Name, v.StationName, v.IsActive,
            v.Postings.Where(p => p.EndedOn == null).Select(p => (int?)p.AssistantId).FirstOrDefault(),
            v.Postings.Where(p => p.EndedOn == null).Select(p => p.Assistant!.Name).FirstOrDefault(),
            v.Supervisors.Count(s => s.IsActive)), ct);
    }

    /// <summary>Active villages to choose from (e.g. when posting an assistant), within the caller's scope, matching a search term.</summary>
    public async Task<IReadOnlyList<VillageOption>> ListOptionsAsync(Caller caller, string? term = null, int take = 50, CancellationToken ct = default)
    {
        MasterDataPolicy.Ensure(caller, MasterDataOperation.Browse);
        await using var db = await dbFactory.CreateDbContextAsync(caller, ct);
        var villages = ScopedVillages(db, caller).Where(v => v.IsActive);
        if (!string.IsNullOrWhiteSpace(term))
        {
            term = term.Trim();
            villages = villages.Where(v => v.Name.Contains(term) || v.Township!.Name.Contains(term));
        }
        return await villages
            .OrderBy(v => v.Township!.SortOrder).ThenBy(v => v.Township!.Name).ThenBy(v => v.Name)
            .Take(Math.Clamp(take, 1, PageRequest.MaxPageSize))
            .Select(v => new VillageOption(v.Id, v.Name, v.TownshipId, v.Township!.Name, v.Postings.Any(p => p.EndedOn == null)))
            .ToListAsync(ct);
    }

    /// <summary>A village with its station, posting history and supervisors; refused outside the caller's scope.</summary>
    public async Task<VillageDetail> GetAsync(Caller caller, int id, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(caller, ct);
        var village = await db.Villages.AsNoTracking()
            .Where(v => v.Id == id)
            .Select(v => new { v.Id, v.Name, v.TownshipId, Township = v.Township!.Name, v.StationName, v.StationAddress, v.StationPhone, v.IsActive })
            .FirstOrDefaultAsync(ct) ?? throw new NotFoundException(Messages.VillageNotFound);
        if (!MasterDataPolicy.CanReadVillage(caller, village.TownshipId, village.Id))
        {
            throw new AccessDeniedException(Messages.NoAccessToVillage);
        }
        var postings = await db.Postings.AsNoTracking()
            .Where(p => p.VillageId == id)
            .OrderByDescending(p => p.EndedOn == null).ThenByDescending(p => p.StartDate)
            .Select(PostingRow.Projection)
            .ToListAsync(ct);
        var supervisors = await db.Supervisors.AsNoTracking()
            .Where(s => s.VillageId == id)
            .OrderByDescending(s => s.IsActive).ThenBy(s => s.Name)
            .Select(SupervisorRow.Projection)
            .ToListAsync(ct);
        return new VillageDetail(village.Id, village.Name, village.TownshipId, village.Township, village.StationName,
            village.StationAddress, village.StationPhone, village.IsActive, postings, supervisors);
    }

    public async Task<int> CreateAsync(Caller caller, VillageInput input, CancellationToken ct = default)
    {
        MasterDataPolicy.Ensure(caller, MasterDataOperation.Manage);
        await using var db = await dbFactory.CreateDbContextAsync(caller, ct);
        var village = new Village { Name = "" };
        await ApplyAsync(db, village, input, ct);
        db.Villages.Add(village);
        await db.SaveChangesAsync(ct);
        return village.Id;
    }

    public async Task UpdateAsync(Caller caller, int id, VillageInput input, CancellationToken ct = default)
    {
        MasterDataPolicy.Ensure(caller, MasterDataOperation.Manage);
        await using var db = await dbFactory.CreateDbContextAsync(caller, ct);
        var village = await db.Villages.FindAsync([id], ct) ?? throw new NotFoundException(Messages.VillageNotFound);
        await ApplyAsync(db, village, input, ct);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Deactivating keeps the village's history; a village with a serving assistant must first see the term ended.</summary>
    public async Task SetActiveAsync(Caller caller, int id, bool active, CancellationToken ct = default)
    {
        MasterDataPolicy.Ensure(caller, MasterDataOperation.Manage);
        await using var db = await dbFactory.CreateDbContextAsync(caller, ct);
        var village = await db.Villages.FindAsync([id], ct) ?? throw new NotFoundException(Messages.VillageNotFound);
        if (!active && await db.Postings.AnyAsync(p => p.VillageId == id && p.EndedOn == null, ct))
        {
            throw new RuleViolationException(Messages.VillageHasCurrentAssistant(village.Name));
        }
        village.IsActive = active;
        await db.SaveChangesAsync(ct);
    }

    public async Task DeleteAsync(Caller caller, int id, CancellationToken ct = default)
    {
        MasterDataPolicy.Ensure(caller, MasterDataOperation.Manage);
        await using var db = await dbFactory.CreateDbContextAsync(caller, ct);
        var village = await db.Villages.FindAsync([id], ct) ?? throw new NotFoundException(Messages.VillageNotFound);
        if (await db.Postings.AnyAsync(p => p.VillageId == id, ct))
        {
            throw new RuleViolationException(Messages.VillageHasPostings(village.Name));
        }
        if (await db.Supervisors.AnyAsync(s => s.VillageId == id, ct))
        {
            throw new RuleViolationException(Messages.VillageHasSupervisors(village.Name));
        }
        db.Villages.Remove(village);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>The villages the caller may read (<see cref="MasterDataPolicy.CanReadVillage"/> as a query).</summary>
    internal static IQueryable<Village> ScopedVillages(AppraisalDbContext db, Caller caller)
    {
        var villages = db.Villages.AsNoTracking();
        return caller.Role switch
        {
            AppRole.County => villages,
            AppRole.Township => villages.Where(v => v.TownshipId == caller.TownshipId),
            AppRole.Supervisor => villages.Where(v => v.Id == caller.VillageId),
            _ => villages.Where(_ => false),
        };
    }

    private static async Task ApplyAsync(AppraisalDbContext db, Village village, VillageInput input, CancellationToken ct)
    {
        var name = InputText.Text(input.Name);
        var validator = new Validator()
            .Check(input.TownshipId is not null, nameof(input.TownshipId), Messages.FieldRequired(Messages.LabelTownship))
            .Required(nameof(input.Name), Messages.LabelVillageName, name)
            .MaxLength(nameof(input.Name), Messages.LabelVillageName, name, FieldLimits.Name)
            .Printable(nameof(input.Name), Messages.LabelVillageName, name)
            .MaxLength(nameof(input.StationName), Messages.LabelStationName, input.StationName, FieldLimits.Name)
            .MaxLength(nameof(input.StationAddress), Messages.LabelStationAddress, input.StationAddress, FieldLimits.Text)
            .Phone(nameof(input.StationPhone), InputText.Narrow(input.StationPhone));
        if (input.TownshipId is { } townshipId)
        {
            var township = await db.Townships.AsNoTracking().FirstOrDefaultAsync(t => t.Id == townshipId, ct);
            validator.Check(township is not null, nameof(input.TownshipId), Messages.TownshipNotFound);
            if (township is not null && name is not null && !validator.HasErrorFor(nameof(input.Name)))
            {
                var taken = await db.Villages.AnyAsync(v => v.TownshipId == townshipId && v.Name == name && v.Id != village.Id, ct);
                validator.Check(!taken, nameof(input.Name), Messages.VillageNameTaken(township.Name, name));
            }
        }
        validator.ThrowIfInvalid();
        village.TownshipId = input.TownshipId!.Value;
        village.Name = name!;
        village.StationName = InputText.Text(input.StationName);
        village.StationAddress = InputText.Text(input.StationAddress);
        village.StationPhone = InputText.Narrow(input.StationPhone);
    }
}
