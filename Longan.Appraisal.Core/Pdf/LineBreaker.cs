namespace Longan.Appraisal.Core.Pdf;

/// <summary>
/// Breaks Chinese (and mixed) text into lines that fit a width, the way Chinese typesetting does:
/// between any two characters, except inside a run of Latin letters or digits (kept whole when it
/// fits a line), and never so that a line starts with closing punctuation (，。、；：？！）」』》 …)
/// or ends with opening punctuation (（「『《 …) — 禁则. Pure: widths come from the caller.
/// </summary>
public static class LineBreaker
{
    /// <summary>Characters a line may not start with.</summary>
    public const string NoLineStart = "，。、；：？！）」』》〉】〕”’…—%‰,.;:?!)]}·～";

    /// <summary>Characters a line may not end with.</summary>
    public const string NoLineEnd = "（「『《〈【〔“‘([{";

    /// <param name="text">The text; '\n' starts a new line.</param>
    /// <param name="width">The width available.</param>
    /// <param name="measure">The width of a piece of text in the same unit.</param>
    public static IReadOnlyList<string> Break(string text, double width, Func<string, double> measure)
    {
        var lines = new List<string>();
        foreach (var paragraph in text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n'))
        {
            BreakParagraph(paragraph, width, measure, lines);
        }
        return lines;
    }

    private static void BreakParagraph(string text, double width, Func<string, double> measure, List<string> lines)
    {
        var start = 0;
        while (start < text.Length)
        {
            // The longest prefix that fits; at least one character, so a too-narrow width still progresses.
            var end = start + 1;
            if (end < text.Length && char.IsLowSurrogate(text[end]))
            {
                end++;
            }
            while (end < text.Length && measure(text[start..(end + 1)]) <= width)
            {
                end++;
            }
            if (end < text.Length)
            {
                end = Adjust(text, start, end);
            }
            lines.Add(text[start..end].TrimEnd(' '));
            start = end;
            while (start < text.Length && text[start] == ' ')
            {
                start++;
            }
        }
        if (text.Length == 0)
        {
            lines.Add("");
        }
    }

    /// <summary>Moves a break earlier so that it falls where Chinese typesetting allows one.</summary>
    private static int Adjust(string text, int start, int end)
    {
        var candidate = end;
        while (candidate > start + 1 && !Allowed(text, candidate))
        {
            candidate--;
        }
        // No allowed break on this line (e.g. one very long Latin word): break where it fits, but
        // never between the two halves of a character beyond the basic plane (𬇙).
        if (Allowed(text, candidate))
        {
            return candidate;
        }
        if (!char.IsLowSurrogate(text[end]))
        {
            return end;
        }
        return end - 1 > start ? end - 1 : end + 1;
    }

    /// <summary>Whether a line may end before <paramref name="at"/>.</summary>
    private static bool Allowed(string text, int at)
    {
        var before = text[at - 1];
        var after = text[at];
        if (char.IsLowSurrogate(after))
        {
            return false;
        }
        if (NoLineStart.Contains(after) || NoLineEnd.Contains(before))
        {
            return false;
        }
        // Keep Latin words and numbers (84.50, 2026-03) together; break at spaces and around CJK.
        return !(IsWordPart(before) && IsWordPart(after));
    }

    private static bool IsWordPart(char c) => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '/' or '_' or '%' or '+';
}
