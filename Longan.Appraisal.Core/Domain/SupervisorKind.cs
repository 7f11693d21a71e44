namespace Longan.Appraisal.Core.Domain;

/// <summary>The five kinds of "五老" supervisors (spec §1).</summary>
public enum SupervisorKind
{
    /// <summary>老党员</summary>
    VeteranPartyMember = 1,
    /// <summary>老村干</summary>
    FormerVillageCadre = 2,
    /// <summary>老教师</summary>
    RetiredTeacher = 3,
    /// <summary>老队长</summary>
    FormerTeamLeader = 4,
    /// <summary>老干部</summary>
    RetiredOfficial = 5,
}
