using System.Collections.Concurrent;
using System.Text;
using PdfSharp.Fonts;

namespace Longan.Appraisal.Core.Pdf;

/// <summary>
/// The one typeface of every PDF: Noto Sans SC Regular (SIL Open Font License, Pdf/Fonts/OFL.txt),
/// shipped inside this assembly and embedded in each file as a subset of the glyphs used; bold is
/// drawn from the same face (a second embedded face would nearly double a single card's size,
/// against its 150 KB budget). Nothing depends on the fonts of the machine. PDFsharp cannot use
/// .ttc collections or CFF .otf faces, hence the TrueType file.
/// </summary>
public static class PdfFonts
{
    public const string Family = "Noto Sans SC";

    private static readonly Lazy<bool> s_registered = new(() =>
    {
        GlobalFontSettings.FontResolver = new EmbeddedFontResolver();
        return true;
    });

    /// <summary>The typesetter's mark for a character the face has no glyph for (better than an empty box, which reads as a character).</summary>
    public const string MissingMark = "〓";

    private const string Regular = "NotoSansSC-Regular";

    private static readonly Lazy<FontCoverage> s_coverage = new(() => FontCoverage.Read(FaceBytes(Regular)));

    /// <summary>Installs the resolver once per process, before the first font is created.</summary>
    public static void EnsureRegistered() => _ = s_registered.Value;

    /// <summary>The characters the shipped face can print.</summary>
    public static FontCoverage Coverage => s_coverage.Value;

    /// <summary>The text with every character the face cannot print replaced by <see cref="MissingMark"/>.</summary>
    public static string Printable(string text)
    {
        if (Coverage.FirstMissing(text) is null)
        {
            return text;
        }
        var printable = new StringBuilder(text.Length);
        foreach (var rune in text.EnumerateRunes())
        {
            printable.Append(Coverage.Prints(rune) ? rune.ToString() : MissingMark);
        }
        return printable.ToString();
    }

    private static byte[] FaceBytes(string name)
    {
        using var stream = typeof(PdfFonts).Assembly.GetManifestResourceStream($"Longan.Appraisal.Core.Pdf.Fonts.{name}.ttf")
            ?? throw new InvalidOperationException($"The font {name}.ttf is not embedded in Longan.Appraisal.Core.");
        using var bytes = new MemoryStream();
        stream.CopyTo(bytes);
        return bytes.ToArray();
    }

    private sealed class EmbeddedFontResolver : IFontResolver
    {
        private readonly ConcurrentDictionary<string, byte[]> _faces = new(StringComparer.Ordinal);

        /// <summary>Every family asked for gets this face, so no text can fall back to a missing font.</summary>
        public FontResolverInfo ResolveTypeface(string familyName, bool isBold, bool isItalic) =>
            new(Regular, mustSimulateBold: isBold, mustSimulateItalic: isItalic);

        public byte[] GetFont(string faceName) => _faces.GetOrAdd(faceName, FaceBytes);
    }
}
