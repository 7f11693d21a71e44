namespace Longan.Appraisal.Core.Domain;

/// <summary>The lifecycle of an appraisal cycle (spec §2).</summary>
public enum CycleState
{
    /// <summary>草稿: rules editable, no data entry.</summary>
    Draft = 1,
    /// <summary>采集中: evaluations, supervision records and attendance are entered or imported.</summary>
    Collecting = 2,
    /// <summary>评审中: entry closed; compute; corrections by the county only.</summary>
    Review = 3,
    /// <summary>已公布: results frozen and visible to assistants.</summary>
    Published = 4,
}
