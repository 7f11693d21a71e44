using System.Security.Cryptography;
using System.Text;
using Longan.Appraisal.Core.Features.Common;

namespace Longan.Appraisal.Core.Features.Ballots;

/// <summary>
/// One-time codes for phone ballots (spec §11): 12 characters from a cryptographic generator over
/// 31 symbols that cannot be mistaken for one another (no 0/O, 1/I/L) — 59.4 bits — printed and
/// typed as three groups of four (<c>7KQ2-M9XD-4HTP</c>); stored only as their SHA-256.
/// </summary>
public static class BallotCodes
{
    public const string Alphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
    public const int Length = 12;

    /// <summary>Bits of chance in one code: log2(31^12).</summary>
    public static double Bits => Length * Math.Log2(Alphabet.Length);

    /// <summary><paramref name="count"/> distinct new codes, in canonical form (no separators).</summary>
    public static IReadOnlyList<string> Generate(int count)
    {
        var codes = new HashSet<string>(count, StringComparer.Ordinal);
        while (codes.Count < count)
        {
            codes.Add(RandomNumberGenerator.GetString(Alphabet, Length));
        }
        return codes.ToList();
    }

    /// <summary>As printed and typed: three groups of four.</summary>
    public static string Display(string code) => $"{code[..4]}-{code[4..8]}-{code[8..]}";

    /// <summary>
    /// What a person typed or a QR code carried, in canonical form: full-width folded, one case,
    /// separators and blanks dropped; null when it cannot be a code (a wrong length, or a character
    /// outside the alphabet).
    /// </summary>
    public static string? Canonical(string? typed)
    {
        var narrow = InputText.Narrow(typed);
        if (narrow is null)
        {
            return null;
        }
        var builder = new StringBuilder(Length);
        foreach (var c in narrow.ToUpperInvariant())
        {
            if (c is '-' or ' ' or '_' or '.')
            {
                continue;
            }
            if (builder.Length == Length || Alphabet.IndexOf(c) < 0)
            {
                return null;
            }
            builder.Append(c);
        }
        return builder.Length == Length ? builder.ToString() : null;
    }

    public static byte[] Hash(string canonical) => SHA256.HashData(Encoding.ASCII.GetBytes(canonical));
}
