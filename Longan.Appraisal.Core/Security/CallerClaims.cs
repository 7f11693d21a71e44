using System.Globalization;
using System.Security.Claims;

namespace Longan.Appraisal.Core.Security;

/// <summary>Writes a <see cref="Caller"/>'s scope into claims at sign-in and reads it back per request.</summary>
public static class CallerClaims
{
    public static IEnumerable<Claim> ToClaims(Caller caller, string displayName)
    {
        yield return new Claim(ClaimTypes.Role, caller.Role.ToString());
        yield return new Claim(AppClaimTypes.DisplayName, displayName);
        if (caller.TownshipId is { } t)
        {
            yield return new Claim(AppClaimTypes.TownshipId, t.ToString(CultureInfo.InvariantCulture));
        }
        if (caller.VillageId is { } v)
        {
            yield return new Claim(AppClaimTypes.VillageId, v.ToString(CultureInfo.InvariantCulture));
        }
        if (caller.AssistantId is { } a)
        {
            yield return new Claim(AppClaimTypes.AssistantId, a.ToString(CultureInfo.InvariantCulture));
        }
    }

    /// <summary>The caller of an authenticated principal, or null when it is anonymous or carries no valid role.</summary>
    public static Caller? FromPrincipal(ClaimsPrincipal principal)
    {
        if (principal.Identity?.IsAuthenticated != true)
        {
            return null;
        }
        var userId = principal.FindFirstValue(ClaimTypes.NameIdentifier);
        var userName = principal.FindFirstValue(ClaimTypes.Name) ?? "";
        if (userId is null || !Enum.TryParse<AppRole>(principal.FindFirstValue(ClaimTypes.Role), out var role))
        {
            return null;
        }
        return new Caller(userId, userName, role,
            Int(principal, AppClaimTypes.TownshipId),
            Int(principal, AppClaimTypes.VillageId),
            Int(principal, AppClaimTypes.AssistantId),
            principal.FindFirstValue(AppClaimTypes.SessionId));
    }

    public static string DisplayName(ClaimsPrincipal principal) =>
        principal.FindFirstValue(AppClaimTypes.DisplayName) ?? principal.Identity?.Name ?? "";

    private static int? Int(ClaimsPrincipal principal, string type) =>
        int.TryParse(principal.FindFirstValue(type), NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : null;
}
