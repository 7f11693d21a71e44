using System.Globalization;
using System.IO.Compression;
using System.Text;

namespace Longan.Appraisal.Tests.Infrastructure;

/// <summary>
/// The largest 评议数据.xlsx the limits allow, as Excel writes one (shared strings, a reference on
/// every cell): <c>rows</c> ballots of 党组织评议 under a header, spread over the given assistant
/// codes, each with its own 票号 and a different comment. Written as XML directly: ClosedXML takes
/// minutes over 200 000 rows.
/// </summary>
public static class LargeBallotWorkbook
{
    private static readonly string[] s_headers = ["助理员编号", "票号", "政策宣讲员", "民意信息员", "民事代办员", "纠纷调解员", "党建指导员", "意见建议"];

    /// <summary>Data rows under the header row of the largest file (the limit counts every row).</summary>
    public const int LargestRows = Longan.Appraisal.Core.Excel.WorkbookLimits.MaxRows - 1;

    public static byte[] PartyBallots(int rows, IReadOnlyList<string> codes)
    {
        var random = new Random(5);
        var strings = new List<string>();
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        int S(string text)
        {
            if (!index.TryGetValue(text, out var i))
            {
                index[text] = i = strings.Count;
                strings.Add(text);
            }
            return i;
        }
        const string words = "工作认真负责群众满意度高能够深入农户走访及时调解矛盾纠纷宣讲政策到位帮助办理事务积极主动";
        var sheet = new StringBuilder("""<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1">""");
        for (var c = 0; c < s_headers.Length; c++)
        {
            sheet.Append(CultureInfo.InvariantCulture, $"""<c r="{(char)('A' + c)}1" t="s"><v>{S(s_headers[c])}</v></c>""");
        }
        sheet.Append("</row>");
        for (var r = 2; r <= rows + 1; r++)
        {
            sheet.Append(CultureInfo.InvariantCulture, $"""<row r="{r}"><c r="A{r}" t="s"><v>{S(codes[r % codes.Count])}</v></c><c r="B{r}" t="s"><v>{S(string.Create(CultureInfo.InvariantCulture, $"P{r:0000000}"))}</v></c>""");
            for (var c = 0; c < 5; c++)
            {
                // Half points too, so decimals other than whole numbers are written.
                sheet.Append(CultureInfo.InvariantCulture, $"""<c r="{(char)('C' + c)}{r}"><v>{random.Next(20, 41) / 2m}</v></c>""");
            }
            var comment = new string([.. Enumerable.Range(0, 12).Select(_ => words[random.Next(words.Length)])]) + r.ToString(CultureInfo.InvariantCulture);
            sheet.Append(CultureInfo.InvariantCulture, $"""<c r="H{r}" t="s"><v>{S(comment)}</v></c></row>""");
        }
        sheet.Append("</sheetData></worksheet>");
        var shared = new StringBuilder("""<?xml version="1.0" encoding="UTF-8" standalone="yes"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">""");
        foreach (var text in strings)
        {
            shared.Append("<si><t>").Append(text).Append("</t></si>");
        }
        shared.Append("</sst>");
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            void Part(string name, string text)
            {
                using var stream = zip.CreateEntry(name, CompressionLevel.Fastest).Open();
                stream.Write(Encoding.UTF8.GetBytes(text));
            }
            Part("[Content_Types].xml", """<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>""");
            Part("_rels/.rels", """<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>""");
            Part("xl/workbook.xml", """<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="党组织评议" sheetId="1" r:id="rId1"/></sheets></workbook>""");
            Part("xl/_rels/workbook.xml.rels", """<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>""");
            Part("xl/worksheets/sheet1.xml", sheet.ToString());
            Part("xl/sharedStrings.xml", shared.ToString());
        }
        return buffer.ToArray();
    }
}
