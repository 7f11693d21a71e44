namespace Longan.Appraisal.Core.Domain.Entries;

/// <summary>One imported workbook: what, by whom, when, and its content hash (a second import of the same file is refused unless replaced).</summary>
public sealed class ImportBatch
{
    public int Id { get; set; }
    /// <summary>The cycle a 评议数据 workbook went into; null for a roster.</summary>
    public int? CycleId { get; set; }
    public required string Kind { get; set; }
    public required string FileName { get; set; }
    public required string ContentHash { get; set; }
    public required string ImportedBy { get; set; }
    public DateTimeOffset ImportedAt { get; set; }
    public int Rows { get; set; }

    public const string Ballots = "评议数据";
    public const string Roster = "助理员名册";

    /// <summary>The uploaded file's name as it is kept: without its folder, cleaned and within the column's length.</summary>
    public static string NameOf(string fileName) => Features.Common.InputText.Quote(Path.GetFileName(fileName), Persistence.FieldLimits.Text - 1);
}
