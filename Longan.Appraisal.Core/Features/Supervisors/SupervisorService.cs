using System.Linq.Expressions;
using Longan.Appraisal.Core.Domain;
using Longan.Appraisal.Core.Features.Common;
using Longan.Appraisal.Core.Features.Villages;
using Longan.Appraisal.Core.Persistence;
using Longan.Appraisal.Core.Resources;
using Longan.Appraisal.Core.Security;
using Longan.Appraisal.Core.Security.Policies;
using Microsoft.EntityFrameworkCore;

namespace Longan.Appraisal.Core.Features.Supervisors;

/// <summary>Five-elders supervisors (五老监督员, spec §1), 2–3 per village.</summary>
public sealed class SupervisorService(IDbContextFactory<AppraisalDbContext> dbFactory)
{
    private static readonly Dictionary<string, Expression<Func<Supervisor, object?>>> s_sortable = new()
    {
        [nameof(SupervisorRow.Name)] = s => s.Name,
        [nameof(SupervisorRow.Kind)] = s => s.Kind,
        [nameof(SupervisorRow.VillageName)] = s => s.Village!.Name,
        [nameof(SupervisorRow.TownshipName)] = s => s.Village!.Township!.SortOrder,
        [nameof(SupervisorRow.IsActive)] = s => s.IsActive,
    };

    public async Task<PagedResult<SupervisorRow>> QueryAsync(Caller caller, SupervisorQuery query, CancellationToken ct = default)
    {
        MasterDataPolicy.Ensure(caller, MasterDataOperation.Browse);
        await using var db = await dbFactory.CreateDbContextAsync(caller, ct);
        var villageIds = VillageService.ScopedVillages(db, caller).Select(v => v.Id);
        var supervisors = db.Supervisors.AsNoTracking().Where(s => villageIds.Contains(s.VillageId));
        if (query.TownshipId is { } townshipId)
        {
            supervisors = supervisors.Where(s => s.Village!.TownshipId == townshipId);
        }
        if (query.VillageId is { } villageId)
        {
            supervisors = supervisors.Where(s => s.VillageId == villageId);
        }
        if (!query.IncludeInactive)
        {
            supervisors = supervisors.Where(s => s.IsActive);
        }
        if (query.Page.Term is { } term)
        {
            supervisors = supervisors.Where(s => s.Name.Contains(term) || s.Village!.Name.Contains(term) || s.Village.Township!.Name.Contains(term));
        }
        return await supervisors.ToPageAsync(query.Page, s_sortable, s => s.Village!.Township!.SortOrder, s => s.Id, SupervisorRow.Projection, ct);
    }

    public async Task<SupervisorRow> GetAsync(Caller caller, int id, CancellationToken ct = default)
    {
        MasterDataPolicy.Ensure(caller, MasterDataOperation.Browse);
        await using var db = await dbFactory.CreateDbContextAsync(caller, ct);
        var row = await db.Supervisors.AsNoTracking().Where(s => s.Id == id).Select(SupervisorRow.Projection).FirstOrDefaultAsync(ct)
            ?? throw new NotFoundException(Messages.SupervisorNotFound);
        if (!MasterDataPolicy.CanReadVillage(caller, row.TownshipId, row.VillageId))
        {
            throw new AccessDeniedException(Messages.NoAccessToVillage);
        }
        return row;
    }

    public async Task<int> CreateAsync(Caller caller, SupervisorInput input, CancellationToken ct = default)
    {
        MasterDataPolicy.Ensure(caller, MasterDataOperation.Manage);
        await using var db = await dbFactory.CreateDbContextAsync(caller, ct);
        var supervisor = new Supervisor { Name = "" };
        await ApplyAsync(db, supervisor, input, ct);
        db.Supervisors.Add(supervisor);
        await db.SaveChangesAsync(ct);
        return supervisor.Id;
    }

    public async Task UpdateAsync(Caller caller, int id, SupervisorInput input, CancellationToken ct = default)
    {
        MasterDataPolicy.Ensure(caller, MasterDataOperation.Manage);
        await using var db = await dbFactory.CreateDbContextAsync(caller, ct);
        var supervisor = await db.Supervisors.FindAsync([id], ct) ?? throw new NotFoundException(Messages.SupervisorNotFound);
        await ApplyAsync(db, supervisor, input, ct);
        await db.SaveChangesAsync(ct);
    }

    public async Task SetActiveAsync(Caller caller, int id, bool active, CancellationToken ct = default)
    {
        MasterDataPolicy.Ensure(caller, MasterDataOperation.Manage);
        await using var db = await dbFactory.CreateDbContextAsync(caller, ct);
        var supervisor = await db.Supervisors.FindAsync([id], ct) ?? throw new NotFoundException(Messages.SupervisorNotFound);
        supervisor.IsActive = active;
        await db.SaveChangesAsync(ct);
    }

    public async Task DeleteAsync(Caller caller, int id, CancellationToken ct = default)
    {
        MasterDataPolicy.Ensure(caller, MasterDataOperation.Manage);
        await using var db = await dbFactory.CreateDbContextAsync(caller, ct);
        var supervisor = await db.Supervisors.FindAsync([id], ct) ?? throw new NotFoundException(Messages.SupervisorNotFound);
        if (await db.Users.AnyAsync(u => u.SupervisorId == id, ct))
        {
            throw new RuleViolationException(Messages.SupervisorHasAccount(supervisor.Name));
        }
        db.Supervisors.Remove(supervisor);
        await db.SaveChangesAsync(ct);
    }

    private static async Task ApplyAsync(AppraisalDbContext db, Supervisor supervisor, SupervisorInput input, CancellationToken ct)
    {
        var name = InputText.Text(input.Name);
        var phone = InputText.Narrow(input.Phone);
        var validator = new Validator()
            .Check(input.VillageId is not null, nameof(input.VillageId), Messages.FieldRequired(Messages.LabelVillage))
            .Required(nameof(input.Name), Messages.LabelName, name)
            .MaxLength(nameof(input.Name), Messages.LabelName, name, FieldLimits.Name)
            .Check(input.Kind is not null && Enum.IsDefined(input.Kind.Value), nameof(input.Kind), Messages.FieldRequired(Messages.LabelSupervisorKind))
            .Phone(nameof(input.Phone), phone);
        if (input.VillageId is { } villageId)
        {
            validator.Check(await db.Villages.AnyAsync(v => v.Id == villageId, ct), nameof(input.VillageId), Messages.VillageNotFound);
        }
        validator.ThrowIfInvalid();
        supervisor.VillageId = input.VillageId!.Value;
        supervisor.Name = name!;
        supervisor.Kind = input.Kind!.Value;
        supervisor.Phone = phone;
    }
}
