namespace Longan.Appraisal.Web.Components.Pages.Vote;

/// <summary>What the ballot form posts: a choice and a comment per assistant, and which step the voter is at.</summary>
public sealed class VoteForm
{
    /// <summary>"confirm" (show what was chosen), "edit" (back to the choices) or "submit".</summary>
    public string? Step { get; set; }
    public List<VoteLine> Lines { get; set; } = [];
}

public sealed class VoteLine
{
    public int AssistantId { get; set; }
    public int? Choice { get; set; }
    public string? Comment { get; set; }
}
