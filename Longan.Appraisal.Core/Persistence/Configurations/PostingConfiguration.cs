using Longan.Appraisal.Core.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Longan.Appraisal.Core.Persistence.Configurations;

internal sealed class PostingConfiguration : IEntityTypeConfiguration<Posting>
{
    public void Configure(EntityTypeBuilder<Posting> builder)
    {
        builder.Ignore(p => p.IsCurrent);
        builder.Property(p => p.EndReason).HasMaxLength(FieldLimits.Text);
        builder.HasOne(p => p.Assistant).WithMany(a => a.Postings).HasForeignKey(p => p.AssistantId)
            .OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(p => p.Village).WithMany(v => v.Postings).HasForeignKey(p => p.VillageId)
            .OnDelete(DeleteBehavior.Restrict);
        // One assistant per village at a time, one village per assistant at a time (spec §1):
        // the database keeps the rule even if two offices post at the same moment.
        builder.HasIndex(p => p.VillageId).IsUnique().HasFilter("\"EndedOn\" IS NULL")
            .HasDatabaseName("IX_Postings_VillageId_Current");
        builder.HasIndex(p => p.AssistantId).IsUnique().HasFilter("\"EndedOn\" IS NULL")
            .HasDatabaseName("IX_Postings_AssistantId_Current");
    }
}
