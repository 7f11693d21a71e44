using Longan.Appraisal.Core.Domain;
using Longan.Appraisal.Core.Domain.FollowUps;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Longan.Appraisal.Core.Persistence.Configurations;

public sealed class FollowUpConfiguration : IEntityTypeConfiguration<FollowUp>
{
    public void Configure(EntityTypeBuilder<FollowUp> builder)
    {
        builder.Property(f => f.Kind).HasConversion<int>();
        builder.Property(f => f.By).HasMaxLength(FieldLimits.Name);
        builder.Property(f => f.Reference).HasMaxLength(FieldLimits.Name);
        builder.Property(f => f.Notes).HasMaxLength(FieldLimits.Comment);
        builder.Property(f => f.RecordedBy).HasMaxLength(FieldLimits.Name);
        builder.HasOne<AppraisalCycle>().WithMany().HasForeignKey(f => f.CycleId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Assistant>().WithMany().HasForeignKey(f => f.AssistantId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Posting>().WithMany().HasForeignKey(f => f.SuccessorPostingId).OnDelete(DeleteBehavior.Restrict);
        // One case per effective outcome: a second record for the same one is refused by the database too.
        builder.HasIndex(f => new { f.CycleId, f.AssistantId, f.Kind }).IsUnique();
    }
}
