namespace Longan.Appraisal.Core.Features.Entries;

/// <summary>What the caller may do with one collected entry now (spec §1 and §2), carried by the rows pages show.</summary>
public sealed record EntryRights(bool CanChange, bool CanDelete, bool CanVerify)
{
    public static EntryRights None { get; } = new(false, false, false);
}
