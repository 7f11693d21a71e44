namespace Longan.Appraisal.Core.Domain.Entries;

/// <summary>性质 of a five-elders record.</summary>
public enum RecordNature
{
    /// <summary>表扬</summary>
    Commendation = 1,
    /// <summary>问题</summary>
    Issue = 2,
}

/// <summary>类别 of a five-elders record.</summary>
public enum RecordCategory
{
    /// <summary>在岗履职</summary>
    OnDuty = 1,
    /// <summary>服务态度</summary>
    ServiceAttitude = 2,
    /// <summary>工作实绩</summary>
    Achievements = 3,
    /// <summary>纪律廉洁</summary>
    Integrity = 4,
    /// <summary>其他</summary>
    Other = 5,
}

/// <summary>严重程度 of an issue.</summary>
public enum IssueSeverity
{
    /// <summary>轻微</summary>
    Minor = 1,
    /// <summary>一般</summary>
    Moderate = 2,
    /// <summary>严重</summary>
    Serious = 3,
}

/// <summary>核实结果, set by the township; only 属实 records count (spec §3, F).</summary>
public enum Verification
{
    /// <summary>待核实</summary>
    Pending = 1,
    /// <summary>属实</summary>
    Confirmed = 2,
    /// <summary>不属实</summary>
    Rejected = 3,
}
