using System.Globalization;
using System.Text;
using Longan.Appraisal.Core.Features.Imports;

namespace Longan.Appraisal.Tests.Infrastructure;

/// <summary>
/// A 助理员名册.xlsx of new assistants, each posted to a new village of one of a few new townships
/// (a province's first roster): the largest allowed is <see cref="RosterImportService.MaxRows"/>.
/// Written as XML directly with inline strings: ClosedXML takes minutes over such files.
/// </summary>
public static class LargeRosterWorkbook
{
    public const int LargestRows = RosterImportService.MaxRows;

    /// <param name="rows">Assistants, one per row.</param>
    /// <param name="prefix">Starts every 编号 and township name, so two files of one database do not collide.</param>
    /// <param name="start">Every row's 任期开始.</param>
    public static byte[] NewAssistants(int rows, string prefix = "R", string start = "2026-03-01")
    {
        static string Cell(string text) => $"""<c t="inlineStr"><is><t>{text}</t></is></c>""";
        const string surnames = "黄韦陆覃蒙梁农卢谢凌";
        const string given = "秀珍明辉国庆立新振宇德安春梅志强海燕";
        var sheet = new StringBuilder("<sheetData><row>" + Cell("编号") + Cell("姓名") + Cell("性别") + Cell("乡镇") + Cell("驻村") + Cell("任期开始") + "</row>");
        for (var i = 0; i < rows; i++)
        {
            var name = string.Concat(surnames[i % surnames.Length], given[i / 7 % given.Length], given[i / 3 % given.Length]);
            sheet.Append("<row>")
                .Append(Cell(string.Create(CultureInfo.InvariantCulture, $"{prefix}{i:00000}")))
                .Append(Cell(name))
                .Append(Cell(i % 2 == 0 ? "男" : "女"))
                .Append(Cell(string.Create(CultureInfo.InvariantCulture, $"{prefix}{i / 1000}镇")))
                .Append(Cell(string.Create(CultureInfo.InvariantCulture, $"第{i}村")))
                .Append(Cell(start))
                .Append("</row>");
        }
        return WorkbookBombs.Crafted(sheet.Append("</sheetData>").ToString(),
            workbookXml: WorkbookBombs.WorkbookXml.Replace("党员干部评议", RosterImportService.SheetName, StringComparison.Ordinal));
    }
}
