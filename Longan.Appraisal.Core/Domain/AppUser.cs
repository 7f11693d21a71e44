using Longan.Appraisal.Core.Security;
using Microsoft.AspNetCore.Identity;

namespace Longan.Appraisal.Core.Domain;

/// <summary>
/// A portal account. Each account has one role and one scope (spec §1): the scope is the township
/// for <see cref="AppRole.Township"/>, the supervisor record (and so its village) for
/// <see cref="AppRole.Supervisor"/>, and the assistant record for <see cref="AppRole.Assistant"/>.
/// </summary>
public sealed class AppUser : IdentityUser
{
    public required string DisplayName { get; set; }
    public AppRole Role { get; set; }
    public int? TownshipId { get; set; }
    public Township? Township { get; set; }
    public int? SupervisorId { get; set; }
    public Supervisor? Supervisor { get; set; }
    public int? AssistantId { get; set; }
    public Assistant? Assistant { get; set; }
    public bool IsActive { get; set; } = true;
    public DateTimeOffset CreatedAt { get; set; }
}
