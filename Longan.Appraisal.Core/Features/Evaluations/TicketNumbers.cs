using Longan.Appraisal.Core.Features.Common;

namespace Longan.Appraisal.Core.Features.Evaluations;

/// <summary>
/// 票号 as typed from a pile of numbered paper ballots; whether one is free is <see cref="TicketBook"/>'s rule.
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
}
