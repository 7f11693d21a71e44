using System.Text;
using System.Xml;

namespace Longan.Appraisal.Core.Excel;

/// <summary>
/// How every part of an uploaded workbook is read as XML: no DTD, nothing fetched, comments and
/// processing instructions skipped, at most <see cref="WorkbookLimits.MaxXmlNames"/> distinct
/// element and attribute names (a part inventing millions of names would grow the reader's name
/// table to gigabytes), and text taken in chunks so that no text longer than a cell may hold is
/// ever built (<see cref="AppendText"/>).
/// </summary>
internal static class WorkbookXml
{
    public static XmlReader Open(Stream part) => XmlReader.Create(part, new XmlReaderSettings
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        IgnoreWhitespace = false,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        CloseInput = true,
        NameTable = new BoundedNameTable(WorkbookLimits.MaxXmlNames),
    });

    /// <summary>
    /// Appends the current text node to <paramref name="text"/> in chunks; false (and nothing more
    /// appended) once the text would pass <see cref="WorkbookLimits.MaxCellText"/> characters.
    /// </summary>
    public static bool AppendText(XmlReader reader, StringBuilder text)
    {
        if (!reader.CanReadValueChunk)
        {
            text.Append(reader.Value);
            return text.Length <= WorkbookLimits.MaxCellText;
        }
        var buffer = new char[4096];
        int read;
        while ((read = reader.ReadValueChunk(buffer, 0, buffer.Length)) > 0)
        {
            if (text.Length + read > WorkbookLimits.MaxCellText)
            {
                return false;
            }
            text.Append(buffer, 0, read);
        }
        return true;
    }

    /// <summary>A name table that refuses (as damaged XML) more than a given number of distinct names.</summary>
    private sealed class BoundedNameTable(int limit) : XmlNameTable
    {
        private readonly NameTable _names = new();
        private int _count;

        public override string Add(char[] array, int offset, int length) =>
            _names.Get(array, offset, length) ?? Count(_names.Add(array, offset, length));

        public override string Add(string array) => _names.Get(array) ?? Count(_names.Add(array));

        public override string? Get(char[] array, int offset, int length) => _names.Get(array, offset, length);

        public override string? Get(string array) => _names.Get(array);

        private string Count(string name) =>
            ++_count > limit ? throw new XmlException("Too many distinct names.") : name;
    }
}
