using Longan.Appraisal.Core.Security;

namespace Longan.Appraisal.Core.Features.Accounts;

/// <summary>An account's login name, display name, role and scope; the password only when creating.</summary>
public sealed class AccountInput
{
    public string? UserName { get; set; }
    public string? DisplayName { get; set; }
    public AppRole? Role { get; set; }
    public int? TownshipId { get; set; }
    public int? SupervisorId { get; set; }
    public int? AssistantId { get; set; }
    public string? Password { get; set; }
}
