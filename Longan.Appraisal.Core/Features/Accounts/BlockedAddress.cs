namespace Longan.Appraisal.Core.Features.Accounts;

/// <param name="Address">The address as failures are counted (an IPv6 address by its /64).</param>
/// <param name="Failures">Failed sign-ins from it within the window.</param>
/// <param name="Until">When it is accepted again unless 组织部 lifts the block first.</param>
public sealed record BlockedAddress(string Address, int Failures, DateTimeOffset Until);
