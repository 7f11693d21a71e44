using Longan.Appraisal.Core.Security;
using Longan.Appraisal.Core.Security.Policies;
using Microsoft.AspNetCore.Authorization;

namespace Longan.Appraisal.Web.Security;

/// <summary>
/// The named policies pages and endpoints require, each read off the caller's
/// <see cref="Capabilities"/> — so the outer gate says the same as the services' own rules, and a
/// page never lists role names. The services still decide every read and write.
/// </summary>
public static class PortalPolicies
{
    public const string BrowseMasterData = nameof(BrowseMasterData);
    public const string ManageMasterData = nameof(ManageMasterData);
    /// <summary>The appraisal's own pages: cycles and their state (组织部 and the townships).</summary>
    public const string RunAppraisal = nameof(RunAppraisal);
    public const string EnterData = nameof(EnterData);
    public const string ImportWorkbooks = nameof(ImportWorkbooks);
    public const string ViewProgress = nameof(ViewProgress);
    public const string VerifyRecords = nameof(VerifyRecords);
    public const string KeepAttendance = nameof(KeepAttendance);
    public const string ReadResults = nameof(ReadResults);
    public const string ReadOwnResults = nameof(ReadOwnResults);
    /// <summary>One report card: a reader of results, or an assistant their own.</summary>
    public const string ReadCards = nameof(ReadCards);
    public const string BatchCards = nameof(BatchCards);
    public const string VerifyCards = nameof(VerifyCards);
    public const string ExportCandidates = nameof(ExportCandidates);
    public const string ExportCollectedData = nameof(ExportCollectedData);
    public const string ReadAppeals = nameof(ReadAppeals);
    public const string ReadFollowUps = nameof(ReadFollowUps);
    public const string ManageAccounts = nameof(ManageAccounts);
    public const string ReadAudit = nameof(ReadAudit);
    /// <summary>测评场次: open, watch, close and void phone-ballot sessions.</summary>
    public const string RunBallotSessions = nameof(RunBallotSessions);

    private static readonly IReadOnlyDictionary<string, Func<Capabilities, bool>> s_policies = new Dictionary<string, Func<Capabilities, bool>>
    {
        [BrowseMasterData] = c => c.BrowseMasterData,
        [ManageMasterData] = c => c.ManageMasterData,
        [RunAppraisal] = c => c.ViewProgress,
        [EnterData] = c => c.EntersData,
        [ImportWorkbooks] = c => c.ImportWorkbooks,
        [ViewProgress] = c => c.ViewProgress,
        [VerifyRecords] = c => c.VerifyRecords,
        [KeepAttendance] = c => c.KeepAttendance,
        [ReadResults] = c => c.ReadResults,
        [ReadOwnResults] = c => c.ReadOwnResults,
        [ReadCards] = c => c.ReadResults || c.ReadOwnResults,
        [BatchCards] = c => c.BatchCards || c.BatchCountyCards,
        [VerifyCards] = c => c.VerifyCards,
        [ExportCandidates] = c => c.ExportCandidates,
        [ExportCollectedData] = c => c.ExportCollectedData,
        [ReadAppeals] = c => c.ReadAppeals,
        [ReadFollowUps] = c => c.ReadFollowUps,
        [ManageAccounts] = c => c.ManageAccounts,
        [ReadAudit] = c => c.ReadAudit,
        [RunBallotSessions] = c => c.RunBallotSessions,
    };

    /// <summary>Every named policy, for a test to check each against the roles.</summary>
    public static IEnumerable<string> Names => s_policies.Keys;

    public static AuthorizationOptions AddPortalPolicies(this AuthorizationOptions options)
    {
        foreach (var (name, allowed) in s_policies)
        {
            options.AddPolicy(name, policy => policy.RequireAuthenticatedUser()
                .RequireAssertion(context => CallerClaims.FromPrincipal(context.User) is { } caller && allowed(Capabilities.Of(caller))));
        }
        return options;
    }
}
