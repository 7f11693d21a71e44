using System.Buffers.Binary;
using System.Diagnostics;
using System.IO.Compression;
using System.Text;
using System.Text.RegularExpressions;

namespace Longan.Appraisal.Tests.Infrastructure;

/// <summary>
/// Whether a PDF the portal wrote is valid underneath, as an archive checker or a print server sees it
/// (issue 14): qpdf finds nothing to warn about, poppler renders its first page, and every compressed
/// stream is a complete zlib stream — its deflate data ends and its Adler-32 trailer matches.
/// </summary>
public static partial class PdfChecks
{
    public static void AssertValid(byte[] pdf)
    {
        AssertStreamsComplete(pdf);
        var dir = Directory.CreateTempSubdirectory("pdf-check-");
        try
        {
            var file = Path.Combine(dir.FullName, "checked.pdf");
            File.WriteAllBytes(file, pdf);

            // qpdf exits 2 on errors and 3 on warnings; both are a failure here, and so is any WARNING line.
            var (exit, output) = Run("qpdf", "--check", file);
            Assert.True(exit == 0, $"qpdf --check exited {exit}:\n{output}");
            Assert.DoesNotContain("WARNING", output, StringComparison.OrdinalIgnoreCase);

            var prefix = Path.Combine(dir.FullName, "page");
            (exit, output) = Run("pdftoppm", "-r", "50", "-png", "-f", "1", "-l", "1", "-singlefile", file, prefix);
            Assert.True(exit == 0, $"pdftoppm exited {exit}:\n{output}");
            var png = new FileInfo(prefix + ".png");
            Assert.True(png.Exists && png.Length > 0, "pdftoppm drew no image of the first page.");
            Assert.DoesNotContain("Error", output, StringComparison.Ordinal);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    /// <summary>
    /// Every stream of the file is FlateDecode and inflates to its end: ZLibStream reads it without
    /// error and the last four bytes are the Adler-32 of what came out (a zlib stream that was only
    /// flushed, never finished, ends in 00 00 FF FF instead).
    /// </summary>
    public static void AssertStreamsComplete(byte[] pdf)
    {
        var text = Encoding.Latin1.GetString(pdf);
        var streams = StreamStart().Matches(text);
        Assert.NotEmpty(streams);
        Assert.Equal(Regex.Matches(text, "\nstream\n").Count, streams.Count);
        foreach (Match stream in streams)
        {
            var dictionary = stream.Groups["dict"].Value;
            Assert.True(dictionary.Contains("/Filter /FlateDecode", StringComparison.Ordinal), $"An uncompressed stream: <<{dictionary}>>");
            var length = int.Parse(stream.Groups["length"].Value, System.Globalization.CultureInfo.InvariantCulture);
            var data = pdf.AsSpan(stream.Index + stream.Length, length).ToArray();
            Assert.Equal("\nendstream", text.Substring(stream.Index + stream.Length + length, "\nendstream".Length));

            using var inflated = new MemoryStream();
            using (var zlib = new ZLibStream(new MemoryStream(data), CompressionMode.Decompress))
            {
                zlib.CopyTo(inflated);
            }
            Assert.True(data.Length >= 6, "A zlib stream too short to hold a header and a trailer.");
            Assert.True(Adler32(inflated.ToArray()) == BinaryPrimitives.ReadUInt32BigEndian(data.AsSpan(data.Length - 4)),
                $"A stream does not end with the Adler-32 of its data (it ends {Convert.ToHexString(data.AsSpan(data.Length - 4))}): <<{dictionary}>>");
        }
    }

    /// <summary>RFC 1950's checksum.</summary>
    private static uint Adler32(ReadOnlySpan<byte> data)
    {
        uint a = 1, b = 0;
        foreach (var x in data)
        {
            a = (a + x) % 65521;
            b = (b + a) % 65521;
        }
        return b << 16 | a;
    }

    private static (int Exit, string Output) Run(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program, arguments) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, stdout + stderr.Result);
    }

    /// <summary>A stream's dictionary (PdfStreamWriter writes /Length last) and the start of its data.</summary>
    [GeneratedRegex("<<(?<dict>(?:(?!<<|>>).|<<[^<>]*>>)*?)/Length (?<length>\\d+)>>\nstream\n", RegexOptions.Singleline)]
    private static partial Regex StreamStart();
}
