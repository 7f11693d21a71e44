using System.Globalization;
using System.Text.Json;

namespace Longan.Appraisal.Core.Scoring;

/// <summary>Stores explanation steps as JSON and reads them back with their value types, so they render the same later.</summary>
public static class ExplanationCodec
{
    public static string Write(IEnumerable<Explanation> steps) =>
        JsonSerializer.Serialize(steps.Select(s => new Stored(s.Key, s.Args.Select(Encode).ToArray())));

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
