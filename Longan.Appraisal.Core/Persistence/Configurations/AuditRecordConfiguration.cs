using Longan.Appraisal.Core.Domain.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Longan.Appraisal.Core.Persistence.Configurations;

public sealed class AuditRecordConfiguration : IEntityTypeConfiguration<AuditRecord>
{
    public void Configure(EntityTypeBuilder<AuditRecord> builder)
    {
        builder.ToTable("AuditRecords");
        // Numbered by the chain, not by the database: the number is part of the hash.
        builder.Property(a => a.Id).ValueGeneratedNever();
        // UTC ticks: exact (the time is part of the hash) and comparable in SQL.
        builder.Property(a => a.At).HasConversion(at => at.UtcTicks, ticks => new DateTimeOffset(ticks, TimeSpan.Zero));
        builder.Property(a => a.Role).HasConversion<int?>();
        builder.Property(a => a.Action).HasConversion<int>();
        builder.Property(a => a.Actor).HasMaxLength(256);
        builder.Property(a => a.Subject).HasMaxLength(200);
        builder.Property(a => a.SubjectKey).HasMaxLength(200);
        builder.Property(a => a.PreviousHash).HasMaxLength(64);
        builder.Property(a => a.Hash).HasMaxLength(64);
        builder.HasIndex(a => a.At);
        builder.HasIndex(a => new { a.Subject, a.SubjectKey });
    }
}
