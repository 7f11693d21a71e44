using System.Globalization;
using System.IO.Compression;
using System.Text;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using ClosedXML.Excel;
using Longan.Appraisal.Core.Excel;

namespace Longan.Appraisal.Benchmarks;

/// <summary>
/// Reading the largest 评议数据.xlsx the limits allow — 199 999 ballots of 党组织评议 under a header,
/// a different comment on every row (11 MB; its sheet unpacks to 54 MB, its shared strings to
/// 17 MB) — by the portal's streaming reader, every cell read as an import reads it, against
/// ClosedXML loading the same bytes (what imports did before).
/// </summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 5)]
public class WorkbookReadBenchmarks
{
    private static readonly string[] s_headers = ["助理员编号", "票号", "政策宣讲员", "民意信息员", "民事代办员", "纠纷调解员", "党建指导员", "意见建议"];
    private byte[] _file = [];

    [GlobalSetup]
    public void Setup() => _file = LargestBallotFile(199_999);

    /// <summary>Opens the file and reads every row's eight values; the number of rows.</summary>
    [Benchmark]
    public int PortalReader()
    {
        using var file = WorkbookFile.Open(_file, "评议数据.xlsx");
        var errors = new List<ImportError>();
        var table = SheetTable.Open(file.Sheet("党组织评议")!, s_headers[..7], s_headers[7..], errors) ?? throw new InvalidOperationException();
        var rows = 0;
        foreach (var row in table.Rows())
        {
            row.Code(s_headers[0], 32, required: true);
            row.Code(s_headers[1], 64, required: false);
            for (var i = 2; i < 7; i++)
            {
                row.Int(s_headers[i], 0, 20);
            }
            row.Text(s_headers[7], 500, multiline: true);
            rows++;
        }
        return errors.Count == 0 ? rows : throw new InvalidOperationException(errors[0].Reason);
    }

    [Benchmark(Baseline = true)]
    public int ClosedXmlLoad()
    {
        using var workbook = new XLWorkbook(new MemoryStream(_file));
        return workbook.Worksheet("党组织评议").LastRowUsed().RowNumber() - 1;
    }

    /// <summary>The file as Excel writes one: shared strings, references on every row and cell.</summary>
    private static byte[] LargestBallotFile(int rows)
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
            sheet.Append(CultureInfo.InvariantCulture, $"""<row r="{r}"><c r="A{r}" t="s"><v>{S(string.Create(CultureInfo.InvariantCulture, $"SYN{random.Next(15_000) + 1:000000}"))}</v></c><c r="B{r}" t="s"><v>{S(string.Create(CultureInfo.InvariantCulture, $"P{r:0000000}"))}</v></c>""");
            for (var c = 0; c < 5; c++)
            {
                sheet.Append(CultureInfo.InvariantCulture, $"""<c r="{(char)('C' + c)}{r}"><v>{random.Next(10, 21)}</v></c>""");
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
                using var stream = zip.CreateEntry(name, CompressionLevel.Optimal).Open();
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
