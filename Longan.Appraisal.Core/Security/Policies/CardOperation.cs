namespace Longan.Appraisal.Core.Security.Policies;

/// <summary>What may be done with report cards (spec report-card.md).</summary>
public enum CardOperation
{
    /// <summary>One assistant's card.</summary>
    Render,
    /// <summary>A batch of a township's (or the county's) cards.</summary>
    Batch,
    /// <summary>Check a printed card's verification code.</summary>
    Verify,
}
