using Longan.Appraisal.Core.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Longan.Appraisal.Core.Persistence.Configurations;

internal sealed class SupervisorConfiguration : IEntityTypeConfiguration<Supervisor>
{
    public void Configure(EntityTypeBuilder<Supervisor> builder)
    {
        builder.Property(s => s.Name).HasMaxLength(FieldLimits.Name).IsRequired();
        builder.Property(s => s.Kind).HasConversion<int>();
        builder.Property(s => s.Phone).HasMaxLength(FieldLimits.Phone);
        builder.HasIndex(s => new { s.VillageId, s.Name });
        builder.HasOne(s => s.Village).WithMany(v => v.Supervisors).HasForeignKey(s => s.VillageId)
            .OnDelete(DeleteBehavior.Restrict);
    }
}
