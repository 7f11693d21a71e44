using Longan.Appraisal.Core.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Longan.Appraisal.Core.Persistence.Configurations;

internal sealed class CycleTransitionConfiguration : IEntityTypeConfiguration<CycleTransition>
{
    public void Configure(EntityTypeBuilder<CycleTransition> builder)
    {
        builder.Property(t => t.From).HasConversion<int>();
        builder.Property(t => t.To).HasConversion<int>();
        builder.Property(t => t.Reason).HasMaxLength(FieldLimits.Text);
        builder.Property(t => t.ByUserId).HasMaxLength(64);
        builder.Property(t => t.ByUserName).HasMaxLength(FieldLimits.Name);
    }
}
