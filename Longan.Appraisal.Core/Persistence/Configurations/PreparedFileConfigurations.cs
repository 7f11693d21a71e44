using Longan.Appraisal.Core.Domain.Downloads;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Longan.Appraisal.Core.Persistence.Configurations;

internal sealed class PreparedFileConfiguration : IEntityTypeConfiguration<PreparedFile>
{
    public void Configure(EntityTypeBuilder<PreparedFile> builder)
    {
        builder.ToTable("PreparedFiles");
        builder.HasKey(f => f.Token);
        builder.Property(f => f.Token).HasMaxLength(32);
        builder.Property(f => f.UserId).HasMaxLength(64);
        builder.Property(f => f.FileName).HasMaxLength(200);
        builder.Property(f => f.ContentType).HasMaxLength(100);
        // UTC ticks: comparable in SQL on both providers (expired files are swept by it).
        builder.Property(f => f.Expires).HasConversion(at => at.UtcTicks, ticks => new DateTimeOffset(ticks, TimeSpan.Zero));
        builder.HasIndex(f => f.Expires);
        builder.HasMany<PreparedFileChunk>().WithOne().HasForeignKey(c => c.Token).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class PreparedFileChunkConfiguration : IEntityTypeConfiguration<PreparedFileChunk>
{
    public void Configure(EntityTypeBuilder<PreparedFileChunk> builder)
    {
        builder.ToTable("PreparedFileChunks");
        builder.HasKey(c => new { c.Token, c.Index });
        builder.Property(c => c.Token).HasMaxLength(32);
    }
}
