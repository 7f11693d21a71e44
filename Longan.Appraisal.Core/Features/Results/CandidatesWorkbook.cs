using ClosedXML.Excel;
using Longan.Appraisal.Core.Excel;

namespace Longan.Appraisal.Core.Features.Results;

/// <summary>One row of 后备干部人选.xlsx, in words and numbers.</summary>
public sealed record CandidateRow(
    string Name, string? Gender, string? Ethnicity, DateOnly? BirthDate, int? Age, string? PoliticalStatus, string? Education,
    string? SendingUnitAndPost, string Township, string Village, int Year, decimal? Composite, string Grade, int? CountyRank,
    string EarlierGrades, string Reason, string DepartmentOpinion);

/// <summary>Writes 后备干部人选.xlsx exactly per spec workbooks.md: headers, dates and numbers as such, safe text, print setup.</summary>
public static class CandidatesWorkbook
{
    public const string SheetName = "后备干部人选";

    public static readonly string[] Headers =
        ["序号", "姓名", "性别", "民族", "出生日期", "年龄", "政治面貌", "学历", "派出单位及职务", "乡镇", "驻村", "考核年度", "综合得分", "等次", "全县排名", "近两年等次", "推荐理由", "组织部意见"];

    // Widths by hand (no GDI on servers): a CJK character is about two units.
    private static readonly double[] s_widths = [6, 9, 6, 7, 11, 6, 10, 8, 24, 9, 10, 9, 9, 8, 9, 20, 36, 30];

    public static byte[] Write(int year, IReadOnlyList<CandidateRow> rows)
    {
        using var workbook = new XLWorkbook();
        var sheet = ExportSheet.Begin(workbook, SheetName, Headers, s_widths);
        for (var i = 0; i < rows.Count; i++)
        {
            var r = rows[i];
            var row = i + 2;
            SafeCells.Number(sheet.Cell(row, 1), i + 1);
            SafeCells.Text(sheet.Cell(row, 2), r.Name);
            SafeCells.Text(sheet.Cell(row, 3), r.Gender);
            SafeCells.Text(sheet.Cell(row, 4), r.Ethnicity);
            if (r.BirthDate is { } born)
            {
                sheet.Cell(row, 5).SetValue(born.ToDateTime(TimeOnly.MinValue));
                sheet.Cell(row, 5).Style.DateFormat.Format = "yyyy-mm-dd";
            }
            SafeCells.Number(sheet.Cell(row, 6), r.Age);
            SafeCells.Text(sheet.Cell(row, 7), r.PoliticalStatus);
            SafeCells.Text(sheet.Cell(row, 8), r.Education);
            SafeCells.Text(sheet.Cell(row, 9), r.SendingUnitAndPost);
            SafeCells.Text(sheet.Cell(row, 10), r.Township);
            SafeCells.Text(sheet.Cell(row, 11), r.Village);
            SafeCells.Number(sheet.Cell(row, 12), r.Year);
            SafeCells.Number(sheet.Cell(row, 13), r.Composite is { } c ? Scoring.ScoringEngine.Round(c) : null, "0.00");
            SafeCells.Text(sheet.Cell(row, 14), r.Grade);
            SafeCells.Number(sheet.Cell(row, 15), r.CountyRank);
            SafeCells.Text(sheet.Cell(row, 16), r.EarlierGrades);
            SafeCells.Text(sheet.Cell(row, 17), r.Reason);
            SafeCells.Text(sheet.Cell(row, 18), r.DepartmentOpinion);
        }
        if (rows.Count > 0)
        {
            sheet.Range(2, 16, rows.Count + 1, 18).Style.Alignment.WrapText = true;
        }
        ExportSheet.Finish(sheet, rows.Count, Headers.Length, $"隆安县{year}年度驻村助理员推荐列入科级后备干部人选名单");
        return ExportSheet.Save(workbook);
    }
}
