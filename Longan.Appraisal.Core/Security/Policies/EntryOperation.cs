namespace Longan.Appraisal.Core.Security.Policies;

/// <summary>What may be done with a collected entry (spec §1, "who enters and changes what").</summary>
public enum EntryOperation
{
    /// <summary>See the entries of an assistant (a supervisor: only their own).</summary>
    Read,
    Add,
    /// <summary>Change an existing entry's content.</summary>
    Change,
    Delete,
    /// <summary>Give or change a five-elders record's verdict (属实/不属实).</summary>
    Verify,
}
