using Longan.Appraisal.Core.Security;
using Microsoft.EntityFrameworkCore;

namespace Longan.Appraisal.Core.Persistence;

public static class AuditedContexts
{
    /// <summary>A context whose changes are recorded in the audit trail in the caller's name.</summary>
    public static async Task<AppraisalDbContext> CreateDbContextAsync(this IDbContextFactory<AppraisalDbContext> factory, Caller caller, CancellationToken ct = default) =>
        (await factory.CreateDbContextAsync(ct)).ActingAs(caller);
}
