using Longan.Appraisal.Core.Security;
using Longan.Appraisal.Core.Security.Policies;
using Microsoft.AspNetCore.Components.Authorization;

namespace Longan.Appraisal.Web.Security;

/// <summary>The signed-in user of this circuit as a <see cref="Caller"/> for the services.</summary>
public sealed class CallerAccessor(AuthenticationStateProvider authentication)
{
    /// <summary>The caller; throws <see cref="AccessDeniedException"/> when nobody valid is signed in.</summary>
    public async Task<Caller> GetAsync()
    {
        var state = await authentication.GetAuthenticationStateAsync();
        return CallerClaims.FromPrincipal(state.User) ?? throw new AccessDeniedException(Core.Resources.Messages.NoAccessToMasterData);
    }

    /// <summary>What the caller may do (read off the policies), for a page to offer its controls.</summary>
    public async Task<Capabilities> CapabilitiesAsync() => Capabilities.Of(await GetAsync());
}
