using System.Globalization;
using System.Text;

namespace Longan.Appraisal.Core.Features.Common;

/// <summary>
/// The one place where text typed into a form or read from a workbook is made fit to store and to
/// compare. Every way in calls it, so a value means the same whichever way it came:
/// <list type="bullet">
/// <item><see cref="Text"/> for free text and names: control characters (NUL among them), unpaired
/// surrogates, zero-width spaces and the invisible bidirectional controls that can make text read
/// backwards are removed; tabs become spaces; line breaks (also U+2028 and U+2029) are kept only
/// where a field takes several lines;
/// surrounding blanks are trimmed; blank becomes null.</item>
/// <item><see cref="Code"/> for codes and ticket numbers (编号, 票号): the same, and full-width
/// letters and digits typed with a Chinese input method become their ASCII forms, blanks anywhere
/// (also the ideographic and no-break spaces) go, and letters take one case, so that "c05",
/// "C05 ", "Ｃ05" and "C　05" are one ballot.</item>
/// </list>
/// </summary>
public static class InputText
{
    /// <summary>How much of a value a message quotes: enough to find it, never a page of it.</summary>
    public const int QuoteLength = 20;

    /// <summary>Free text cleaned as described on the class; null when nothing is left.</summary>
    /// <param name="multiline">The field takes several lines (a comment, a description); elsewhere a line break becomes a space.</param>
    public static string? Text(string? value, bool multiline = false)
    {
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }
        var text = IsClean(value, multiline) ? value : Strip(value, multiline, code: false);
        text = text.Trim();
        return text.Length == 0 ? null : text;
    }

    /// <summary>A code or ticket number: <see cref="Text"/>, full-width forms to ASCII, no blanks, upper case.</summary>
    public static string? Code(string? value)
    {
        var narrow = Narrow(value);
        if (narrow is null)
        {
            return null;
        }
        var code = narrow.Any(char.IsWhiteSpace) ? string.Concat(narrow.Where(c => !char.IsWhiteSpace(c))) : narrow;
        return code.ToUpperInvariant();
    }

    /// <summary>
    /// <see cref="Text"/> with full-width letters, digits and signs as ASCII, case kept: sign-in
    /// names and phone numbers typed with a Chinese input method.
    /// </summary>
    public static string? Narrow(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }
        var text = Strip(value, multiline: false, code: true).Trim();
        return text.Length == 0 ? null : text;
    }

    /// <summary>
    /// A value as a message may quote it: cleaned like <see cref="Text"/> (no control characters
    /// reach a terminal or a page), its first <paramref name="length"/> characters, then "…".
    /// </summary>
    public static string Quote(string value, int length = QuoteLength)
    {
        // Only the start is ever shown: a 30 000-character value is not cleaned whole to quote 20 of it.
        var enough = length * 4 + 16;
        value = Text(value.Length > enough ? value[..enough] : value) ?? "";
        if (value.Length <= length)
        {
            return value;
        }
        // Never cut a surrogate pair in two.
        var cut = char.IsHighSurrogate(value[length - 1]) ? length - 1 : length;
        return string.Concat(value.AsSpan(0, cut), "…");
    }

    private static bool IsClean(string value, bool multiline)
    {
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (char.IsControl(c) || IsBidiControl(c) || IsInvisible(c) || IsLineSeparator(c) || char.IsSurrogate(c))
            {
                if (multiline && c == '\n')
                {
                    continue;
                }
                if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
                {
                    i++;
                    continue;
                }
                return false;
            }
        }
        return true;
    }

    private static string Strip(string value, bool multiline, bool code)
    {
        var builder = new StringBuilder(value.Length);
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                // In a code, invisible characters beyond the basic plane (tag characters) go too.
                if (!code || !IsInvisibleInCode(CharUnicodeInfo.GetUnicodeCategory(value, i)))
                {
                    builder.Append(c).Append(value[i + 1]);
                }
                i++;
                continue;
            }
            if (char.IsSurrogate(c))
            {
                continue;
            }
            switch (c)
            {
                case '\r':
                    if (i + 1 < value.Length && value[i + 1] == '\n')
                    {
                        continue;
                    }
                    builder.Append(multiline ? '\n' : ' ');
                    continue;
                case '\n' or '\u2028' or '\u2029':
                    builder.Append(multiline ? '\n' : ' ');
                    continue;
                case '\t':
                    builder.Append(' ');
                    continue;
            }
            if (char.IsControl(c) || IsBidiControl(c) || IsInvisible(c))
            {
                continue;
            }
            if (code)
            {
                if (IsInvisibleInCode(CharUnicodeInfo.GetUnicodeCategory(c)) || IsFiller(c))
                {
                    continue; // zero-width spaces, joiners, variation selectors, combining marks and fillers have no place in a code
                }
                c = c switch
                {
                    >= '\uFF01' and <= '\uFF5E' => (char)(c - 0xFEE0), // full-width ASCII forms
                    '\u3000' => ' ', // ideographic space
                    _ => c,
                };
            }
            builder.Append(c);
        }
        return builder.ToString();
    }

    /// <summary>
    /// Characters that show nothing and only make equal-looking texts differ: the zero-width space,
    /// word joiner, Mongolian vowel separator, soft hyphen and byte-order mark. The zero-width
    /// joiner and non-joiner are kept in text (scripts and emoji need them), dropped from codes.
    /// </summary>
    private static bool IsInvisible(char c) => c is '\u200B' or '\u2060' or '\u180E' or '\u00AD' or '\uFEFF';

    /// <summary>What a code never holds: format characters (zero-width, tags) and marks that only change how the character before looks.</summary>
    private static bool IsInvisibleInCode(UnicodeCategory category) =>
        category is UnicodeCategory.Format or UnicodeCategory.NonSpacingMark or UnicodeCategory.EnclosingMark;

    /// <summary>Letters and symbols that print as blank space: the Hangul fillers and the blank braille pattern.</summary>
    private static bool IsFiller(char c) => c is '\u3164' or '\u115F' or '\u1160' or '\uFFA0' or '\u2800';

    /// <summary>The Unicode line and paragraph separators: line breaks as word processors paste them.</summary>
    private static bool IsLineSeparator(char c) => c is '\u2028' or '\u2029';

    /// <summary>The Unicode bidirectional embeddings, overrides, isolates and marks (U+061C, U+200E–F, U+202A–E, U+2066–9).</summary>
    private static bool IsBidiControl(char c) => c is '\u061C' or '\u200E' or '\u200F' or (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069');
}
