namespace Longan.Appraisal.Core.Security.Policies;

/// <summary>What can be done with a 测评场次 (spec §11).</summary>
public enum BallotSessionOperation
{
    /// <summary>See sessions and their spent codes (never votes before closing).</summary>
    Read,
    /// <summary>Open one, with its codes and slips.</summary>
    Open,
    /// <summary>End voting before the window ends.</summary>
    Close,
    /// <summary>Make its votes count nothing, with a reason.</summary>
    Void,
    /// <summary>Keep its votes after looking at what it was flagged for.</summary>
    Keep,
}
