using Longan.Appraisal.Core.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Longan.Appraisal.Core.Persistence.Configurations;

internal sealed class AssistantConfiguration : IEntityTypeConfiguration<Assistant>
{
    public void Configure(EntityTypeBuilder<Assistant> builder)
    {
        builder.Property(a => a.Code).HasMaxLength(FieldLimits.Code).IsRequired();
        builder.HasIndex(a => a.Code).IsUnique();
        builder.Property(a => a.Name).HasMaxLength(FieldLimits.Name).IsRequired();
        builder.HasIndex(a => a.Name);
        builder.Property(a => a.Gender).HasConversion<int?>();
        builder.Property(a => a.Ethnicity).HasMaxLength(FieldLimits.Short);
        builder.Property(a => a.PoliticalStatus).HasMaxLength(FieldLimits.Short);
        builder.Property(a => a.Education).HasMaxLength(FieldLimits.Short);
        builder.Property(a => a.SendingUnitAndPost).HasMaxLength(FieldLimits.Text);
        builder.Property(a => a.Phone).HasMaxLength(FieldLimits.Phone);
    }
}
