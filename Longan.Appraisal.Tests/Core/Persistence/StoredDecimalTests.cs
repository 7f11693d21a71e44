using System.Globalization;
using Longan.Appraisal.Core.Persistence;

namespace Longan.Appraisal.Tests.Core.Persistence;

public sealed class StoredDecimalTests
{
    /// <summary>The digit-by-digit reading must give what decimal.Parse gives: the same value and the same scale (80.0 prints "80.0", not "80").</summary>
    [Theory]
    [InlineData("14.9")]
    [InlineData("80.0")]
    [InlineData("0.0")]
    [InlineData("0")]
    [InlineData("100")]
    [InlineData("18.50")]
    [InlineData("0.05")]
    [InlineData(".5")]
    [InlineData("12.")]
    [InlineData("-3.5")]
    [InlineData("+7.25")]
    [InlineData("999999999999999999")]
    [InlineData("1234567890123456789.5")]
    [InlineData("0.9333333333333333333333333333")]
    [InlineData("74.904285714285714285714285715")]
    [InlineData("1,234.5")]
    public void ParseText_SameValueAndScaleAsDecimalParse(string text)
    {
        var expected = decimal.Parse(text, NumberStyles.Number, CultureInfo.InvariantCulture);

        var parsed = StoredDecimal.ParseText(text);

        Assert.Equal(expected, parsed);
        Assert.Equal(expected.ToString(CultureInfo.InvariantCulture), parsed.ToString(CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData("")]
    [InlineData("1.2.3")]
    [InlineData("abc")]
    public void ParseText_NotANumber_RefusedLikeDecimalParse(string text) =>
        Assert.Throws<FormatException>(() => StoredDecimal.ParseText(text));
}
