using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Longan.Appraisal.Core.Excel;

/// <summary>The fixed style sheet of exported workbooks: one cell format per <see cref="ExportStyle"/>, in its order, then the quoted-text ones.</summary>
internal static class ExportStyles
{
    /// <summary>General text with Excel's quote prefix (see <see cref="SafeCells.NeedsQuotePrefix"/>).</summary>
    public const int QuotedText = 9;

    /// <summary>Wrapped text with the quote prefix.</summary>
    public const int QuotedWrap = 10;

    public static Stylesheet Stylesheet()
    {
        var formats = new NumberingFormats(
            new NumberingFormat { NumberFormatId = 164, FormatCode = "0.00" },
            new NumberingFormat { NumberFormatId = 165, FormatCode = "0.00%" },
            new NumberingFormat { NumberFormatId = 166, FormatCode = "0.0" },
            new NumberingFormat { NumberFormatId = 167, FormatCode = "yyyy-mm-dd" },
            new NumberingFormat { NumberFormatId = 168, FormatCode = "yyyy-mm-dd hh:mm" });
        var fonts = new Fonts(Font(bold: false), Font(bold: true));
        var fills = new Fills(
            new Fill(new PatternFill { PatternType = PatternValues.None }),
            new Fill(new PatternFill { PatternType = PatternValues.Gray125 }),
            Solid("FFF2DCDB"),
            Solid("FFFFEBEE"));
        var borders = new Borders(new Border(new LeftBorder(), new RightBorder(), new TopBorder(), new BottomBorder(), new DiagonalBorder()));
        var cellFormats = new CellFormats(
            Format(0),                                   // General
            Format(0, font: 1, fill: 2, wrap: true),     // Header
            Format(164),                                 // Decimal2
            Format(165),                                 // Percent2
            Format(0, wrap: true),                       // Wrap
            Format(166),                                 // Decimal1
            Format(167),                                 // Date
            Format(168),                                 // DateTime
            Format(0, fill: 3),                          // Shortfall
            Format(0, quoted: true),                     // QuotedText
            Format(0, wrap: true, quoted: true));        // QuotedWrap
        return new Stylesheet(
            formats, fonts, fills, borders,
            new CellStyleFormats(new CellFormat { NumberFormatId = 0, FontId = 0, FillId = 0, BorderId = 0 }),
            cellFormats,
            new CellStyles(new CellStyle { Name = "Normal", FormatId = 0, BuiltinId = 0 }));
    }

    private static Font Font(bool bold)
    {
        var font = new Font();
        if (bold)
        {
            font.Append(new Bold());
        }
        font.Append(new FontSize { Val = 11 }, new Color { Rgb = "FF000000" }, new FontName { Val = "Calibri" }, new FontFamilyNumbering { Val = 2 });
        return font;
    }

    private static Fill Solid(string argb) =>
        new(new PatternFill(new ForegroundColor { Rgb = argb }, new BackgroundColor { Indexed = 64 }) { PatternType = PatternValues.Solid });

    private static CellFormat Format(uint numberFormat, uint font = 0, uint fill = 0, bool wrap = false, bool quoted = false)
    {
        var format = new CellFormat { NumberFormatId = numberFormat, FontId = font, FillId = fill, BorderId = 0, FormatId = 0 };
        if (numberFormat != 0)
        {
            format.ApplyNumberFormat = true;
        }
        if (font != 0)
        {
            format.ApplyFont = true;
        }
        if (fill != 0)
        {
            format.ApplyFill = true;
        }
        if (quoted)
        {
            format.QuotePrefix = true;
        }
        if (wrap)
        {
            format.ApplyAlignment = true;
            format.Append(new Alignment { WrapText = true });
        }
        return format;
    }
}
