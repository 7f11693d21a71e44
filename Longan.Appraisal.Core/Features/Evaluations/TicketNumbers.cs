using Longan.Appraisal.Core.Features.Common;
using Microsoft.EntityFrameworkCore;

namespace Longan.Appraisal.Core.Features.Evaluations;

/// <summary>
/// A 票号 is unique per assistant and group in a cycle (spec workbooks.md), compared in the one form
/// <see cref="InputText.Code"/> gives it — also against numbers stored before numbers were
/// normalised ("c05" then, "C05" now), which the database's own comparison would miss.
/// </summary>
public static class TicketNumbers
{
    /// <summary>
    /// The number after a 票号 typed from a pile of numbered paper ballots: its last run of digits
    /// plus one, zeros kept ("C05" → "C06", "P-099" → "P-100", "7" → "8"); null when it ends in no digit.
    /// </summary>
    public static string? Next(string? ticket)
    {
        var code = InputText.Code(ticket);
        if (code is null || !char.IsAsciiDigit(code[^1]))
        {
            return null;
        }
        var start = code.Length;
        while (start > 0 && char.IsAsciiDigit(code[start - 1]))
        {
            start--;
        }
        var digits = code[start..];
        var next = (System.Numerics.BigInteger.Parse(digits, System.Globalization.CultureInfo.InvariantCulture) + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
        return code[..start] + next.PadLeft(digits.Length, '0');
    }

    /// <param name="others">The 票号 of the assistant's other ballots of the group in the cycle.</param>
    internal static async Task<bool> IsTakenAsync(IQueryable<string?> others, string ticket, CancellationToken ct) =>
        (await others.Where(t => t != null).ToListAsync(ct)).Any(t => InputText.Code(t) == ticket);
}
