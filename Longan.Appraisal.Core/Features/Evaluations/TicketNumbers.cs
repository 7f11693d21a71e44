using Longan.Appraisal.Core.Features.Common;
using Microsoft.EntityFrameworkCore;

namespace Longan.Appraisal.Core.Features.Evaluations;

/// <summary>
/// A 票号 is unique per assistant and group in a cycle (spec workbooks.md), compared in the one form
/// <see cref="InputText.Code"/> gives it — also against numbers stored before numbers were
/// normalised ("c05" then, "C05" now), which the database's own comparison would miss.
/// </summary>
internal static class TicketNumbers
{
    /// <param name="others">The 票号 of the assistant's other ballots of the group in the cycle.</param>
    public static async Task<bool> IsTakenAsync(IQueryable<string?> others, string ticket, CancellationToken ct) =>
        (await others.Where(t => t != null).ToListAsync(ct)).Any(t => InputText.Code(t) == ticket);
}
