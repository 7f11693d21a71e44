using System.Globalization;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using ClosedXML.Excel;
using Longan.Appraisal.Core.Features.Results;

namespace Longan.Appraisal.Benchmarks;

/// <summary>
/// Writing 考核结果.xlsx for a 15 000-assistant county (issue 14): the streamed writer the portal
/// uses against the ClosedXML workbook it built before (reproduced here, cell by cell and column
/// styles as it was, only for the comparison). Both write the same cells into memory; the rows are
/// generated, so no database is needed.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 5)]
public class ResultsWorkbookBenchmarks
{
    private const int Assistants = 15_000;
    private List<ResultsRow> _rows = [];

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(14);
        _rows = [.. Enumerable.Range(1, Assistants).Select(i =>
        {
            var complete = i % 50 != 0;
            decimal Score() => Math.Round(40 + (decimal)random.NextDouble() * 60, 2);
            var satisfied = Math.Round((decimal)random.NextDouble(), 6);
            return new ResultsRow(complete ? i : null, string.Create(CultureInfo.InvariantCulture, $"SYN{i:000000}"), $"助理员{i}", $"第{i % 12}镇", $"第{i % 150}村",
                Score(), satisfied, 1 - satisfied, Score(), Score(), i % 7 == 0 ? -5 : 0, i % 9 == 0 ? 3 : 0, complete ? Score() : null,
                complete ? "称职" : "数据不足", complete ? i % 1250 + 1 : null, i % 20 == 0 ? "推荐列入科级后备干部人选" : "",
                i % 3 == 0 ? "群众评议有效票不足 30 张（实有 12 张），该组不计分；综合得分按其余各组重新计权" : "");
        })];
    }

    /// <summary>What export-results writes now: rows streamed through OpenXmlWriter; the file's size.</summary>
    [Benchmark]
    public long Streamed()
    {
        using var file = new MemoryStream();
        ResultsWorkbook.Write(2026, _rows, file);
        return file.Length;
    }

    /// <summary>The workbook as ClosedXML built it before issue 14: every cell in memory, then saved.</summary>
    [Benchmark(Baseline = true)]
    public long ClosedXmlAsBefore()
    {
        using var workbook = new XLWorkbook();
        var sheet = workbook.AddWorksheet(ResultsWorkbook.SheetName);
        double[] widths = [8, 12, 10, 10, 12, 10, 9, 9, 11, 13, 9, 9, 10, 10, 9, 28, 48];
        for (var c = 0; c < ResultsWorkbook.Headers.Length; c++)
        {
            var header = sheet.Cell(1, c + 1);
            header.SetValue(ResultsWorkbook.Headers[c]);
            header.Style.Font.Bold = true;
            header.Style.Fill.BackgroundColor = XLColor.FromHtml("#F2DCDB");
            header.Style.Alignment.WrapText = true;
            sheet.Column(c + 1).Width = widths[c];
        }
        for (var i = 0; i < _rows.Count; i++)
        {
            var r = _rows[i];
            var row = i + 2;
            Number(sheet.Cell(row, 1), r.CountyRank);
            Text(sheet.Cell(row, 2), r.Code);
            Text(sheet.Cell(row, 3), r.Name);
            Text(sheet.Cell(row, 4), r.Township);
            Text(sheet.Cell(row, 5), r.Village);
            Number(sheet.Cell(row, 6), r.Villagers);
            Number(sheet.Cell(row, 7), r.SatisfactionRate);
            Number(sheet.Cell(row, 8), r.DissatisfactionRate);
            Number(sheet.Cell(row, 9), r.Party);
            Number(sheet.Cell(row, 10), r.Cadres);
            Number(sheet.Cell(row, 11), r.Supervision);
            Number(sheet.Cell(row, 12), r.Attendance);
            Number(sheet.Cell(row, 13), r.Composite);
            Text(sheet.Cell(row, 14), r.Grade);
            Number(sheet.Cell(row, 15), r.TownshipRank);
            Text(sheet.Cell(row, 16), r.Outcome);
            Text(sheet.Cell(row, 17), r.Notes);
        }
        var last = _rows.Count + 1;
        foreach (var column in (int[])[6, 9, 10, 11, 12, 13])
        {
            sheet.Range(2, column, last, column).Style.NumberFormat.Format = "0.00";
        }
        sheet.Range(2, 7, last, 8).Style.NumberFormat.Format = "0.00%";
        sheet.Range(2, 17, last, 17).Style.Alignment.WrapText = true;
        sheet.SheetView.FreezeRows(1);
        sheet.Range(1, 1, last, ResultsWorkbook.Headers.Length).SetAutoFilter();
        sheet.PageSetup.PageOrientation = XLPageOrientation.Landscape;
        sheet.PageSetup.PaperSize = XLPaperSize.A4Paper;
        sheet.PageSetup.FitToPages(1, 0);
        sheet.PageSetup.SetRowsToRepeatAtTop(1, 1);
        sheet.PageSetup.Header.Center.AddText("隆安县2026年度驻村助理员考核结果");
        using var file = new MemoryStream();
        workbook.SaveAs(file);
        return file.Length;
    }

    private static void Text(IXLCell cell, string value)
    {
        cell.SetValue(value);
        cell.DataType = XLDataType.Text;
        if (value is { Length: > 0 } && value[0] is '=' or '+' or '-' or '@' or '\t')
        {
            cell.Style.IncludeQuotePrefix = true;
        }
    }

    private static void Number(IXLCell cell, decimal? value)
    {
        if (value is { } v)
        {
            cell.SetValue((double)v);
        }
    }

    private static void Number(IXLCell cell, int? value)
    {
        if (value is { } v)
        {
            cell.SetValue(v);
        }
    }
}
