using Longan.Appraisal.Core.Domain;
using Longan.Appraisal.Core.Domain.Ballots;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Longan.Appraisal.Core.Persistence.Configurations;

internal sealed class BallotSessionConfiguration : IEntityTypeConfiguration<BallotSession>
{
    private static readonly Microsoft.EntityFrameworkCore.Storage.ValueConversion.ValueConverter<DateTimeOffset, long> UtcTicks =
        new(at => at.UtcTicks, ticks => new DateTimeOffset(ticks, TimeSpan.Zero));

    public void Configure(EntityTypeBuilder<BallotSession> builder)
    {
        builder.HasOne<AppraisalCycle>().WithMany().HasForeignKey(s => s.CycleId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Township>().WithMany().HasForeignKey(s => s.TownshipId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(s => s.Group).HasConversion<int>();
        builder.Property(s => s.Place).HasMaxLength(FieldLimits.Name).IsRequired();
        builder.Property(s => s.VoidReason).HasMaxLength(FieldLimits.Comment);
        builder.Property(s => s.OpenedBy).HasMaxLength(FieldLimits.Name).IsRequired();
        builder.Property(s => s.FlagsCheckedBy).HasMaxLength(FieldLimits.Name);
        builder.Ignore(s => s.EndsAt);
        // UTC ticks: the window is compared in SQL (which sessions are open, which are due to be counted).
        foreach (var moment in new[] { nameof(BallotSession.OpensAt), nameof(BallotSession.ClosesAt), nameof(BallotSession.ClosedAt),
                     nameof(BallotSession.CountedAt), nameof(BallotSession.VoidedAt), nameof(BallotSession.CreatedAt), nameof(BallotSession.FlagsCheckedAt) })
        {
            builder.Property(moment).HasConversion(UtcTicks);
        }
        builder.HasMany(s => s.Assistants).WithOne().HasForeignKey(a => a.SessionId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(s => new { s.CycleId, s.TownshipId });
    }
}

internal sealed class BallotSessionAssistantConfiguration : IEntityTypeConfiguration<BallotSessionAssistant>
{
    public void Configure(EntityTypeBuilder<BallotSessionAssistant> builder)
    {
        builder.ToTable("BallotSessionAssistants");
        builder.HasKey(a => new { a.SessionId, a.AssistantId });
        builder.HasOne(a => a.Assistant).WithMany().HasForeignKey(a => a.AssistantId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class BallotCodeConfiguration : IEntityTypeConfiguration<BallotCode>
{
    public void Configure(EntityTypeBuilder<BallotCode> builder)
    {
        builder.HasOne<BallotSession>().WithMany().HasForeignKey(c => c.SessionId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(c => c.Hash).HasMaxLength(32).IsRequired();
        builder.HasIndex(c => c.Hash).IsUnique();
    }
}

internal sealed class PhoneBallotConfiguration : IEntityTypeConfiguration<PhoneBallot>
{
    public void Configure(EntityTypeBuilder<PhoneBallot> builder)
    {
        builder.HasOne<BallotSession>().WithMany().HasForeignKey(b => b.SessionId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(b => b.Choices).HasMaxLength(FieldLimits.Text);
        builder.Property(b => b.Comments).HasMaxLength(PhoneBallotLimits.Comments);
        builder.HasIndex(b => new { b.SessionId, b.Cast });
    }
}

/// <summary>A phone vote's comments: up to <see cref="PerComment"/> characters for each assistant a session may cover.</summary>
public static class PhoneBallotLimits
{
    public const int PerComment = 200;
    public const int Comments = 4000;
}
