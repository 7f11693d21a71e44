namespace Longan.Appraisal.Core.Security.Policies;

/// <summary>What may be done with the master data (townships, villages, assistants, postings, supervisors).</summary>
public enum MasterDataOperation
{
    /// <summary>Open the lists (组织部 and townships; a township sees its own).</summary>
    Browse,
    /// <summary>Create, edit, post, end terms, deactivate, delete, import the roster.</summary>
    Manage,
}
