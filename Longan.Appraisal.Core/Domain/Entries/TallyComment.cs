namespace Longan.Appraisal.Core.Domain.Entries;

/// <summary>One villager's comment from a phone session, kept with the session's tally (a typed tally has one comment field instead).</summary>
public sealed class TallyComment
{
    public int Id { get; set; }
    public int TallyId { get; set; }
    public string Text { get; set; } = "";
}
