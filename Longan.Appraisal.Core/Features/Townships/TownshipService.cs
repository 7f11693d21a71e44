using Longan.Appraisal.Core.Domain;
using Longan.Appraisal.Core.Features.Common;
using Longan.Appraisal.Core.Persistence;
using Longan.Appraisal.Core.Resources;
using Longan.Appraisal.Core.Security;
using Longan.Appraisal.Core.Security.Policies;
using Microsoft.EntityFrameworkCore;

namespace Longan.Appraisal.Core.Features.Townships;

/// <summary>Townships (乡镇, spec §1): the county manages them; a township committee sees its own.</summary>
public sealed class TownshipService(IDbContextFactory<AppraisalDbContext> dbFactory)
{
    /// <summary>The townships the caller may see, in the county's order.</summary>
    public async Task<IReadOnlyList<TownshipRow>> ListAsync(Caller caller, CancellationToken ct = default)
    {
        var township = MasterDataPolicy.BrowsableTownship(caller);
        await using var db = await dbFactory.CreateDbContextAsync(caller, ct);
        var query = db.Townships.AsNoTracking();
        if (township is not null)
        {
            query = query.Where(t => t.Id == township);
        }
        return await query
            .OrderBy(t => t.SortOrder).ThenBy(t => t.Name)
            .Select(t => new TownshipRow(t.Id, t.Name, t.SortOrder, t.IsActive,
                t.Villages.Count,
                t.Villages.Count(v => v.Postings.Any(p => p.EndedOn == null))))
            .ToListAsync(ct);
    }

    public async Task<TownshipRow> GetAsync(Caller caller, int id, CancellationToken ct = default)
    {
        MasterDataPolicy.Ensure(caller, MasterDataOperation.Browse);
        if (!MasterDataPolicy.CanReadTownship(caller, id))
        {
            throw new AccessDeniedException(Messages.NoAccessToTownship);
        }
        var rows = await ListAsync(caller, ct);
        return rows.FirstOrDefault(r => r.Id == id) ?? throw new NotFoundException(Messages.TownshipNotFound);
    }

    public async Task<int> CreateAsync(Caller caller, TownshipInput input, CancellationToken ct = default)
    {
        MasterDataPolicy.Ensure(caller, MasterDataOperation.Manage);
        await using var db = await dbFactory.CreateDbContextAsync(caller, ct);
        var name = await ValidateAsync(db, input, null, ct);
        var township = new Township { Name = name, SortOrder = input.SortOrder };
        db.Townships.Add(township);
        await db.SaveChangesAsync(ct);
        return township.Id;
    }

    public async Task UpdateAsync(Caller caller, int id, TownshipInput input, CancellationToken ct = default)
    {
        MasterDataPolicy.Ensure(caller, MasterDataOperation.Manage);
        await using var db = await dbFactory.CreateDbContextAsync(caller, ct);
        var township = await db.Townships.FindAsync([id], ct) ?? throw new NotFoundException(Messages.TownshipNotFound);
        township.Name = await ValidateAsync(db, input, id, ct);
        township.SortOrder = input.SortOrder;
        await db.SaveChangesAsync(ct);
    }

    public async Task SetActiveAsync(Caller caller, int id, bool active, CancellationToken ct = default)
    {
        MasterDataPolicy.Ensure(caller, MasterDataOperation.Manage);
        await using var db = await dbFactory.CreateDbContextAsync(caller, ct);
        var township = await db.Townships.FindAsync([id], ct) ?? throw new NotFoundException(Messages.TownshipNotFound);
        var activeVillages = await db.Villages.CountAsync(v => v.TownshipId == id && v.IsActive, ct);
        if (!active && activeVillages > 0)
        {
            throw new RuleViolationException(Messages.TownshipHasActiveVillages(township.Name, activeVillages));
        }
        township.IsActive = active;
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Deletes a township that nothing refers to; otherwise explains what refers to it.</summary>
    public async Task DeleteAsync(Caller caller, int id, CancellationToken ct = default)
    {
        MasterDataPolicy.Ensure(caller, MasterDataOperation.Manage);
        await using var db = await dbFactory.CreateDbContextAsync(caller, ct);
        var township = await db.Townships.FindAsync([id], ct) ?? throw new NotFoundException(Messages.TownshipNotFound);
        var villages = await db.Villages.CountAsync(v => v.TownshipId == id, ct);
        if (villages > 0)
        {
            throw new RuleViolationException(Messages.TownshipHasVillages(township.Name, villages));
        }
        if (await db.Users.AnyAsync(u => u.TownshipId == id, ct))
        {
            throw new RuleViolationException(Messages.TownshipHasAccounts(township.Name));
        }
        db.Townships.Remove(township);
        await db.SaveChangesAsync(ct);
    }

    private static async Task<string> ValidateAsync(AppraisalDbContext db, TownshipInput input, int? id, CancellationToken ct)
    {
        var name = InputText.Text(input.Name);
        var validator = new Validator()
            .Required(nameof(input.Name), Messages.LabelTownshipName, name)
            .MaxLength(nameof(input.Name), Messages.LabelTownshipName, name, FieldLimits.Name)
            .Printable(nameof(input.Name), Messages.LabelTownshipName, name);
        if (!validator.HasErrorFor(nameof(input.Name)))
        {
            var taken = await db.Townships.AnyAsync(t => t.Name == name && t.Id != id, ct);
            validator.Check(!taken, nameof(input.Name), Messages.TownshipNameTaken(name!));
        }
        validator.ThrowIfInvalid();
        return name!;
    }
}
