using System.Globalization;

namespace Longan.Appraisal.Core.Persistence;

/// <summary>
/// A decimal as it comes back from the database, the same on every provider. A decimal carries its
/// scale (80 and 80.0 are equal but print differently), and the explanation steps and the result
/// fingerprint print decimals. EF stores decimals on SQLite as text with trailing zeros trimmed and
/// at least one decimal place ("80.0", "66.9"), so that is the shape every stored decimal is read
/// back in; PostgreSQL's numeric would otherwise keep the scale it was written with ("80", "66.90")
/// and the same inputs would print, and fingerprint, differently.
/// </summary>
public static class StoredDecimal
{
    /// <summary>Trailing zeros dropped (dividing by one with 28 zeros), then at least one decimal place (adding 0.0).</summary>
    public static decimal Canonical(decimal value) => value / 1.0000000000000000000000000000m + 0.0m;

    /// <summary>
    /// A decimal column as SQLite holds it (EF writes invariant text): the same value and scale as
    /// decimal.Parse gives, never through floating point. Plain "123.45" is read digit by digit, as
    /// computing a county reads 150 000 of them; anything else (a sign, an exponent, more than 18
    /// digits) goes to decimal.Parse.
    /// </summary>
    public static decimal ParseText(string text)
    {
        ulong digits = 0;
        var count = 0;
        var scale = -1;
        foreach (var c in text)
        {
            if (char.IsAsciiDigit(c) && count < 18)
            {
                digits = digits * 10 + (ulong)(c - '0');
                count++;
                if (scale >= 0)
                {
                    scale++;
                }
            }
            else if (c == '.' && scale < 0)
            {
                scale = 0;
            }
            else
            {
                return decimal.Parse(text, NumberStyles.Number, CultureInfo.InvariantCulture);
            }
        }
        return count == 0
            ? decimal.Parse(text, NumberStyles.Number, CultureInfo.InvariantCulture)
            : new decimal((int)(uint)digits, (int)(uint)(digits >> 32), 0, false, (byte)Math.Max(scale, 0));
    }
}
