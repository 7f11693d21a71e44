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

    /// <summary>Streams the workbook to <paramref name="destination"/>, one row at a time; returns the rows written.</summary>
    public static int Write(int year, IEnumerable<ResultsRow> rows, Stream destination)
    {
        using var workbook = ExportWorkbook.Create(destination);
        var sheet = workbook.AddSheet(SheetName, Headers, s_widths, $"隆安县{year}年度驻村助理员考核结果");
        var count = 0;
        foreach (var r in rows)
        {
            sheet.Row();
            sheet.Number(r.CountyRank);
            sheet.Text(r.Code);
            sheet.Text(r.Name);
            sheet.Text(r.Township);
            sheet.Text(r.Village);
            sheet.Number(Round(r.Villagers), ExportStyle.Decimal2);
            sheet.Number(r.SatisfactionRate, ExportStyle.Percent2);
            sheet.Number(r.DissatisfactionRate, ExportStyle.Percent2);
            sheet.Number(Round(r.Party), ExportStyle.Decimal2);
            sheet.Number(Round(r.Cadres), ExportStyle.Decimal2);
            sheet.Number(Round(r.Supervision), ExportStyle.Decimal2);
            sheet.Number(Round(r.Attendance), ExportStyle.Decimal2);
            sheet.Number(Round(r.Composite), ExportStyle.Decimal2);
            sheet.Text(r.Grade);
            sheet.Number(r.TownshipRank);
            sheet.Text(r.Outcome);
            sheet.Text(r.Notes, ExportStyle.Wrap);
            count++;
        }
        return count;
    }

    private static decimal? Round(decimal? value) => value is { } v ? Scoring.ScoringEngine.Round(v) : null;
}
