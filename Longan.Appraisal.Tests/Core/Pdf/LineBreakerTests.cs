using Longan.Appraisal.Core.Pdf;

namespace Longan.Appraisal.Tests.Core.Pdf;

public sealed class LineBreakerTests
{
    /// <summary>A monospaced measure: a CJK character is 2 units, anything else 1.</summary>
    private static double Measure(string text) => text.Sum(c => c > 0x2E80 ? 2.0 : 1.0);

    [Fact]
    public void ChineseText_BreaksBetweenCharacters_WithinTheWidth_NothingLost()
    {
        const string text = "驻村助理员每月在村工作不少于二十天协助村党组织书记开展工作";

        var lines = LineBreaker.Break(text, 20, Measure);

        Assert.All(lines, l => Assert.True(Measure(l) <= 20, l));
        Assert.Equal(text, string.Concat(lines));
        Assert.Equal(3, lines.Count);
    }

    [Theory]
    [InlineData("群众反映该助理员工作认真负责，。主动上门服务", 24)]
    [InlineData("一二三四五六七八九十，二三四五六七八九十一。三四五六七八九十一二、四五", 20)]
    [InlineData("一二三四五六七八九（十）一二三四五六七八九「十」一二三四五六七八《九》", 20)]
    [InlineData("ABCDEFGHI，一二三四五六七八九十；一二三四五六七八九十：一二三四五六七八九十！", 20)]
    public void NoLineStartsWithClosingOrEndsWithOpeningPunctuation(string text, double width)
    {
        var lines = LineBreaker.Break(text, width, Measure);

        Assert.All(lines.Skip(1), l => Assert.DoesNotContain(l[0], LineBreaker.NoLineStart));
        Assert.All(lines, l => Assert.DoesNotContain(l[^1], LineBreaker.NoLineEnd));
        Assert.Equal(text, string.Concat(lines));
    }

    [Fact]
    public void ClosingPunctuationAtTheBreak_TakesTheCharacterBeforeItAlong()
    {
        // 10 CJK characters fill a width of 20 exactly; the comma may not start the next line.
        var lines = LineBreaker.Break("一二三四五六七八九十，再来", 20, Measure);

        Assert.Equal(["一二三四五六七八九", "十，再来"], lines);
    }

    [Fact]
    public void LatinWordsAndNumbers_StayWhole_SpacesDroppedAtTheBreak()
    {
        var lines = LineBreaker.Break("综合得分 87.4248 分 score 87.42", 14, Measure);

        Assert.Contains(lines, l => l.Contains("87.4248", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("87.42", StringComparison.Ordinal) && !l.Contains("87.4248", StringComparison.Ordinal));
        Assert.All(lines, l => Assert.False(l.EndsWith(' ') || l.StartsWith(' '), l));
    }

    [Fact]
    public void NewlinesStartNewLines_AWordLongerThanTheWidthIsCut()
    {
        var lines = LineBreaker.Break("第一行\n\nABCDEFGHIJKLMNOP", 6, Measure);

        Assert.Equal(["第一行", "", "ABCDEF", "GHIJKL", "MNOP"], lines);
    }

    [Theory]
    [InlineData("𠮷𠮷𠮷𠮷", 3)]
    [InlineData("陆𬇙𬇙𬇙𬇙𬇙", 2)]
    [InlineData("ABC𬇙DEF𬇙GHI", 4)]
    public void CharactersBeyondTheBasicPlane_NeverSplitInHalf(string text, double width)
    {
        var lines = LineBreaker.Break(text, width, s => s.Length);

        Assert.All(lines, l => Assert.False(char.IsHighSurrogate(l[^1]) || char.IsLowSurrogate(l[0]), l));
        Assert.Equal(text, string.Concat(lines));
    }
}
