using Longan.Appraisal.Core.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Longan.Appraisal.Core.Persistence.Configurations;

internal sealed class VillageConfiguration : IEntityTypeConfiguration<Village>
{
    public void Configure(EntityTypeBuilder<Village> builder)
    {
        builder.Property(v => v.Name).HasMaxLength(FieldLimits.Name).IsRequired();
        builder.Property(v => v.StationName).HasMaxLength(FieldLimits.Name);
        builder.Property(v => v.StationAddress).HasMaxLength(FieldLimits.Text);
        builder.Property(v => v.StationPhone).HasMaxLength(FieldLimits.Phone);
        builder.HasIndex(v => new { v.TownshipId, v.Name }).IsUnique();
        builder.HasOne(v => v.Township).WithMany(t => t.Villages).HasForeignKey(v => v.TownshipId)
            .OnDelete(DeleteBehavior.Restrict);
    }
}
