using Longan.Appraisal.Core.Domain;
using Longan.Appraisal.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Longan.Appraisal.Core.Security;

/// <summary>Turns an account into the <see cref="Caller"/> it acts as, resolving the scope from master data.</summary>
public static class CallerScopeResolver
{
    public static async Task<Caller> ResolveAsync(AppraisalDbContext db, AppUser user, CancellationToken ct = default)
    {
        var userName = user.UserName ?? "";
        switch (user.Role)
        {
            case AppRole.Township:
                return new Caller(user.Id, userName, AppRole.Township, TownshipId: user.TownshipId);
            case AppRole.Supervisor:
                var village = await db.Supervisors.AsNoTracking()
                    .Where(s => s.Id == user.SupervisorId)
                    .Select(s => new { s.VillageId, s.Village!.TownshipId })
                    .FirstOrDefaultAsync(ct);
                return new Caller(user.Id, userName, AppRole.Supervisor, village?.TownshipId, village?.VillageId);
            case AppRole.Assistant:
                var posting = await db.Postings.AsNoTracking()
                    .Where(p => p.AssistantId == user.AssistantId && p.EndedOn == null)
                    .Select(p => new { p.VillageId, p.Village!.TownshipId })
                    .FirstOrDefaultAsync(ct);
                return new Caller(user.Id, userName, AppRole.Assistant, posting?.TownshipId, posting?.VillageId, user.AssistantId);
            default:
                return new Caller(user.Id, userName, AppRole.County);
        }
    }
}
