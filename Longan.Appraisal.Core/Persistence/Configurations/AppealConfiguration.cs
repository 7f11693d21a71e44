using Longan.Appraisal.Core.Domain;
using Longan.Appraisal.Core.Domain.Appeals;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Longan.Appraisal.Core.Persistence.Configurations;

public sealed class AppealConfiguration : IEntityTypeConfiguration<Appeal>
{
    public void Configure(EntityTypeBuilder<Appeal> builder)
    {
        builder.Property(a => a.Status).HasConversion<int>();
        builder.Property(a => a.Reason).HasMaxLength(FieldLimits.Comment);
        builder.Property(a => a.Answer).HasMaxLength(FieldLimits.Comment);
        builder.Property(a => a.FiledBy).HasMaxLength(FieldLimits.Name);
        builder.Property(a => a.AnsweredBy).HasMaxLength(FieldLimits.Name);
        builder.HasOne<AppraisalCycle>().WithMany().HasForeignKey(a => a.CycleId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Assistant>().WithMany().HasForeignKey(a => a.AssistantId).OnDelete(DeleteBehavior.Restrict);
        // A published version is appealed once (two tabs or a double click cannot file two).
        builder.HasIndex(a => new { a.CycleId, a.AssistantId, a.VersionNumber }).IsUnique();
        builder.HasIndex(a => a.Status);
        builder.Ignore(a => a.IsOpen);
    }
}
