using ClosedXML.Excel;
using Longan.Appraisal.Core.Features.Imports;

namespace Longan.Appraisal.Core.Excel;

/// <summary>
/// Blank templates of the import workbooks (spec workbooks.md): the exact sheets and headers, code
/// columns formatted as text, drop-downs for enumerated columns, and one example row marked 示例.
/// </summary>
public static class WorkbookTemplates
{
    private const string OptionsSheet = "选项";
    private const int PreparedRows = 1000;

    public static byte[] Ballots()
    {
        using var workbook = new XLWorkbook();
        var options = new Options(workbook);
        Add(workbook, BallotWorkbook.Villagers, ["示例：LA0001", "30", "8", "2", "1", "3月村民代表会议"], options, []);
        Add(workbook, BallotWorkbook.VillagerComments, ["示例：LA0001", "希望多到屯里走访"], options, []);
        Add(workbook, BallotWorkbook.Party, ["示例：LA0001", "18", "18.5", "19", "18", "18.5", "P01", ""], options, []);
        Add(workbook, BallotWorkbook.Cadres, ["示例：LA0001", "优秀", "C01", ""], options, [("等次", BallotWorkbook.Grades.Keys)]);
        Add(workbook, BallotWorkbook.Supervision, ["示例：LA0001", "2026-03-18", "罗福生", "问题", "在岗履职", "工作日未在村", "轻微", "待核实"], options,
            [("性质", BallotWorkbook.Natures.Keys), ("类别", BallotWorkbook.Categories.Keys), ("严重程度", BallotWorkbook.Severities.Keys), ("核实结果", BallotWorkbook.Verifications.Keys)]);
        Add(workbook, BallotWorkbook.Attendance, ["示例：LA0001", "2026-03", "22"], options, []);
        return Save(workbook, options);
    }

    public static byte[] Roster()
    {
        using var workbook = new XLWorkbook();
        var options = new Options(workbook);
        Add(workbook, RosterImportService.SheetName, RosterImportService.Required, RosterImportService.Optional, ["示例：LA0001", "黄秀珍", "那桐镇", "浪湾村", "女", "壮族", "1995-06-01", "中共党员", "大学本科", "那桐镇人民政府党政办干事", "2026-03-01", "2028-02-29"],
            options, [("性别", RosterImportService.Genders.Keys)]);
        return Save(workbook, options);
    }

    private static void Add(XLWorkbook workbook, BallotWorkbook.Sheet spec, string[] example, Options options, (string Header, IEnumerable<string> Values)[] choices) =>
        Add(workbook, spec.Name, spec.Required, spec.Optional, example, options, choices);

    private static void Add(XLWorkbook workbook, string name, IReadOnlyList<string> required, IReadOnlyList<string> optional, string[] example, Options options,
        (string Header, IEnumerable<string> Values)[] choices)
    {
        var sheet = workbook.AddWorksheet(name);
        var headers = required.Concat(optional).ToList();
        for (var c = 0; c < headers.Count; c++)
        {
            var column = c + 1;
            var header = sheet.Cell(1, column);
            header.SetValue(headers[c]);
            header.Style.Font.Bold = true;
            header.Style.Fill.BackgroundColor = required.Contains(headers[c]) ? XLColor.FromHtml("#FDE2E2") : XLColor.FromHtml("#F2F2F2");
            var cell = sheet.Cell(2, column);
            cell.SetValue(c < example.Length ? example[c] : "");
            cell.Style.Font.FontColor = XLColor.Gray;
            // Codes, dates and months stay text so Excel/WPS do not turn 007 into 7 or 2026-03 into a date.
            sheet.Range(2, column, PreparedRows, column).Style.NumberFormat.Format = "@";
            // Column width by hand: ClosedXML measures text with GDI+, which servers lack; CJK characters are about two units wide.
            sheet.Column(column).Width = Math.Max(10, headers[c].Length * 2 + 4);
        }
        foreach (var (header, values) in choices)
        {
            var column = headers.IndexOf(header) + 1;
            sheet.Range(2, column, PreparedRows, column).SetDataValidation().List(options.RangeFor(header, values), true);
        }
        sheet.SheetView.FreezeRows(1);
    }

    private static byte[] Save(XLWorkbook workbook, Options options)
    {
        options.Hide();
        using var stream = new MemoryStream();
        workbook.SaveAs(stream);
        return stream.ToArray();
    }

    /// <summary>The drop-down lists, kept on a hidden sheet so values may contain anything.</summary>
    private sealed class Options(XLWorkbook workbook)
    {
        private IXLWorksheet? _sheet;
        private int _column;

        public IXLRange RangeFor(string header, IEnumerable<string> values)
        {
            _sheet ??= workbook.AddWorksheet(OptionsSheet);
            _column++;
            var list = values.ToList();
            _sheet.Cell(1, _column).SetValue(header);
            for (var i = 0; i < list.Count; i++)
            {
                _sheet.Cell(i + 2, _column).SetValue(list[i]);
            }
            return _sheet.Range(2, _column, list.Count + 1, _column);
        }

        public void Hide() => _sheet?.Hide();
    }
}
