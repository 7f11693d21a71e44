using System.Security.Claims;
using Longan.Appraisal.Core.Security;
using Longan.Appraisal.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.DependencyInjection;

namespace Longan.Appraisal.Tests.Web.Security;

/// <summary>The named policies pages and endpoints require, against the four roles (spec §1).</summary>
public sealed class PortalPoliciesTests
{
    /// <summary>C county, T township, S supervisor, A assistant.</summary>
    public static TheoryData<string, string> Expected() => new()
    {
        { PortalPolicies.BrowseMasterData, "CT" },
        { PortalPolicies.ManageMasterData, "C" },
        { PortalPolicies.RunAppraisal, "CT" },
        { PortalPolicies.EnterData, "CTS" },
        { PortalPolicies.ImportWorkbooks, "CT" },
        { PortalPolicies.ViewProgress, "CT" },
        { PortalPolicies.VerifyRecords, "CT" },
        { PortalPolicies.KeepAttendance, "CT" },
        { PortalPolicies.ReadResults, "CT" },
        { PortalPolicies.ReadOwnResults, "A" },
        { PortalPolicies.ReadCards, "CTA" },
        { PortalPolicies.BatchCards, "CT" },
        { PortalPolicies.VerifyCards, "CT" },
        { PortalPolicies.ExportCandidates, "C" },
        { PortalPolicies.ExportCollectedData, "C" },
        { PortalPolicies.ReadAppeals, "CT" },
        { PortalPolicies.ReadFollowUps, "CT" },
        { PortalPolicies.ManageAccounts, "C" },
        { PortalPolicies.ReadAudit, "C" },
        { PortalPolicies.RunBallotSessions, "CT" },
    };

    [Theory]
    [MemberData(nameof(Expected))]
    public async Task Policy_AllowsExactlyTheRolesOfTheSpec(string policy, string roles)
    {
        var authorization = new ServiceCollection().AddLogging().AddAuthorization(o => o.AddPortalPolicies()).BuildServiceProvider().GetRequiredService<IAuthorizationService>();

        var allowed = "";
        foreach (var (letter, caller) in new[]
                 {
                     ('C', new Caller("c", "zzb", AppRole.County)), ('T', new Caller("t", "natong", AppRole.Township, TownshipId: 4)),
                     ('S', new Caller("s", "langwan.wl", AppRole.Supervisor, TownshipId: 4, VillageId: 20)), ('A', new Caller("a", "langwan.zl", AppRole.Assistant, AssistantId: 20)),
                 })
        {
            var principal = new ClaimsPrincipal(new ClaimsIdentity(
                CallerClaims.ToClaims(caller, caller.UserName).Append(new Claim(ClaimTypes.NameIdentifier, caller.UserId)).Append(new Claim(ClaimTypes.Name, caller.UserName)), "test"));
            if ((await authorization.AuthorizeAsync(principal, policy)).Succeeded)
            {
                allowed += letter;
            }
        }

        Assert.Equal(roles, allowed);
    }

    [Fact]
    public void EveryPolicy_IsInTheTable() => Assert.Equal(PortalPolicies.Names.Order(), Expected().Select(row => (string)row[0]).Order());
}
