using System.Security.Claims;
using Longan.Appraisal.Core.Domain;
using Longan.Appraisal.Core.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Longan.Appraisal.Core.Security;

/// <summary>Adds the role and scope claims of spec §1 to the identity issued at sign-in.</summary>
public sealed class AppClaimsPrincipalFactory(
    UserManager<AppUser> userManager,
    IOptions<IdentityOptions> options,
    IDbContextFactory<AppraisalDbContext> dbFactory)
    : UserClaimsPrincipalFactory<AppUser>(userManager, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(AppUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        await using var db = await dbFactory.CreateDbContextAsync();
        var caller = await CallerScopeResolver.ResolveAsync(db, user);
        identity.AddClaims(CallerClaims.ToClaims(caller, user.DisplayName));
        return identity;
    }
}
