using Longan.Appraisal.Core.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Longan.Appraisal.Core.Persistence.Configurations;

internal sealed class AppUserConfiguration : IEntityTypeConfiguration<AppUser>
{
    public void Configure(EntityTypeBuilder<AppUser> builder)
    {
        builder.Property(u => u.DisplayName).HasMaxLength(FieldLimits.Name).IsRequired();
        builder.Property(u => u.Role).HasConversion<int>();
        builder.HasOne(u => u.Township).WithMany().HasForeignKey(u => u.TownshipId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(u => u.Supervisor).WithMany().HasForeignKey(u => u.SupervisorId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(u => u.Assistant).WithMany().HasForeignKey(u => u.AssistantId).OnDelete(DeleteBehavior.Restrict);
    }
}
