namespace Longan.Appraisal.Core.Domain;

/// <summary>助理员: a township cadre posted to a village (spec §1; roster columns in workbooks.md).</summary>
public sealed class Assistant
{
    public int Id { get; set; }
    /// <summary>编号: a text code, unique in the county; leading zeros are significant.</summary>
    public required string Code { get; set; }
    public required string Name { get; set; }
    public Gender? Gender { get; set; }
    /// <summary>民族</summary>
    public string? Ethnicity { get; set; }
    public DateOnly? BirthDate { get; set; }
    /// <summary>政治面貌</summary>
    public string? PoliticalStatus { get; set; }
    /// <summary>学历</summary>
    public string? Education { get; set; }
    /// <summary>派出单位及职务</summary>
    public string? SendingUnitAndPost { get; set; }
    public string? Phone { get; set; }
    public bool IsActive { get; set; } = true;
    public List<Posting> Postings { get; set; } = [];
}
