using System.Xml;
using Longan.Appraisal.Core.Resources;

namespace Longan.Appraisal.Core.Excel;

/// <summary>
/// Everything read from one uploaded workbook, counted against <see cref="WorkbookLimits"/> as it is
/// read: XML elements and their nesting, cells, and the rows of each sheet (by the highest row
/// number, the way a spreadsheet counts them, whatever order the rows come in).
/// </summary>
internal sealed class WorkbookBudget(string fileName)
{
    private readonly Dictionary<string, long> _rows = new(StringComparer.Ordinal);
    private long _elements;
    private long _cells;

    public string FileName => fileName;

    /// <summary>Counts an element, refusing nesting no workbook has (a stack of foreign elements) and more elements than any real one.</summary>
    public void Count(XmlReader reader)
    {
        if (reader.NodeType != XmlNodeType.Element)
        {
            return;
        }
        if (reader.Depth > WorkbookLimits.MaxDepth)
        {
            throw WorkbookFile.Damaged(fileName);
        }
        if (++_elements > WorkbookLimits.MaxElements)
        {
            throw WorkbookFile.Rejected(fileName, Messages.FileTooComplex);
        }
    }

    public void CountCell()
    {
        if (++_cells > WorkbookLimits.MaxCells)
        {
            throw WorkbookFile.Rejected(fileName, Messages.FileTooManyCells(WorkbookLimits.MaxCells));
        }
    }

    /// <summary>A sheet reaches this row number; all sheets read together may not pass <see cref="WorkbookLimits.MaxRows"/>.</summary>
    public void ReachRow(string sheet, long row)
    {
        if (row <= _rows.GetValueOrDefault(sheet))
        {
            return;
        }
        _rows[sheet] = row;
        if (_rows.Values.Sum() > WorkbookLimits.MaxRows)
        {
            throw WorkbookFile.Rejected(fileName, Messages.FileTooManyRows(WorkbookLimits.MaxRows));
        }
    }
}
