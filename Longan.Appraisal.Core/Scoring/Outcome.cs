namespace Longan.Appraisal.Core.Scoring;

/// <summary>处理建议 (spec §8), in the order they are listed and joined.</summary>
public enum Outcome
{
    /// <summary>推荐列入科级后备干部人选</summary>
    ReserveCadre = 1,
    /// <summary>通报批评</summary>
    PublicCriticism = 2,
    /// <summary>诫勉谈话</summary>
    AdmonishmentTalk = 3,
    /// <summary>调整撤换</summary>
    Replacement = 4,
    /// <summary>数据不足，暂不评定</summary>
    InsufficientData = 5,
}
