namespace Longan.Appraisal.Core.Security;

/// <summary>
/// Who is calling a service, with the scope of their role (spec §1). Services receive it as an
/// argument and decide every read and write with the policy of the resource (<see cref="Policies.EntryPolicy"/>,
/// <see cref="Policies.CyclePolicy"/> and the others in Security/Policies).
/// </summary>
/// <param name="UserId">The account's id; "system" for the admin command line.</param>
/// <param name="UserName">The login name, for records and messages.</param>
/// <param name="Role">The account's single role.</param>
/// <param name="TownshipId">The township in scope: the township user's own, or the township of a supervisor's village.</param>
/// <param name="VillageId">The supervisor's village.</param>
/// <param name="AssistantId">The assistant record of an assistant's account.</param>
/// <param name="SessionId">The signed-in session the call comes from (none for the command line).</param>
public sealed record Caller(
    string UserId,
    string UserName,
    AppRole Role,
    int? TownshipId = null,
    int? VillageId = null,
    int? AssistantId = null,
    string? SessionId = null)
{
    /// <summary>The administrators' command line acts with the county's authority.</summary>
    public static Caller System { get; } = new("system", "system", AppRole.County);
}
