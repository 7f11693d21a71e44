namespace Longan.Appraisal.Core.Security;

/// <summary>Claims that carry a user's scope in the authentication cookie.</summary>
public static class AppClaimTypes
{
    public const string DisplayName = "longan:display-name";
    public const string TownshipId = "longan:township";
    public const string VillageId = "longan:village";
    public const string AssistantId = "longan:assistant";
}
