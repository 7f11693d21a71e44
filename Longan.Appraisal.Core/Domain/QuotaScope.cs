namespace Longan.Appraisal.Core.Domain;

/// <summary>Where the 优秀 quota is counted (spec §6.3).</summary>
public enum QuotaScope
{
    County = 1,
    Township = 2,
}
