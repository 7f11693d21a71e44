using Longan.Appraisal.Core.Domain;
using Longan.Appraisal.Core.Domain.Ballots;
using Longan.Appraisal.Core.Pdf;
using PdfSharp.Drawing;
using QRCoder;

namespace Longan.Appraisal.Core.Features.Ballots;

/// <summary>What a session's slips say besides their codes.</summary>
/// <param name="BaseUrl">The portal's public address, e.g. <c>https://khxt.longan.gov.cn</c>: the QR code carries it with <c>/v/&lt;code&gt;</c>.</param>
public sealed record SlipSheet(BallotGroup Group, string Place, DateTimeOffset OpensAt, DateTimeOffset ClosesAt, string BaseUrl, IReadOnlyList<string> Codes);

/// <summary>
/// A session's slips as one A4 PDF through the report card's layout layer: ten to a page (two
/// across, five down) with dashed cut lines; each with the QR code of its full address, the typed
/// code, the short address, the session's place and window.
/// </summary>
public static class BallotSlips
{
    public const int Across = 2;
    public const int Down = 5;
    private static readonly TextStyle s_title = new(10, Bold: true);
    private static readonly TextStyle s_code = new(13, Bold: true);
    private static readonly TextStyle s_text = new(8);
    private static readonly TextStyle s_note = new(7.5, Color: XKnownColor.DimGray);
    private static readonly XPen s_cut = new(XColors.Gray, 0.5) { DashStyle = XDashStyle.Dash };

    public static string Address(string baseUrl, string code) => $"{baseUrl.TrimEnd('/')}/v/{BallotCodes.Display(code)}";

    public static void Write(Stream output, SlipSheet sheet, DateTimeOffset generatedAt)
    {
        using var pdf = new PdfStreamWriter(output, new PdfInfo("测评码", "中共隆安县委组织部", "隆安县驻村助理员考核系统"), generatedAt.ToOffset(TimeSpan.FromHours(8)));
        using (var flow = new PdfFlow(pdf))
        {
            var width = flow.Width / Across;
            var height = (flow.Bottom - PdfFlow.Margin) / Down;
            for (var i = 0; i < sheet.Codes.Count; i++)
            {
                var slot = i % (Across * Down);
                if (slot == 0 && i > 0)
                {
                    flow.NewPage();
                }
                if (slot == 0)
                {
                    CutLines(flow, width, height);
                }
                Slip(flow, sheet, sheet.Codes[i], flow.Left + slot % Across * width, PdfFlow.Margin + slot / Across * height, width, height);
            }
        }
        pdf.Finish();
    }

    private static void CutLines(PdfFlow flow, double width, double height)
    {
        for (var column = 0; column <= Across; column++)
        {
            var x = flow.Left + column * width;
            flow.Line(s_cut, x, PdfFlow.Margin, x, PdfFlow.Margin + Down * height);
        }
        for (var row = 0; row <= Down; row++)
        {
            var y = PdfFlow.Margin + row * height;
            flow.Line(s_cut, flow.Left, y, flow.Left + Across * width, y);
        }
    }

    private static void Slip(PdfFlow flow, SlipSheet sheet, string code, double x, double y, double width, double height)
    {
        const double pad = 8;
        // About 30 mm: read at arm's length by any phone camera, leaving the text its width.
        var qrSize = Math.Min(height - 2 * pad, width * 0.36);
        Qr(flow, Address(sheet.BaseUrl, code), x + pad / 2, y + (height - qrSize) / 2, qrSize);
        var textX = x + pad / 2 + qrSize + pad / 2;
        var textWidth = width - (textX - x) - pad;
        var group = sheet.Group == BallotGroup.Villagers ? "群众评议" : "党员干部评议";
        var from = CountyCalendar.Local(sheet.OpensAt);
        var to = CountyCalendar.Local(sheet.ClosesAt);
        var window = from.Date == to.Date ? $"{from:yyyy-MM-dd HH:mm}–{to:HH:mm}" : $"{from:yyyy-MM-dd HH:mm} 至 {to:yyyy-MM-dd HH:mm}";
        var shortAddress = Address(sheet.BaseUrl, code).Replace("https://", "", StringComparison.Ordinal).Replace("http://", "", StringComparison.Ordinal);
        var line = y + pad;
        foreach (var (text, style, after) in new (string, TextStyle, double)[]
        {
            ($"驻村助理员{group}", s_title, 3),
            ("测评码", s_note, 0),
            (BallotCodes.Display(code), s_code, 3),
            ("手机扫码，或在浏览器打开：", s_note, 0),
            (shortAddress, s_text, 3),
            ($"{sheet.Place} · {window}", s_text, 3),
            ("一码一票，只能使用一次；投票不记录您的身份。", s_note, 0),
        })
        {
            flow.TextAt(text, style, textX, line, textWidth);
            line += flow.Lines(text, style, textWidth).Count * flow.LineHeight(style) + after;
        }
    }

    /// <summary>The QR code (error correction M) as filled squares, one rectangle per run of dark modules in a row.</summary>
    private static void Qr(PdfFlow flow, string text, double x, double y, double size)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(text, QRCodeGenerator.ECCLevel.M);
        var matrix = data.ModuleMatrix;
        var module = size / matrix.Count;
        for (var row = 0; row < matrix.Count; row++)
        {
            var bits = matrix[row];
            var column = 0;
            while (column < bits.Length)
            {
                if (!bits[column])
                {
                    column++;
                    continue;
                }
                var start = column;
                while (column < bits.Length && bits[column])
                {
                    column++;
                }
                flow.Box(x + start * module, y + row * module, (column - start) * module, module, brush: XBrushes.Black);
            }
        }
    }
}
