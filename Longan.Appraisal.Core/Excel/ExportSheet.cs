using ClosedXML.Excel;

namespace Longan.Appraisal.Core.Excel;

/// <summary>
/// The look every exported sheet shares: a bold shaded header row with set widths (no GDI, so no
/// automatic fitting; a CJK character is about two units), the header frozen, filters on, and
/// landscape A4 printing fitted to the page width with the header repeated and a title above.
/// </summary>
public static class ExportSheet
{
    public static IXLWorksheet Begin(XLWorkbook workbook, string name, IReadOnlyList<string> headers, IReadOnlyList<double> widths)
    {
        var sheet = workbook.AddWorksheet(name);
        for (var c = 0; c < headers.Count; c++)
        {
            var header = sheet.Cell(1, c + 1);
            header.SetValue(headers[c]);
            header.Style.Font.Bold = true;
            header.Style.Fill.BackgroundColor = XLColor.FromHtml("#F2DCDB");
            header.Style.Alignment.WrapText = true;
            sheet.Column(c + 1).Width = widths[c];
        }
        return sheet;
    }

    public static void Finish(IXLWorksheet sheet, int rows, int columns, string title)
    {
        sheet.SheetView.FreezeRows(1);
        sheet.Range(1, 1, Math.Max(1, rows + 1), columns).SetAutoFilter();
        sheet.PageSetup.PageOrientation = XLPageOrientation.Landscape;
        sheet.PageSetup.PaperSize = XLPaperSize.A4Paper;
        sheet.PageSetup.FitToPages(1, 0);
        sheet.PageSetup.SetRowsToRepeatAtTop(1, 1);
        sheet.PageSetup.Header.Center.AddText(title);
    }

    public static byte[] Save(XLWorkbook workbook)
    {
        using var stream = new MemoryStream();
        workbook.SaveAs(stream);
        return stream.ToArray();
    }
}
