using Longan.Appraisal.Core.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Longan.Appraisal.Core.Persistence.Configurations;

internal sealed class AppraisalCycleConfiguration : IEntityTypeConfiguration<AppraisalCycle>
{
    public void Configure(EntityTypeBuilder<AppraisalCycle> builder)
    {
        builder.HasIndex(c => c.Year).IsUnique();
        builder.Property(c => c.State).HasConversion<int>();
        builder.Ignore(c => c.IsCollecting);
        // The rules travel as one JSON document: a new rule is a new property with its default,
        // with no schema change; they are only ever read and written whole.
        builder.OwnsOne(c => c.Rules, rules => rules.ToJson());
        builder.HasMany(c => c.Transitions).WithOne().HasForeignKey(t => t.CycleId).OnDelete(DeleteBehavior.Cascade);
    }
}
