using System.Diagnostics;
using Longan.Appraisal.Core.Domain.Ballots;
using Longan.Appraisal.Core.Features.Ballots;
using ZXing;
using ZXing.Common;
using ZXing.QrCode;

namespace Longan.Appraisal.Tests.Core.Features.Ballots;

/// <summary>Issue 12: a session's slips — ten to an A4 page, each QR code decoding to its own code's address.</summary>
public sealed class BallotSlipsTests
{
    /// <summary>A phone's camera sees a slip finer than this; at 150 dpi an odd code's modules blurred into each other.</summary>
    private const int Dpi = 300;

    [Fact]
    public void Slips_QrCodesDecodeToEachCodesAddress_TenToAPage()
    {
        var codes = BallotCodes.Generate(12);
        var sheet = new SlipSheet(BallotGroup.Villagers, "浪湾村委会议室", new DateTimeOffset(2026, 11, 28, 1, 0, 0, TimeSpan.Zero),
            new DateTimeOffset(2026, 11, 28, 9, 0, 0, TimeSpan.Zero), "https://khxt.longan.gov.cn", codes);
        var dir = Directory.CreateTempSubdirectory("slips-");
        try
        {
            var pdf = Path.Combine(dir.FullName, "slips.pdf");
            using (var file = File.Create(pdf))
            {
                BallotSlips.Write(file, sheet, DateTimeOffset.UtcNow);
            }

            var decoded = new List<string>();
            for (var page = 1; page <= 2; page++)
            {
                var (width, height, pixels) = Render(pdf, page, dir.FullName);
                var slipWidth = (width - 2 * Px(36)) / BallotSlips.Across;
                var slipHeight = (height - 2 * Px(36)) / BallotSlips.Down;
                for (var slot = 0; slot < BallotSlips.Across * BallotSlips.Down; slot++)
                {
                    var x = Px(36) + slot % BallotSlips.Across * slipWidth;
                    var y = Px(36) + slot / BallotSlips.Across * slipHeight;
                    // Inside the cut lines (drawn 4 pt from the QR code's own quiet zone), as a camera aimed at the code sees it.
                    // A second framing (as a camera moves) for the rare image ZXing misreads in the first.
                    if ((Decode(pixels, width, x + Px(2), y + Px(2), QrWidth(slipWidth, slipHeight), slipHeight - Px(4))
                            ?? Decode(pixels, width, x + Px(1), y + Px(6), QrWidth(slipWidth, slipHeight) + Px(2), slipHeight - Px(12))) is { } text)
                    {
                        decoded.Add(text);
                    }
                }
            }

            Assert.Equal(codes.Select(c => BallotSlips.Address(sheet.BaseUrl, c)), decoded);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    private static int Px(double points) => (int)(points * Dpi / 72);

    /// <summary>The slip's QR code with its quiet zone (about a third of the slip's width), without the text beside it.</summary>
    private static int QrWidth(int slipWidth, int slipHeight) => Math.Min(slipHeight - Px(16), (int)(slipWidth * 0.36)) + Px(4);

    /// <summary>One page as 8-bit grey (poppler's pdftoppm, as a PGM file).</summary>
    private static (int Width, int Height, byte[] Pixels) Render(string pdf, int page, string dir)
    {
        var prefix = Path.Combine(dir, $"p{page}");
        var start = new ProcessStartInfo("pdftoppm", ["-r", Dpi.ToString(System.Globalization.CultureInfo.InvariantCulture), "-gray", "-f", $"{page}", "-l", $"{page}", "-singlefile", pdf, prefix])
        {
            RedirectStandardError = true,
        };
        using (var process = Process.Start(start)!)
        {
            process.WaitForExit();
            Assert.True(process.ExitCode == 0, process.StandardError.ReadToEnd());
        }
        var bytes = File.ReadAllBytes(prefix + ".pgm");
        // "P5\n<width> <height>\n255\n" then the pixels.
        var fields = new List<string>();
        var at = 0;
        while (fields.Count < 4)
        {
            var startAt = at;
            while (!char.IsWhiteSpace((char)bytes[at]))
            {
                at++;
            }
            fields.Add(System.Text.Encoding.ASCII.GetString(bytes, startAt, at - startAt));
            at++;
        }
        var width = int.Parse(fields[1], System.Globalization.CultureInfo.InvariantCulture);
        var height = int.Parse(fields[2], System.Globalization.CultureInfo.InvariantCulture);
        return (width, height, bytes[at..(at + width * height)]);
    }

    private static string? Decode(byte[] page, int pageWidth, int x, int y, int width, int height)
    {
        var crop = new byte[width * height];
        for (var row = 0; row < height; row++)
        {
            Array.Copy(page, (y + row) * pageWidth + x, crop, row * width, width);
        }
        var source = new RGBLuminanceSource(crop, width, height, RGBLuminanceSource.BitmapFormat.Gray8);
        // ZXing's finder-pattern search now and then misses on a perfectly sharp synthetic image (about
        // one code in a hundred, each time a different one); a second binarizer reads those, as a
        // phone's next camera frame would.
        var hints = new Dictionary<DecodeHintType, object> { [DecodeHintType.TRY_HARDER] = true };
        return (new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(source)), hints)
            ?? new QRCodeReader().decode(new BinaryBitmap(new GlobalHistogramBinarizer(source)), hints))?.Text;
    }
}
