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

    /// <summary>Streams the workbook to <paramref name="destination"/>; returns the rows written.</summary>
    public static int Write(int year, IEnumerable<CandidateRow> rows, Stream destination)
    {
        using var workbook = ExportWorkbook.Create(destination);
        var sheet = workbook.AddSheet(SheetName, Headers, s_widths, $"隆安县{year}年度驻村助理员推荐列入科级后备干部人选名单");
        var count = 0;
        foreach (var r in rows)
        {
            sheet.Row();
            sheet.Number(++count);
            sheet.Text(r.Name);
            sheet.Text(r.Gender);
            sheet.Text(r.Ethnicity);
            sheet.Date(r.BirthDate?.ToDateTime(TimeOnly.MinValue));
            sheet.Number(r.Age);
            sheet.Text(r.PoliticalStatus);
            sheet.Text(r.Education);
            sheet.Text(r.SendingUnitAndPost);
            sheet.Text(r.Township);
            sheet.Text(r.Village);
            sheet.Number(r.Year);
            sheet.Number(r.Composite is { } c ? Scoring.ScoringEngine.Round(c) : null, ExportStyle.Decimal2);
            sheet.Text(r.Grade);
            sheet.Number(r.CountyRank);
            sheet.Text(r.EarlierGrades, ExportStyle.Wrap);
            sheet.Text(r.Reason, ExportStyle.Wrap);
            sheet.Text(r.DepartmentOpinion, ExportStyle.Wrap);
        }
        return count;
    }
}
