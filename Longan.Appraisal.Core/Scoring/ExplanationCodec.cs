using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Longan.Appraisal.Core.Scoring;

/// <summary>Stores explanation steps as JSON and reads them back with their value types, so they render the same later.</summary>
public static class ExplanationCodec
{
    /// <summary>
    /// [{"Key":"…","Args":["i:3","d:84.5",…]},…], the very text <see cref="Utf8JsonWriter"/> writes
    /// with its default escaping (a test holds them equal), but composed by hand into one reused
    /// buffer: computing a county writes tens of thousands, and the writer with a string per value
    /// was half of storing them.
    /// </summary>
    public static string Write(IEnumerable<Explanation> steps)
    {
        var text = t_text ??= new StringBuilder(1024);
        text.Clear().Append('[');
        var firstStep = true;
        foreach (var step in steps)
        {
            text.Append(firstStep ? "{\"Key\":" : ",{\"Key\":");
            firstStep = false;
            AppendString(text, step.Key);
            text.Append(",\"Args\":[");
            for (var i = 0; i < step.Args.Length; i++)
            {
                if (i > 0)
                {
                    text.Append(',');
                }
                AppendArg(text, step.Args[i]);
            }
            text.Append("]}");
        }
        return text.Append(']').ToString();
    }

    /// <summary>One value as its quoted, typed text ("i:3"); numbers and codes need no escaping, other text may.</summary>
    private static void AppendArg(StringBuilder text, object arg)
    {
        switch (arg)
        {
            case int i:
                text.Append("\"i:");
                AppendInvariant(text, i);
                text.Append('"');
                break;
            case decimal d:
                text.Append("\"d:");
                AppendInvariant(text, d);
                text.Append('"');
                break;
            case AppraisalGrade g:
                text.Append("\"g:");
                AppendInvariant(text, (int)g);
                text.Append('"');
                break;
            default:
                AppendString(text, Encode(arg));
                break;
        }
    }

    private static void AppendInvariant<T>(StringBuilder text, T value) where T : ISpanFormattable
    {
        Span<char> digits = stackalloc char[40];
        if (!value.TryFormat(digits, out var written, default, CultureInfo.InvariantCulture))
        {
            throw new InvalidOperationException($"{value} does not fit the buffer.");
        }
        text.Append(digits[..written]);
    }

    /// <summary>A JSON string: as it is when every character is one the writer never escapes, else escaped exactly as the writer does.</summary>
    private static void AppendString(StringBuilder text, string value)
    {
        foreach (var c in value)
        {
            if (!IsPlain(c))
            {
                text.Append('"').Append(JsonEncodedText.Encode(value).Value).Append('"');
                return;
            }
        }
        text.Append('"').Append(value).Append('"');
    }

    /// <summary>Letters, digits and a few marks the default JSON escaping leaves alone; anything else takes the writer's own path.</summary>
    private static bool IsPlain(char c) => char.IsAsciiLetterOrDigit(c) || c is '.' or ',' or ':' or '%' or '-' or '_' or ' ';

    [ThreadStatic]
    private static StringBuilder? t_text;

    public static IReadOnlyList<Explanation> Read(string json) =>
        (JsonSerializer.Deserialize<Stored[]>(json) ?? []).Select(s => new Explanation(s.Key, s.Args.Select(Decode).ToArray())).ToList();

    private static string Encode(object arg) => arg switch
    {
        int i => "i:" + i.ToString(CultureInfo.InvariantCulture),
        decimal d => "d:" + d.ToString(CultureInfo.InvariantCulture),
        AppraisalGrade g => "g:" + (int)g,
        Outcome[] o when arg.GetType() == typeof(Outcome[]) => "o:" + string.Join(",", o.Select(x => (int)x)),
        EvaluationGroup[] g when arg.GetType() == typeof(EvaluationGroup[]) => "e:" + string.Join(",", g.Select(x => (int)x)),
        _ => "s:" + Convert.ToString(arg, CultureInfo.InvariantCulture),
    };

    private static object Decode(string value) => value[..2] switch
    {
        "i:" => int.Parse(value[2..], CultureInfo.InvariantCulture),
        "d:" => decimal.Parse(value[2..], CultureInfo.InvariantCulture),
        "g:" => (AppraisalGrade)int.Parse(value[2..], CultureInfo.InvariantCulture),
        "o:" => value.Length == 2 ? Array.Empty<Outcome>() : value[2..].Split(',').Select(x => (Outcome)int.Parse(x, CultureInfo.InvariantCulture)).ToArray(),
        "e:" => value.Length == 2 ? Array.Empty<EvaluationGroup>() : value[2..].Split(',').Select(x => (EvaluationGroup)int.Parse(x, CultureInfo.InvariantCulture)).ToArray(),
        _ => value[2..],
    };

    private sealed record Stored(string Key, string[] Args);
}
