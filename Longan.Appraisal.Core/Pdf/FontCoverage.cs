using System.Buffers.Binary;
using System.Text;

namespace Longan.Appraisal.Core.Pdf;

/// <summary>
/// The characters a TrueType face has glyphs for, read from its cmap table (the format 12
/// subtable, which covers every plane). Drawing a character the face lacks prints the empty-box
/// glyph; knowing the coverage lets forms refuse such a name and the layout print the
/// typesetter's mark for a missing character (〓) instead.
/// </summary>
public sealed class FontCoverage
{
    private readonly (int First, int Last)[] _ranges;

    private FontCoverage((int, int)[] ranges) => _ranges = ranges;

    public static FontCoverage Read(ReadOnlySpan<byte> font)
    {
        var tables = BinaryPrimitives.ReadUInt16BigEndian(font[4..]);
        for (var t = 0; t < tables; t++)
        {
            var record = font[(12 + 16 * t)..];
            if (Encoding.ASCII.GetString(record[..4]) != "cmap")
            {
                continue;
            }
            var cmap = font[(int)BinaryPrimitives.ReadUInt32BigEndian(record[8..])..];
            var encodings = BinaryPrimitives.ReadUInt16BigEndian(cmap[2..]);
            for (var e = 0; e < encodings; e++)
            {
                var sub = cmap[(int)BinaryPrimitives.ReadUInt32BigEndian(cmap[(4 + 8 * e + 4)..])..];
                if (BinaryPrimitives.ReadUInt16BigEndian(sub) != 12)
                {
                    continue;
                }
                var groups = (int)BinaryPrimitives.ReadUInt32BigEndian(sub[12..]);
                var ranges = new (int, int)[groups];
                for (var g = 0; g < groups; g++)
                {
                    var group = sub[(16 + 12 * g)..];
                    ranges[g] = ((int)BinaryPrimitives.ReadUInt32BigEndian(group), (int)BinaryPrimitives.ReadUInt32BigEndian(group[4..]));
                }
                Array.Sort(ranges);
                return new FontCoverage(ranges);
            }
        }
        throw new InvalidOperationException("The font has no format 12 cmap subtable.");
    }

    public bool Covers(int codePoint)
    {
        var (low, high) = (0, _ranges.Length - 1);
        while (low <= high)
        {
            var middle = (low + high) / 2;
            var (first, last) = _ranges[middle];
            if (codePoint < first)
            {
                high = middle - 1;
            }
            else if (codePoint > last)
            {
                low = middle + 1;
            }
            else
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>Whether the character prints: the face has it, or it needs no glyph (whitespace, controls).</summary>
    public bool Prints(Rune rune) => Rune.IsWhiteSpace(rune) || Rune.IsControl(rune) || Covers(rune.Value);

    /// <summary>The first character of <paramref name="text"/> that does not print, or null.</summary>
    public string? FirstMissing(string? text)
    {
        foreach (var rune in (text ?? "").EnumerateRunes())
        {
            if (!Prints(rune))
            {
                return rune.ToString();
            }
        }
        return null;
    }
}
