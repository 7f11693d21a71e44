using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace Longan.Appraisal.Core.Pdf;

/// <summary>How a piece of text looks.</summary>
public sealed record TextStyle(double Size, bool Bold = false, XKnownColor Color = XKnownColor.Black, XStringAlignment Align = XStringAlignment.Near)
{
    public static TextStyle Body { get; } = new(10);
    public static TextStyle Small { get; } = new(8, Color: XKnownColor.DimGray);
}

/// <summary>One column of a <see cref="PdfFlow.Table"/>: its share of the width, how its cells align, and whether it is a shaded label column.</summary>
public sealed record TableColumn(string Header, double Share, XStringAlignment Align = XStringAlignment.Near, bool Label = false);

/// <summary>One bar of <see cref="PdfFlow.Bars"/>: a label, a value and how it is printed.</summary>
public sealed record Bar(string Label, double Value, string Text);

/// <summary>
/// A thin layout layer over PDFsharp for A4 documents: a cursor that flows down the page, Chinese
/// paragraphs broken by <see cref="LineBreaker"/>, ruled tables whose rows never split and whose
/// header repeats on a new page, horizontal bar charts drawn as vectors, and page breaks with a
/// footer callback. Only what the county's documents need. Pages go to a <see cref="PdfStreamWriter"/>
/// as each is finished; every piece of text is drawn here, so the writer knows the glyphs to embed.
/// </summary>
public sealed class PdfFlow : IDisposable
{
    public const double Margin = 36;
    private const double LineSpacing = 1.45;
    private const double CellPadding = 3;
    private readonly PdfStreamWriter _writer;
    private readonly Action<PdfFlow, int>? _footer;
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<(double Size, bool Bold, int Rune), double> s_advances = new();
    // XFonts belong to no document; sharing them saves resolving the face again for every card of a batch.
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<(double Size, bool Bold), XFont> s_fonts = new();
    private XGraphics? _graphics;
    private PdfPage? _page;
    private int _pages;

    /// <param name="writer">Where the pages go.</param>
    /// <param name="footer">Draws on each page when it is finished, with the page's number in this flow (from 1).</param>
    public PdfFlow(PdfStreamWriter writer, Action<PdfFlow, int>? footer = null)
    {
        _writer = writer;
        _footer = footer;
    }

    /// <summary>The current page's graphics (a page is started on first use).</summary>
    private XGraphics Graphics => _graphics ?? StartPage();

    public double PageWidth => XUnit.FromMillimeter(210).Point;
    public double PageHeight => XUnit.FromMillimeter(297).Point;
    public double Left => Margin;
    public double Width => PageWidth - 2 * Margin;
    public double Bottom => PageHeight - Margin;

    /// <summary>Where the next block starts, from the top of the page.</summary>
    public double Y { get; private set; } = Margin;

    public int PageCount => _pages;

    public XFont Font(TextStyle style) => s_fonts.GetOrAdd((style.Size, style.Bold), static key =>
        // Unicode (Identity-H) even for Latin text: one embedded font rather than a second WinAnsi copy of the face.
        new XFont(PdfFonts.Family, key.Size, key.Bold ? XFontStyleEx.Bold : XFontStyleEx.Regular, XPdfFontOptions.UnicodeDefault));

    public double LineHeight(TextStyle style) => style.Size * LineSpacing;

    /// <summary>Text broken into lines of the given width with this style's font.</summary>
    public IReadOnlyList<string> Lines(string text, TextStyle style, double width) =>
        LineBreaker.Break(PdfFonts.Printable(text), width, piece => Measure(piece, style));

    /// <summary>
    /// The width of text in a style: the sum of its characters' advance widths, each measured once per
    /// process (PDFsharp measures a string as that sum, without kerning). Line breaking measures every
    /// prefix of a line; asking PDFsharp each time made it most of a card's cost.
    /// </summary>
    public double Measure(string text, TextStyle style)
    {
        var width = 0.0;
        foreach (var rune in text.EnumerateRunes())
        {
            var key = (style.Size, style.Bold, rune.Value);
            if (!s_advances.TryGetValue(key, out var advance))
            {
                advance = s_advances[key] = Graphics.MeasureString(rune.ToString(), Font(style)).Width;
            }
            width += advance;
        }
        return width;
    }

    /// <summary>Starts a new page when fewer than <paramref name="height"/> points are left on this one.</summary>
    public void EnsureRoom(double height)
    {
        if (_graphics is null || Y + height > Bottom)
        {
            NewPage();
        }
    }

    public void NewPage()
    {
        FinishPage();
        StartPage();
    }

    public void Space(double height) => Y += height;

    /// <summary>A paragraph; it continues on the next page when it does not fit.</summary>
    public void Paragraph(string text, TextStyle style, double indent = 0)
    {
        var lineHeight = LineHeight(style);
        foreach (var line in Lines(text, style, Width - indent))
        {
            EnsureRoom(lineHeight);
            DrawLine(line, style, Left + indent, Y, Width - indent);
            Y += lineHeight;
        }
    }

    /// <summary>Text in a box at a fixed place, not moving the cursor (titles beside other content, seals).</summary>
    public void TextAt(string text, TextStyle style, double x, double y, double width)
    {
        var lineHeight = LineHeight(style);
        foreach (var line in Lines(text, style, width))
        {
            DrawLine(line, style, x, y, width);
            y += lineHeight;
        }
    }

    /// <summary>A rectangle at a fixed place, outlined with <paramref name="pen"/> and/or filled with <paramref name="brush"/>.</summary>
    public void Box(double x, double y, double width, double height, XPen? pen = null, XBrush? brush = null)
    {
        if (pen is not null && brush is not null)
        {
            Graphics.DrawRectangle(pen, brush, x, y, width, height);
        }
        else if (pen is not null)
        {
            Graphics.DrawRectangle(pen, x, y, width, height);
        }
        else if (brush is not null)
        {
            Graphics.DrawRectangle(brush, x, y, width, height);
        }
    }

    /// <summary>A straight line at a fixed place (cut lines).</summary>
    public void Line(XPen pen, double x1, double y1, double x2, double y2) => Graphics.DrawLine(pen, x1, y1, x2, y2);

    /// <summary>A horizontal rule across the text width.</summary>
    public void Rule(double thickness = 0.8, XKnownColor color = XKnownColor.Black)
    {
        EnsureRoom(thickness + 2);
        Graphics.DrawLine(new XPen(XColor.FromKnownColor(color), thickness), Left, Y, Left + Width, Y);
        Y += thickness + 2;
    }

    /// <summary>
    /// A ruled table. Cells wrap; a row never splits across pages; the header (when
    /// <paramref name="showHeader"/>) repeats after a page break; label columns are shaded.
    /// </summary>
    public void Table(IReadOnlyList<TableColumn> columns, IEnumerable<IReadOnlyList<string>> rows, TextStyle? style = null, bool showHeader = true)
    {
        style ??= TextStyle.Body;
        var headerStyle = style with { Bold = true };
        var total = columns.Sum(c => c.Share);
        var widths = columns.Select(c => Width * c.Share / total).ToArray();
        var header = columns.Select(c => c.Header).ToList();
        var headerHeight = showHeader ? RowHeight(header, widths, headerStyle) : 0;
        EnsureRoom(headerHeight + LineHeight(style) + 2 * CellPadding);
        if (showHeader)
        {
            DrawRow(header, columns, widths, headerStyle, headerHeight, header: true);
        }
        foreach (var row in rows)
        {
            var height = RowHeight(row, widths, style);
            if (Y + height > Bottom)
            {
                NewPage();
                if (showHeader)
                {
                    DrawRow(header, columns, widths, headerStyle, headerHeight, header: true);
                }
            }
            DrawRow(row, columns, widths, style, height, header: false);
        }
    }

    /// <summary>
    /// Horizontal bars from 0 to <paramref name="max"/>, a label on the left and the value on the
    /// right, with an optional marker per bar (e.g. the county average) drawn as a vertical tick.
    /// By default across the text width below the cursor; with <paramref name="x"/> and
    /// <paramref name="width"/> in a column of it, leaving the cursor where it was (for side-by-side
    /// charts). Returns the height drawn.
    /// </summary>
    public double Bars(IReadOnlyList<Bar> bars, double max, IReadOnlyList<double?>? markers = null, string? markerLegend = null, TextStyle? style = null,
        double? x = null, double? width = null)
    {
        style ??= TextStyle.Body;
        var font = Font(style);
        var left = x ?? Left;
        var total = width ?? Width;
        var rowHeight = LineHeight(style) + 2;
        var labelWidth = bars.Max(b => Measure(b.Label, style)) + 6;
        var valueWidth = bars.Max(b => Measure(b.Text, style)) + 6;
        var barWidth = total - labelWidth - valueWidth;
        var height = rowHeight * bars.Count + (markerLegend is null ? 0 : rowHeight);
        if (x is null)
        {
            EnsureRoom(height);
        }
        var fill = new XSolidBrush(XColor.FromArgb(0xA3, 0x1B, 0x1B));
        var track = new XSolidBrush(XColor.FromArgb(0xF2, 0xE6, 0xE6));
        var markerPen = new XPen(XColors.Black, 1.2);
        var y = Y;
        for (var i = 0; i < bars.Count; i++)
        {
            var bar = bars[i];
            var top = y + 2;
            var barHeight = rowHeight - 5;
            DrawLine(bar.Label, style, left, y, labelWidth - 6);
            Graphics.DrawRectangle(track, left + labelWidth, top, barWidth, barHeight);
            Graphics.DrawRectangle(fill, left + labelWidth, top, barWidth * Math.Clamp(bar.Value / max, 0, 1), barHeight);
            if (markers?[i] is { } marker)
            {
                var at = left + labelWidth + barWidth * Math.Clamp(marker / max, 0, 1);
                Graphics.DrawLine(markerPen, at, top - 2, at, top + barHeight + 2);
            }
            DrawLine(bar.Text, style, left + labelWidth + barWidth + 6, y, valueWidth - 6);
            y += rowHeight;
        }
        if (markerLegend is not null)
        {
            var at = left + labelWidth;
            Graphics.DrawLine(markerPen, at, y + 2, at, y + rowHeight - 4);
            DrawLine(markerLegend, TextStyle.Small, at + 6, y + 1, total - labelWidth - 6);
            y += rowHeight;
        }
        if (x is null)
        {
            Y = y;
        }
        return height;
    }

    /// <summary>Finishes the last page (drawing its footer).</summary>
    public void Dispose() => FinishPage();

    private XGraphics StartPage()
    {
        _page = _writer.NewPage();
        _pages++;
        Y = Margin;
        _graphics = XGraphics.FromPdfPage(_page);
        return _graphics;
    }

    private void FinishPage()
    {
        if (_graphics is null)
        {
            return;
        }
        _footer?.Invoke(this, _pages);
        _graphics.Dispose();
        _graphics = null;
        _writer.WritePage(_page!);
    }

    private void DrawLine(string line, TextStyle style, double x, double y, double width)
    {
        var format = new XStringFormat { Alignment = style.Align, LineAlignment = XLineAlignment.Near };
        line = PdfFonts.Printable(line);
        _writer.UseText(line);
        Graphics.DrawString(line, Font(style), new XSolidBrush(XColor.FromKnownColor(style.Color)), new XRect(x, y, width, LineHeight(style)), format);
    }

    private double RowHeight(IReadOnlyList<string> cells, double[] widths, TextStyle style) =>
        cells.Select((text, i) => Lines(text, style, widths[i] - 2 * CellPadding).Count).Max() * LineHeight(style) + 2 * CellPadding;

    private void DrawRow(IReadOnlyList<string> cells, IReadOnlyList<TableColumn> columns, double[] widths, TextStyle style, double height, bool header)
    {
        var pen = new XPen(XColor.FromArgb(0x80, 0x80, 0x80), 0.5);
        var x = Left;
        for (var i = 0; i < widths.Length; i++)
        {
            if (header || columns[i].Label)
            {
                Graphics.DrawRectangle(new XSolidBrush(XColor.FromArgb(0xF4, 0xEC, 0xEC)), x, Y, widths[i], height);
            }
            Graphics.DrawRectangle(pen, x, Y, widths[i], height);
            var cellStyle = style with { Align = columns[i].Align };
            var y = Y + CellPadding;
            foreach (var line in Lines(i < cells.Count ? cells[i] : "", cellStyle, widths[i] - 2 * CellPadding))
            {
                DrawLine(line, cellStyle, x + CellPadding, y, widths[i] - 2 * CellPadding);
                y += LineHeight(style);
            }
            x += widths[i];
        }
        Y += height;
    }
}
