namespace Longan.Appraisal.Core.Security;

/// <summary>The four roles of spec §1; a user has exactly one.</summary>
public enum AppRole
{
    /// <summary>组织部: the county organisation department; scope the whole county.</summary>
    County = 1,
    /// <summary>乡镇党委: a township party committee; scope one township.</summary>
    Township = 2,
    /// <summary>五老监督员: a five-elders supervisor; scope one village.</summary>
    Supervisor = 3,
    /// <summary>助理员: an assistant; scope themself.</summary>
    Assistant = 4,
}
