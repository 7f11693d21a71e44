namespace Longan.Appraisal.Core.Security;

/// <summary>Claims that carry a user's scope in the authentication cookie.</summary>
public static class AppClaimTypes
{
    public const string DisplayName = "longan:display-name";
    public const string TownshipId = "longan:township";
    public const string VillageId = "longan:village";
    public const string AssistantId = "longan:assistant";

    /// <summary>The signed-in session (<see cref="Domain.Sessions.SignInSession"/>) the cookie belongs to.</summary>
    public const string SessionId = "longan:session";
}
