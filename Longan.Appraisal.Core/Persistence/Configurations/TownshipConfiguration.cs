using Longan.Appraisal.Core.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Longan.Appraisal.Core.Persistence.Configurations;

internal sealed class TownshipConfiguration : IEntityTypeConfiguration<Township>
{
    public void Configure(EntityTypeBuilder<Township> builder)
    {
        builder.Property(t => t.Name).HasMaxLength(FieldLimits.Name).IsRequired();
        builder.HasIndex(t => t.Name).IsUnique();
    }
}
