using ClosedXML.Excel;
using Longan.Appraisal.Core.Excel;

namespace Longan.Appraisal.Core.Features.Results;

/// <summary>One row of 考核结果.xlsx, already in words and rounded numbers.</summary>
public sealed record ResultsRow(
    int? CountyRank, string Code, string Name, string Township, string Village,
    decimal? Villagers, decimal? SatisfactionRate, decimal? DissatisfactionRate, decimal? Party, decimal? Cadres,
    decimal Supervision, decimal Attendance, decimal? Composite, string Grade, int? TownshipRank, string Outcome, string Notes);

/// <summary>Writes 考核结果.xlsx exactly per spec workbooks.md: the headers, numeric cells, % rates, safe text.</summary>
public static class ResultsWorkbook
{
    public const string SheetName = "考核结果";

    public static readonly string[] Headers =
        ["全县排名", "编号", "姓名", "乡镇", "驻村", "群众评议", "满意率", "不满意率", "党组织评议", "党员干部评议", "五老监督", "考勤扣分", "综合得分", "等次", "乡镇排名", "处理建议", "说明"];

    private static readonly double[] s_widths = [8, 12, 10, 10, 12, 10, 9, 9, 11, 13, 9, 9, 10, 10, 9, 28, 48];

    public static byte[] Write(int year, IReadOnlyList<ResultsRow> rows)
    {
        using var workbook = new XLWorkbook();
        var sheet = ExportSheet.Begin(workbook, SheetName, Headers, s_widths);
        for (var i = 0; i < rows.Count; i++)
        {
            var r = rows[i];
            var row = i + 2;
            SafeCells.Number(sheet.Cell(row, 1), r.CountyRank);
            SafeCells.Text(sheet.Cell(row, 2), r.Code);
            SafeCells.Text(sheet.Cell(row, 3), r.Name);
            SafeCells.Text(sheet.Cell(row, 4), r.Township);
            SafeCells.Text(sheet.Cell(row, 5), r.Village);
            SafeCells.Number(sheet.Cell(row, 6), Round(r.Villagers));
            SafeCells.Number(sheet.Cell(row, 7), r.SatisfactionRate);
            SafeCells.Number(sheet.Cell(row, 8), r.DissatisfactionRate);
            SafeCells.Number(sheet.Cell(row, 9), Round(r.Party));
            SafeCells.Number(sheet.Cell(row, 10), Round(r.Cadres));
            SafeCells.Number(sheet.Cell(row, 11), Round(r.Supervision));
            SafeCells.Number(sheet.Cell(row, 12), Round(r.Attendance));
            SafeCells.Number(sheet.Cell(row, 13), Round(r.Composite));
            SafeCells.Text(sheet.Cell(row, 14), r.Grade);
            SafeCells.Number(sheet.Cell(row, 15), r.TownshipRank);
            SafeCells.Text(sheet.Cell(row, 16), r.Outcome);
            SafeCells.Text(sheet.Cell(row, 17), r.Notes);
        }
        // Formats by column, not cell by cell: one style for thousands of cells keeps large counties quick.
        if (rows.Count > 0)
        {
            var last = rows.Count + 1;
            foreach (var column in (int[])[6, 9, 10, 11, 12, 13])
            {
                sheet.Range(2, column, last, column).Style.NumberFormat.Format = "0.00";
            }
            sheet.Range(2, 7, last, 8).Style.NumberFormat.Format = "0.00%";
            sheet.Range(2, 17, last, 17).Style.Alignment.WrapText = true;
        }
        ExportSheet.Finish(sheet, rows.Count, Headers.Length, $"隆安县{year}年度驻村助理员考核结果");
        return ExportSheet.Save(workbook);
    }

    private static decimal? Round(decimal? value) => value is { } v ? Scoring.ScoringEngine.Round(v) : null;
}
