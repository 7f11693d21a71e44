using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Longan.Appraisal.Core.Scoring;

/// <summary>Stores explanation steps as JSON and reads them back with their value types, so they render the same later.</summary>
public static class ExplanationCodec
{
    /// <summary>[{"Key":"…","Args":["i:3","d:84.5",…]},…], written directly: computing a county writes tens of thousands.</summary>
    public static string Write(IEnumerable<Explanation> steps)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartArray();
            foreach (var step in steps)
            {
                json.WriteStartObject();
                json.WriteString(s_key, step.Key);
                json.WriteStartArray(s_args);
                foreach (var arg in step.Args)
                {
                    json.WriteStringValue(Encode(arg));
                }
                json.WriteEndArray();
                json.WriteEndObject();
            }
            json.WriteEndArray();
        }
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

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

    private static readonly JsonEncodedText s_key = JsonEncodedText.Encode(nameof(Stored.Key));
    private static readonly JsonEncodedText s_args = JsonEncodedText.Encode(nameof(Stored.Args));

    private sealed record Stored(string Key, string[] Args);
}
