namespace Longan.Appraisal.Core.Security.Policies;

/// <summary>What may be done with the follow-up of decided outcomes (处理跟进).</summary>
public enum FollowUpOperation
{
    /// <summary>See the cases: 组织部 all, a township its own.</summary>
    Read,
    /// <summary>Record a talk, a notice, a reserve-cadre decision or a replacement.</summary>
    Record,
}
