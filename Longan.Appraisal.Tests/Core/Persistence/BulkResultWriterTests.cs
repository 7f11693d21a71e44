using System.Globalization;
using Longan.Appraisal.Core.Persistence;

namespace Longan.Appraisal.Tests.Core.Persistence;

public sealed class BulkResultWriterTests
{
    /// <summary>The hand-written decimal text must be exactly what EF's SQLite provider writes (its custom format string).</summary>
    [Theory]
    [InlineData("0")]
    [InlineData("84")]
    [InlineData("84.50")]
    [InlineData("87.675")]
    [InlineData("-3.00")]
    [InlineData("100.0000")]
    [InlineData("0.9333333333333333333333333333")]
    [InlineData("0.05")]
    [InlineData("-0.5")]
    public void Text_SameAsEfCoresSqliteDecimalFormat(string value)
    {
        var number = decimal.Parse(value, CultureInfo.InvariantCulture);

        Assert.Equal(number.ToString("0.0###########################", CultureInfo.InvariantCulture), BulkResultWriter.Text(number));
    }

    [Fact]
    public void Text_Null_StaysNull() => Assert.Null(BulkResultWriter.Text(null));
}
