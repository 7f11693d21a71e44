using ClosedXML.Excel;

namespace Longan.Appraisal.Tests.Infrastructure;

/// <summary>Builds real .xlsx files in tests: sheets of rows, strings kept as text, numbers and dates typed.</summary>
public sealed class Xlsx
{
    private readonly XLWorkbook _workbook = new();

    public Xlsx Sheet(string name, params object?[][] rows)
    {
        var sheet = _workbook.AddWorksheet(name);
        for (var r = 0; r < rows.Length; r++)
        {
            for (var c = 0; c < rows[r].Length; c++)
            {
                var cell = sheet.Cell(r + 1, c + 1);
                switch (rows[r][c])
                {
                    case null:
                        break;
                    case string text:
                        cell.SetValue(text);
                        cell.DataType = XLDataType.Text;
                        break;
                    case DateTime date:
                        cell.SetValue(date);
                        break;
                    case IConvertible number:
                        cell.SetValue(Convert.ToDouble(number, System.Globalization.CultureInfo.InvariantCulture));
                        break;
                }
            }
        }
        return this;
    }

    public byte[] Bytes()
    {
        using var stream = new MemoryStream();
        _workbook.SaveAs(stream);
        return stream.ToArray();
    }

    public static object?[] Row(params object?[] cells) => cells;
}
