using System.Linq.Expressions;
using Longan.Appraisal.Core.Domain;
using Longan.Appraisal.Core.Features.Common;
using Longan.Appraisal.Core.Features.Postings;
using Longan.Appraisal.Core.Persistence;
using Longan.Appraisal.Core.Resources;
using Longan.Appraisal.Core.Security;
using Longan.Appraisal.Core.Security.Policies;
using Microsoft.EntityFrameworkCore;

namespace Longan.Appraisal.Core.Features.Assistants;

/// <summary>Assistants (助理员) and their personal records (spec §1), scoped to the caller.</summary>
public sealed class AssistantService(IDbContextFactory<AppraisalDbContext> dbFactory, TimeProvider clock)
{
    private static readonly DateOnly s_earliestBirthDate = new(1940, 1, 1);

    private static readonly Dictionary<string, Expression<Func<Assistant, object?>>> s_sortable = new()
    {
        [nameof(AssistantRow.Code)] = a => a.Code,
        [nameof(AssistantRow.Name)] = a => a.Name,
        [nameof(AssistantRow.TownshipName)] = a => a.Postings.Where(p => p.EndedOn == null).Select(p => (int?)p.Village!.Township!.SortOrder).FirstOrDefault(),
        [nameof(AssistantRow.VillageName)] = a => a.Postings.Where(p => p.EndedOn == null).Select(p => p.Village!.Name).FirstOrDefault(),
        [nameof(AssistantRow.TermStart)] = a => a.Postings.Where(p => p.EndedOn == null).Select(p => (DateOnly?)p.StartDate).FirstOrDefault(),
        [nameof(AssistantRow.TermPlannedEnd)] = a => a.Postings.Where(p => p.EndedOn == null).Select(p => (DateOnly?)p.PlannedEndDate).FirstOrDefault(),
        [nameof(AssistantRow.IsActive)] = a => a.IsActive,
    };

    public async Task<PagedResult<AssistantRow>> QueryAsync(Caller caller, AssistantQuery query, CancellationToken ct = default)
    {
        var township = MasterDataPolicy.BrowsableTownship(caller);
        await using var db = await dbFactory.CreateDbContextAsync(caller, ct);
        var assistants = db.Assistants.AsNoTracking();
        if (township is not null)
        {
            assistants = assistants.Where(a => a.Postings.Any(p => p.Village!.TownshipId == township));
        }
        if (query.TownshipId is { } townshipId)
        {
            assistants = assistants.Where(a => a.Postings.Any(p => p.EndedOn == null && p.Village!.TownshipId == townshipId));
        }
        if (query.Unposted)
        {
            assistants = assistants.Where(a => !a.Postings.Any(p => p.EndedOn == null));
        }
        if (!query.IncludeInactive)
        {
            assistants = assistants.Where(a => a.IsActive);
        }
        if (query.Page.Term is { } term)
        {
            assistants = assistants.Where(a => a.Code.Contains(term) || a.Name.Contains(term)
                || a.Postings.Any(p => p.EndedOn == null && (p.Village!.Name.Contains(term) || p.Village.Township!.Name.Contains(term))));
        }
        return await assistants.ToPageAsync(query.Page, s_sortable, a => a.Code, a => a.Id, a => new AssistantRow(
            a.Id, a.Code, a.Name, a.Gender, a.SendingUnitAndPost,
            a.Postings.Where(p => p.EndedOn == null).Select(p => (int?)p.VillageId).FirstOrDefault(),
            a.Postings.Where(p => p.EndedOn == null).Select(p => p.Village!.Name).FirstOrDefault(),
            a.Postings.Where(p => p.EndedOn == null).Select(p => p.Village!.Township!.Name).FirstOrDefault(),
            a.Postings.Where(p => p.EndedOn == null).Select(p => (DateOnly?)p.StartDate).FirstOrDefault(),
            a.Postings.Where(p => p.EndedOn == null).Select(p => (DateOnly?)p.PlannedEndDate).FirstOrDefault(),
            a.IsActive), ct);
    }

    /// <summary>An assistant with every posting; refused unless the caller may see this assistant (spec §1).</summary>
    public async Task<AssistantDetail> GetAsync(Caller caller, int id, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(caller, ct);
        var a = await db.Assistants.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct)
            ?? throw new NotFoundException(Messages.AssistantNotFound);
        var postings = await db.Postings.AsNoTracking()
            .Where(p => p.AssistantId == id)
            .OrderByDescending(p => p.EndedOn == null).ThenByDescending(p => p.StartDate)
            .Select(PostingRow.Projection)
            .ToListAsync(ct);
        var townships = await db.Postings.Where(p => p.AssistantId == id).Select(p => p.Village!.TownshipId).ToListAsync(ct);
        var current = postings.FirstOrDefault(p => p.IsCurrent)?.VillageId;
        if (!MasterDataPolicy.CanReadAssistant(caller, id, townships, current))
        {
            throw new AccessDeniedException(Messages.NoAccessToAssistant);
        }
        return new AssistantDetail(a.Id, a.Code, a.Name, a.Gender, a.Ethnicity, a.BirthDate, a.PoliticalStatus,
            a.Education, a.SendingUnitAndPost, a.Phone, a.IsActive,
            postings.Select(p => p with { CanOpenVillage = MasterDataPolicy.CanReadVillage(caller, p.TownshipId, p.VillageId) }).ToList());
    }

    public async Task<int> CreateAsync(Caller caller, AssistantInput input, CancellationToken ct = default)
    {
        MasterDataPolicy.Ensure(caller, MasterDataOperation.Manage);
        await using var db = await dbFactory.CreateDbContextAsync(caller, ct);
        var assistant = new Assistant { Code = "", Name = "" };
        await ApplyAsync(db, assistant, input, ct);
        db.Assistants.Add(assistant);
        await db.SaveChangesAsync(ct);
        return assistant.Id;
    }

    public async Task UpdateAsync(Caller caller, int id, AssistantInput input, CancellationToken ct = default)
    {
        MasterDataPolicy.Ensure(caller, MasterDataOperation.Manage);
        await using var db = await dbFactory.CreateDbContextAsync(caller, ct);
        var assistant = await db.Assistants.FindAsync([id], ct) ?? throw new NotFoundException(Messages.AssistantNotFound);
        await ApplyAsync(db, assistant, input, ct);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Deactivating keeps the record and its history; a serving assistant's term must be ended first.</summary>
    public async Task SetActiveAsync(Caller caller, int id, bool active, CancellationToken ct = default)
    {
        MasterDataPolicy.Ensure(caller, MasterDataOperation.Manage);
        await using var db = await dbFactory.CreateDbContextAsync(caller, ct);
        var assistant = await db.Assistants.FindAsync([id], ct) ?? throw new NotFoundException(Messages.AssistantNotFound);
        if (!active && await db.Postings.AnyAsync(p => p.AssistantId == id && p.EndedOn == null, ct))
        {
            throw new RuleViolationException(Messages.AssistantStillPosted(assistant.Name));
        }
        assistant.IsActive = active;
        await db.SaveChangesAsync(ct);
    }

    public async Task DeleteAsync(Caller caller, int id, CancellationToken ct = default)
    {
        MasterDataPolicy.Ensure(caller, MasterDataOperation.Manage);
        await using var db = await dbFactory.CreateDbContextAsync(caller, ct);
        var assistant = await db.Assistants.FindAsync([id], ct) ?? throw new NotFoundException(Messages.AssistantNotFound);
        if (await db.Postings.AnyAsync(p => p.AssistantId == id, ct))
        {
            throw new RuleViolationException(Messages.AssistantHasPostings(assistant.Name));
        }
        if (await db.Users.AnyAsync(u => u.AssistantId == id, ct))
        {
            throw new RuleViolationException(Messages.AssistantHasAccount(assistant.Name));
        }
        db.Assistants.Remove(assistant);
        await db.SaveChangesAsync(ct);
    }

    private async Task ApplyAsync(AppraisalDbContext db, Assistant assistant, AssistantInput input, CancellationToken ct)
    {
        var code = InputText.Code(input.Code);
        var name = InputText.Text(input.Name);
        var phone = InputText.Narrow(input.Phone);
        var today = CountyCalendar.Today(clock);
        var validator = new Validator()
            .Required(nameof(input.Code), Messages.LabelCode, code)
            .MaxLength(nameof(input.Code), Messages.LabelCode, code, FieldLimits.Code)
            .Required(nameof(input.Name), Messages.LabelName, name)
            .MaxLength(nameof(input.Name), Messages.LabelName, name, FieldLimits.Name)
            .Printable(nameof(input.Name), Messages.LabelName, name)
            .Check(input.Gender is null || Enum.IsDefined(input.Gender.Value), nameof(input.Gender), Messages.GenderInvalid)
            .MaxLength(nameof(input.Ethnicity), Messages.LabelEthnicity, input.Ethnicity, FieldLimits.Short)
            .Check(input.BirthDate is null || input.BirthDate <= today, nameof(input.BirthDate), Messages.BirthDateInFuture)
            .Check(input.BirthDate is null || input.BirthDate >= s_earliestBirthDate, nameof(input.BirthDate), Messages.BirthDateTooEarly)
            .MaxLength(nameof(input.PoliticalStatus), Messages.LabelPoliticalStatus, input.PoliticalStatus, FieldLimits.Short)
            .MaxLength(nameof(input.Education), Messages.LabelEducation, input.Education, FieldLimits.Short)
            .MaxLength(nameof(input.SendingUnitAndPost), Messages.LabelSendingUnit, input.SendingUnitAndPost, FieldLimits.Text)
            .Phone(nameof(input.Phone), phone);
        if (code is not null && !validator.HasErrorFor(nameof(input.Code)))
        {
            var holder = await AssistantCodes.HolderAsync(db, code, assistant.Id, ct);
            validator.Check(holder is null, nameof(input.Code), Messages.CodeTaken(code, holder ?? ""));
        }
        validator.ThrowIfInvalid();
        assistant.Code = code!;
        assistant.Name = name!;
        assistant.Gender = input.Gender;
        assistant.Ethnicity = InputText.Text(input.Ethnicity);
        assistant.BirthDate = input.BirthDate;
        assistant.PoliticalStatus = InputText.Text(input.PoliticalStatus);
        assistant.Education = InputText.Text(input.Education);
        assistant.SendingUnitAndPost = InputText.Text(input.SendingUnitAndPost);
        assistant.Phone = phone;
    }
}
