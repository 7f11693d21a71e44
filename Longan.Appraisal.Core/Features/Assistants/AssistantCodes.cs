using Longan.Appraisal.Core.Features.Common;
using Longan.Appraisal.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Longan.Appraisal.Core.Features.Assistants;

/// <summary>
/// Assistant codes (编号) compared in the one form every way in reads them (<see cref="InputText.Code"/>),
/// also against codes stored before codes were normalised ("la0020 ", "ＬＡ0020", "LA 0020"):
/// the database cannot compare those forms, so the codes are compared here.
/// </summary>
public static class AssistantCodes
{
    /// <summary>Items by their code as normalised; a code two stored codes normalise to has both.</summary>
    public static ILookup<string, T> Index<T>(IEnumerable<T> items, Func<T, string> codeOf) =>
        items.ToLookup(item => InputText.Code(codeOf(item)) ?? "", StringComparer.Ordinal);

    /// <summary>The name of another assistant who holds <paramref name="code"/> (in any stored form), or null.</summary>
    public static async Task<string?> HolderAsync(AppraisalDbContext db, string code, int exceptAssistantId, CancellationToken ct)
    {
        var others = await db.Assistants.AsNoTracking().Where(a => a.Id != exceptAssistantId).Select(a => new { a.Code, a.Name }).ToListAsync(ct);
        return others.FirstOrDefault(a => InputText.Code(a.Code) == code)?.Name;
    }
}
