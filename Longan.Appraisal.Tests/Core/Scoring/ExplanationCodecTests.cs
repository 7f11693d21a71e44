using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Longan.Appraisal.Core.Scoring;

namespace Longan.Appraisal.Tests.Core.Scoring;

/// <summary>
/// Stored explanations are compared and fingerprinted as text: the hand-composed JSON must be, byte
/// for byte, what System.Text.Json's writer made of the same steps before (kept here as the reference).
/// </summary>
public sealed class ExplanationCodecTests
{
    public static TheoryData<string> Texts() =>
    [
        "", "89.29%", "—", "4月15天、7月17天", "a+b", "<script>", "Tom & Jerry", "it's", "say \"hi\"", @"back\slash", "tab\there",
        "line\nbreak", "`tick`", "🙂 emoji", "é accent", "slash/and?query=1#x", "semi;colon", "(paren) [bracket] {brace}", "\u007F\u0001", "~!@$^*=|",
    ];

    [Theory]
    [MemberData(nameof(Texts))]
    public void Write_SameTextAsTheJsonWriter(string text)
    {
        Explanation[] steps =
        [
            new("Villagers", 31, -2, 75.71m, -0.5m, 80.0m, 74.904285714285714285714285715m, text),
            new(text, AppraisalGrade.Excellent, new[] { Outcome.PublicCriticism, Outcome.AdmonishmentTalk }, Array.Empty<Outcome>()),
            new("Incomplete", new[] { EvaluationGroup.Villagers, EvaluationGroup.Party }),
            new("CapDissatisfied"),
        ];

        Assert.Equal(Reference(steps), ExplanationCodec.Write(steps));
    }

    [Fact]
    public void Write_NoSteps_EmptyArray() => Assert.Equal("[]", ExplanationCodec.Write([]));

    [Fact]
    public void Write_ThenRead_RendersTheSame()
    {
        Explanation[] steps = [new("AttendanceShort", "4月15天、7月17天", 8.0m), new("Band", 66.90m, AppraisalGrade.BasicallyCompetent)];

        var back = ExplanationCodec.Read(ExplanationCodec.Write(steps));

        Assert.Equal(steps.Select(s => s.Render()), back.Select(s => s.Render()));
    }

    /// <summary>The codec as it was written with Utf8JsonWriter, before it composed the text by hand.</summary>
    private static string Reference(IEnumerable<Explanation> steps)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartArray();
            foreach (var step in steps)
            {
                json.WriteStartObject();
                json.WriteString("Key", step.Key);
                json.WriteStartArray("Args");
                foreach (var arg in step.Args)
                {
                    json.WriteStringValue(arg switch
                    {
                        int i => "i:" + i.ToString(CultureInfo.InvariantCulture),
                        decimal d => "d:" + d.ToString(CultureInfo.InvariantCulture),
                        AppraisalGrade g => "g:" + (int)g,
                        Outcome[] o when arg.GetType() == typeof(Outcome[]) => "o:" + string.Join(",", o.Select(x => (int)x)),
                        EvaluationGroup[] g when arg.GetType() == typeof(EvaluationGroup[]) => "e:" + string.Join(",", g.Select(x => (int)x)),
                        _ => "s:" + Convert.ToString(arg, CultureInfo.InvariantCulture),
                    });
                }
                json.WriteEndArray();
                json.WriteEndObject();
            }
            json.WriteEndArray();
        }
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
