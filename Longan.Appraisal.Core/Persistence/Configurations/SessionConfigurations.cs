using Longan.Appraisal.Core.Domain;
using Longan.Appraisal.Core.Domain.Sessions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Longan.Appraisal.Core.Persistence.Configurations;

internal sealed class SignInSessionConfiguration : IEntityTypeConfiguration<SignInSession>
{
    public void Configure(EntityTypeBuilder<SignInSession> builder)
    {
        builder.ToTable("SignInSessions");
        builder.HasKey(s => s.IdHash);
        builder.Property(s => s.IdHash).HasMaxLength(64);
        builder.Property(s => s.UserId).HasMaxLength(64);
        builder.Property(s => s.SecurityStamp).HasMaxLength(256);
        // UTC ticks: comparable in SQL (old sessions are swept by their start).
        builder.Property(s => s.StartedAt).HasConversion(at => at.UtcTicks, ticks => new DateTimeOffset(ticks, TimeSpan.Zero));
        builder.HasOne<AppUser>().WithMany().HasForeignKey(s => s.UserId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(s => s.UserId);
        builder.HasIndex(s => s.StartedAt);
    }
}

internal sealed class FailedSignInConfiguration : IEntityTypeConfiguration<FailedSignIn>
{
    public void Configure(EntityTypeBuilder<FailedSignIn> builder)
    {
        builder.ToTable("FailedSignIns");
        builder.Property(f => f.Address).HasMaxLength(64);
        builder.Property(f => f.At).HasConversion(at => at.UtcTicks, ticks => new DateTimeOffset(ticks, TimeSpan.Zero));
        builder.HasIndex(f => new { f.Address, f.At });
        builder.HasIndex(f => f.At);
    }
}

internal sealed class SignInAttemptConfiguration : IEntityTypeConfiguration<SignInAttempt>
{
    public void Configure(EntityTypeBuilder<SignInAttempt> builder)
    {
        builder.ToTable("SignInAttempts");
        builder.Property(a => a.Address).HasMaxLength(64);
        builder.Property(a => a.At).HasConversion(at => at.UtcTicks, ticks => new DateTimeOffset(ticks, TimeSpan.Zero));
        builder.HasIndex(a => new { a.Address, a.At });
        builder.HasIndex(a => a.At);
    }
}
