namespace Longan.Appraisal.Core.Domain.Ballots;

/// <summary>
/// A place for one phone vote. A session gets as many empty places as it has codes, in one go when
/// it opens; a vote fills a free place chosen at random. So neither the row's number nor its
/// position says when a vote was cast or which code cast it, and no time is kept.
/// </summary>
public sealed class PhoneBallot
{
    public int Id { get; set; }
    public int SessionId { get; set; }
    public bool Cast { get; set; }
    /// <summary>
    /// 群众评议: the choice (1 满意, 2 基本满意, 3 不满意); 党员干部评议: one grade per assistant — as
    /// "assistantId:grade" pairs, e.g. "20:1;23:2".
    /// </summary>
    public string? Choices { get; set; }
    /// <summary>Comments, one per assistant ("assistantId" then the text), as JSON; null without any.</summary>
    public string? Comments { get; set; }
}
