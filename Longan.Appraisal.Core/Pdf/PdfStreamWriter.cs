using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.RegularExpressions;
using PdfSharp.Drawing;
using PdfSharp.Pdf;
using PdfSharp.Pdf.Advanced;
using PdfSharp.Pdf.IO;

namespace Longan.Appraisal.Core.Pdf;

/// <summary>The document information written into a PDF's trailer.</summary>
public sealed record PdfInfo(string Title, string Author, string Creator);

/// <summary>
/// Writes a PDF to a stream page by page, so a batch of thousands of cards never sits in memory.
/// PDFsharp draws each page into a small scratch document (it can only write a whole document at
/// once); as soon as the page is finished its dictionary and compressed content are written out
/// and the scratch document is let go. The one font is embedded at the end, once, as a subset of
/// every character the pages drew — PDFsharp's subsets keep the face's glyph numbers, so pages
/// drawn in different scratch documents all agree with it — followed by the page tree, the
/// catalogue and the cross-reference table. Memory stays flat: what is kept per page is its object
/// number and the file offsets of its objects.
/// Every stream is compressed here, in one place, by <see cref="Deflate"/>: PDFsharp's own Flate
/// encoder ends its zlib data without the final block and checksum (qpdf: "input stream is complete
/// but output may still be valid"), which viewers forgive but archive checkers need not.
/// </summary>
public sealed partial class PdfStreamWriter : IDisposable
{
    private const int CatalogNumber = 1;
    private const int PagesNumber = 2;
    private const int InfoNumber = 3;
    private const int PagesPerScratch = 32;
    private static readonly Encoding s_bytes = Encoding.Latin1;

    private readonly Stream _output;
    private readonly PdfInfo _info;
    private readonly DateTimeOffset _created;
    private readonly List<long> _offsets = [0, -1, -1, -1];
    private readonly List<int> _pages = [];
    private readonly HashSet<int> _codePoints = [];
    private readonly Dictionary<string, int> _smallObjects = new(StringComparer.Ordinal);
    private Dictionary<PdfObject, int> _scratchObjects = new(ReferenceEqualityComparer.Instance);
    private PdfDocument _scratch = new();
    private int? _fontNumber;
    private bool _embeddingFont;
    private long _position;
    private bool _finished;

    /// <param name="output">Where the file goes; written forward only (it need not be seekable).</param>
    public PdfStreamWriter(Stream output, PdfInfo info, DateTimeOffset created)
    {
        PdfFonts.EnsureRegistered();
        _output = output;
        _info = info;
        _created = created;
        Write("%PDF-1.7\n%\u00E2\u00E3\u00CF\u00D3\n");
    }

    /// <summary>A new A4 page to draw on; <see cref="WritePage"/> writes it out when it is finished.</summary>
    public PdfPage NewPage()
    {
        EnsureOpen();
        if (_scratch.PageCount >= PagesPerScratch)
        {
            _scratch.Dispose();
            _scratch = new PdfDocument();
            _scratchObjects = new(ReferenceEqualityComparer.Instance);
        }
        var page = _scratch.AddPage();
        page.Size = PdfSharp.PageSize.A4;
        return page;
    }

    /// <summary>Notes text drawn on a page, so the embedded font has every glyph it needs.</summary>
    public void UseText(string text)
    {
        foreach (var rune in text.EnumerateRunes())
        {
            _codePoints.Add(rune.Value);
        }
    }

    /// <summary>Writes a finished page (its graphics disposed): the page dictionary and its compressed content.</summary>
    public void WritePage(PdfPage page)
    {
        EnsureOpen();
        // The contents stay uncompressed in PDFsharp's hands: WriteObject deflates them properly.
        var text = new StringBuilder("<<");
        foreach (var (key, value) in page.Elements)
        {
            if (key != "/Parent" && key != "/Group")
            {
                text.Append(Name(key)).Append(' ').Append(Direct(value)).Append(' ');
            }
        }
        // As PDFsharp does when it saves a page: a transparency group keeps viewers' colours right.
        text.Append("/Parent ").Append(PagesNumber).Append(" 0 R /Group<</CS/DeviceRGB/S/Transparency>>>>");
        var number = Allocate();
        WriteObject(number, text.ToString(), null);
        _pages.Add(number);
    }

    /// <summary>Writes the font subset, the page tree, the catalogue, the information and the cross-reference table.</summary>
    public void Finish()
    {
        EnsureOpen();
        _scratch.Dispose();
        if (_fontNumber is { } font)
        {
            EmbedFont(font);
        }
        var kids = new StringBuilder();
        foreach (var page in _pages)
        {
            kids.Append(page).Append(" 0 R ");
        }
        WriteObject(PagesNumber, $"<</Type/Pages/Count {_pages.Count}/Kids[{kids}]>>", null);
        WriteObject(CatalogNumber, $"<</Type/Catalog/Pages {PagesNumber} 0 R>>", null);
        var date = "D:" + _created.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture)
            + (_created.Offset < TimeSpan.Zero ? "-" : "+") + _created.Offset.ToString("hh\\'mm\\'", CultureInfo.InvariantCulture);
        WriteObject(InfoNumber, $"<</Title {Text(_info.Title)}/Author {Text(_info.Author)}/Creator {Text(_info.Creator)}"
            + $"/Producer {Text("PDFsharp 6.2.4 · Longan.Appraisal PdfStreamWriter")}/CreationDate {Text(date)}>>", null);

        var xref = _position;
        var table = new StringBuilder($"xref\n0 {_offsets.Count}\n0000000000 65535 f \n");
        foreach (var offset in _offsets.Skip(1))
        {
            table.Append(offset.ToString("D10", CultureInfo.InvariantCulture)).Append(" 00000 n \n");
        }
        var id = Convert.ToHexString(Guid.NewGuid().ToByteArray());
        table.Append(CultureInfo.InvariantCulture, $"trailer\n<</Size {_offsets.Count}/Root {CatalogNumber} 0 R/Info {InfoNumber} 0 R/ID[<{id}><{id}>]>>\nstartxref\n{xref}\n%%EOF\n");
        Write(table.ToString());
        _output.Flush();
        _finished = true;
    }

    public void Dispose() => _scratch.Dispose();

    /// <summary>
    /// Draws every character the pages used in one throw-away document, lets PDFsharp make its subset
    /// of the face, reads that document back and copies its font objects in as <paramref name="number"/>.
    /// </summary>
    private void EmbedFont(int number)
    {
        using var carrier = new PdfDocument();
        var page = carrier.AddPage();
        using (var graphics = XGraphics.FromPdfPage(page))
        {
            var font = new XFont(PdfFonts.Family, 10, XFontStyleEx.Regular, XPdfFontOptions.UnicodeDefault);
            var text = string.Concat(_codePoints.Order().Select(c => char.ConvertFromUtf32(c)));
            for (var start = 0; start < text.Length; start += 64)
            {
                graphics.DrawString(text.Substring(start, Math.Min(64, text.Length - start)), font, XBrushes.Black, 10, 20 + start / 64 * 12);
            }
        }
        using var saved = new MemoryStream();
        carrier.Save(saved, closeStream: false);
        saved.Position = 0;
        using var read = PdfReader.Open(saved, PdfDocumentOpenMode.Import);
        var fonts = read.Pages[0].Resources.Elements.GetDictionary("/Font")
            ?? throw new InvalidOperationException("The font carrier has no font.");
        var type0 = fonts.Elements.Values.OfType<PdfReference>().Single().Value;
        if (((PdfDictionary)type0).Elements.GetReference("/ToUnicode")?.Value is PdfDictionary { Stream: not null } toUnicode)
        {
            MendSupplementaryPlane(toUnicode);
        }
        _embeddingFont = true;
        _scratchObjects = new(ReferenceEqualityComparer.Instance) { [type0] = number };
        WriteObject(number, type0);
    }

    /// <summary>
    /// PDFsharp writes a character beyond the basic plane (𬇙 U+2C1D9, in people's names) into the
    /// ToUnicode map as its bare code point, &lt;2C1D9&gt;, where PDF wants UTF-16 (&lt;D870DDD9&gt;):
    /// the glyph prints, but copying or searching the text gives another character. The map is
    /// rewritten with each such destination as its surrogate pair.
    /// </summary>
    private static void MendSupplementaryPlane(PdfDictionary toUnicode)
    {
        if (!toUnicode.Stream!.TryUncompress())
        {
            throw new InvalidOperationException("The font's ToUnicode map cannot be read.");
        }
        var cmap = Encoding.ASCII.GetString(toUnicode.Stream.Value);
        var mended = SupplementaryDestination().Replace(cmap, m =>
        {
            var utf16 = char.ConvertFromUtf32(int.Parse(m.Groups[2].Value, NumberStyles.HexNumber, CultureInfo.InvariantCulture));
            return $"{m.Groups[1].Value}<{Convert.ToHexString(Encoding.BigEndianUnicode.GetBytes(utf16))}>";
        });
        toUnicode.Stream.Value = Encoding.ASCII.GetBytes(mended);
    }

    /// <summary>A bfrange line "&lt;src&gt;&lt;src&gt;&lt;dst&gt;" whose destination has more than four hex digits.</summary>
    [GeneratedRegex("(<[0-9A-Fa-f]{4}>\\s*<[0-9A-Fa-f]{4}>\\s*)<([0-9A-Fa-f]{5,6})>")]
    private static partial Regex SupplementaryDestination();

    /// <summary>The object number for an indirect object a page refers to, writing the object when it is new.</summary>
    private int Reference(PdfObject obj)
    {
        switch (obj)
        {
            case PdfDictionary font when !_embeddingFont && font.Elements.GetName("/Type") == "/Font":
                return font.Elements.GetName("/Subtype") == "/Type0"
                    ? _fontNumber ??= Allocate()
                    : throw new NotSupportedException("Pages may only use the embedded Unicode font (XPdfFontOptions.UnicodeDefault).");
            case PdfPages:
                return PagesNumber;
        }
        if (_scratchObjects.TryGetValue(obj, out var known))
        {
            return known;
        }
        if (obj is PdfDictionary { Stream: null } small)
        {
            // Graphics states and the like repeat on every page: written once, found by their content.
            var text = Direct(small, indirect: true);
            if (!_smallObjects.TryGetValue(text, out var shared))
            {
                shared = Allocate();
                WriteObject(shared, text, null);
                _smallObjects[text] = shared;
            }
            return _scratchObjects[obj] = shared;
        }
        var number = _scratchObjects[obj] = Allocate();
        WriteObject(number, obj);
        return number;
    }

    private void WriteObject(int number, PdfObject obj)
    {
        if (obj is PdfDictionary { Stream: { } stream } dictionary)
        {
            // What PDFsharp compressed itself (the font carrier's streams) is read back and compressed again here.
            if (dictionary.Elements.GetName("/Filter") == "/FlateDecode" && !stream.TryUncompress())
            {
                throw new InvalidOperationException("A stream PDFsharp compressed cannot be read back.");
            }
            var compress = dictionary.Elements["/Filter"] is null;
            var bytes = compress ? Deflate(stream.Value) : stream.Value;
            var text = new StringBuilder("<<");
            foreach (var (key, value) in dictionary.Elements)
            {
                if (key != "/Length" && !(compress && key is "/Filter" or "/DecodeParms"))
                {
                    text.Append(Name(key)).Append(' ').Append(Direct(value)).Append(' ');
                }
            }
            if (compress)
            {
                text.Append("/Filter /FlateDecode ");
            }
            text.Append("/Length ").Append(bytes.Length).Append(">>");
            WriteObject(number, text.ToString(), bytes);
        }
        else
        {
            WriteObject(number, Direct(obj, indirect: true), null);
        }
    }

    private void WriteObject(int number, string body, byte[]? stream)
    {
        _offsets[number] = _position;
        Write($"{number} 0 obj\n{body}\n");
        if (stream is not null)
        {
            Write("stream\n");
            _output.Write(stream);
            _position += stream.Length;
            Write("\nendstream\n");
        }
        Write("endobj\n");
    }

    /// <summary>An item as PDF syntax; indirect objects become references (and are written when new).</summary>
    private string Direct(PdfItem? item, bool indirect = false) => item switch
    {
        null or PdfNull => "null",
        PdfReference reference => $"{Reference(reference.Value)} 0 R",
        PdfObject { IsIndirect: true } obj when !indirect => $"{Reference(obj)} 0 R",
        PdfName name => Name(name.Value),
        PdfBoolean boolean => boolean.Value ? "true" : "false",
        PdfInteger integer => integer.Value.ToString(CultureInfo.InvariantCulture),
        PdfLongInteger => item.ToString()!,
        PdfReal real => Number(real.Value),
        PdfString text => Text(text.Value),
        PdfLiteral literal => literal.Value,
        PdfRectangle box => $"[{Number(box.X1)} {Number(box.Y1)} {Number(box.X2)} {Number(box.Y2)}]",
        PdfArray array => "[" + string.Join(' ', array.Elements.Select(e => Direct(e))) + "]",
        PdfDictionary { Stream: null } dictionary =>
            "<<" + string.Concat(dictionary.Elements.Select(e => Name(e.Key) + " " + Direct(e.Value) + " ")) + ">>",
        _ => throw new NotSupportedException($"PdfStreamWriter cannot write {item.GetType().Name} here."),
    };

    /// <summary>
    /// A complete zlib stream (RFC 1950: header, deflate data ending in a final block, Adler-32), as
    /// FlateDecode wants it: the compressor is disposed before the bytes are taken, so nothing is
    /// left in its buffers.
    /// </summary>
    internal static byte[] Deflate(ReadOnlySpan<byte> raw)
    {
        var output = new MemoryStream(raw.Length / 3 + 64);
        using (var zlib = new ZLibStream(output, CompressionLevel.Optimal, leaveOpen: true))
        {
            zlib.Write(raw);
        }
        return output.ToArray();
    }

    private static string Number(double value) => value.ToString("0.####", CultureInfo.InvariantCulture);

    /// <summary>A name with the characters PDF reserves written as #hh (its UTF-8 bytes).</summary>
    internal static string Name(string name)
    {
        var text = new StringBuilder("/");
        foreach (var b in Encoding.UTF8.GetBytes(name.StartsWith('/') ? name[1..] : name))
        {
            if (b is < 0x21 or > 0x7E or (byte)'#' or (byte)'/' or (byte)'%' or (byte)'(' or (byte)')' or (byte)'<' or (byte)'>' or (byte)'[' or (byte)']' or (byte)'{' or (byte)'}')
            {
                text.Append('#').Append(b.ToString("X2", CultureInfo.InvariantCulture));
            }
            else
            {
                text.Append((char)b);
            }
        }
        return text.ToString();
    }

    /// <summary>A text string as hexadecimal: plain ASCII as it is (PDFDocEncoding agrees there), anything else UTF-16BE with its byte-order mark.</summary>
    internal static string Text(string value) =>
        "<" + (value.All(char.IsAscii) ? Convert.ToHexString(Encoding.ASCII.GetBytes(value)) : "FEFF" + Convert.ToHexString(Encoding.BigEndianUnicode.GetBytes(value))) + ">";

    private int Allocate()
    {
        _offsets.Add(-1);
        return _offsets.Count - 1;
    }

    private void Write(string text)
    {
        var bytes = s_bytes.GetBytes(text);
        _output.Write(bytes);
        _position += bytes.Length;
    }

    private void EnsureOpen()
    {
        if (_finished)
        {
            throw new InvalidOperationException("The PDF has been finished.");
        }
    }
}
