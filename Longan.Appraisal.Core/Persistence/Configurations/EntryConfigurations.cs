using Longan.Appraisal.Core.Domain;
using Longan.Appraisal.Core.Domain.Entries;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Longan.Appraisal.Core.Persistence.Configurations;

/// <summary>What all collected entries share: the cycle, the assistant, the version that guards concurrent edits.</summary>
internal static class EntryConfiguration
{
    public static void ConfigureEntry<T>(EntityTypeBuilder<T> builder) where T : Entry
    {
        builder.HasOne<AppraisalCycle>().WithMany().HasForeignKey(e => e.CycleId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(e => e.Assistant).WithMany().HasForeignKey(e => e.AssistantId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(e => e.Version).IsConcurrencyToken();
        builder.Property(e => e.EnteredBy).HasMaxLength(64);
        builder.HasIndex(e => new { e.CycleId, e.AssistantId });
        builder.HasIndex(e => e.ImportId);
    }
}

internal sealed class VillagerTallyConfiguration : IEntityTypeConfiguration<VillagerTally>
{
    public void Configure(EntityTypeBuilder<VillagerTally> builder)
    {
        EntryConfiguration.ConfigureEntry(builder);
        builder.Ignore(t => t.Counted);
        builder.Property(t => t.Round).HasMaxLength(FieldLimits.Name);
        builder.Property(t => t.Comment).HasMaxLength(FieldLimits.Comment);
        builder.HasOne<Domain.Ballots.BallotSession>().WithMany().HasForeignKey(t => t.BallotSessionId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(t => t.PhoneComments).WithOne().HasForeignKey(c => c.TallyId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class PartyBallotConfiguration : IEntityTypeConfiguration<PartyBallot>
{
    public void Configure(EntityTypeBuilder<PartyBallot> builder)
    {
        EntryConfiguration.ConfigureEntry(builder);
        builder.Ignore(b => b.Total);
        builder.Property(b => b.TicketNo).HasMaxLength(FieldLimits.Short);
        builder.Property(b => b.Comment).HasMaxLength(FieldLimits.Comment);
        builder.HasIndex(b => new { b.CycleId, b.AssistantId, b.TicketNo }).IsUnique().HasFilter("\"TicketNo\" IS NOT NULL");
    }
}

internal sealed class CadreBallotConfiguration : IEntityTypeConfiguration<CadreBallot>
{
    public void Configure(EntityTypeBuilder<CadreBallot> builder)
    {
        EntryConfiguration.ConfigureEntry(builder);
        builder.Property(b => b.Grade).HasConversion<int>();
        builder.Property(b => b.TicketNo).HasMaxLength(FieldLimits.Short);
        builder.Property(b => b.Comment).HasMaxLength(FieldLimits.Comment);
        builder.HasOne<Domain.Ballots.BallotSession>().WithMany().HasForeignKey(b => b.BallotSessionId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(b => new { b.CycleId, b.AssistantId, b.TicketNo }).IsUnique().HasFilter("\"TicketNo\" IS NOT NULL");
    }
}

internal sealed class SupervisionRecordConfiguration : IEntityTypeConfiguration<SupervisionRecord>
{
    public void Configure(EntityTypeBuilder<SupervisionRecord> builder)
    {
        EntryConfiguration.ConfigureEntry(builder);
        builder.Property(r => r.SupervisorName).HasMaxLength(FieldLimits.Name).IsRequired();
        builder.HasOne<Supervisor>().WithMany().HasForeignKey(r => r.SupervisorId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(r => r.Nature).HasConversion<int>();
        builder.Property(r => r.Category).HasConversion<int>();
        builder.Property(r => r.Severity).HasConversion<int?>();
        builder.Property(r => r.Verification).HasConversion<int>();
        builder.Property(r => r.Description).HasMaxLength(FieldLimits.Comment).IsRequired();
        builder.Property(r => r.VerificationNote).HasMaxLength(FieldLimits.Text);
        builder.Property(r => r.VerifiedBy).HasMaxLength(FieldLimits.Name);
        builder.Property(r => r.FiledBy).HasMaxLength(FieldLimits.Name);
        builder.HasIndex(r => new { r.CycleId, r.Verification });
    }
}

internal sealed class AttendanceMonthConfiguration : IEntityTypeConfiguration<AttendanceMonth>
{
    public void Configure(EntityTypeBuilder<AttendanceMonth> builder)
    {
        EntryConfiguration.ConfigureEntry(builder);
        builder.HasIndex(a => new { a.CycleId, a.AssistantId, a.Month }).IsUnique();
    }
}

internal sealed class EntryChangeConfiguration : IEntityTypeConfiguration<EntryChange>
{
    public void Configure(EntityTypeBuilder<EntryChange> builder)
    {
        builder.Property(c => c.EntryKind).HasMaxLength(40);
        builder.Property(c => c.Action).HasMaxLength(20);
        builder.Property(c => c.ByUserId).HasMaxLength(64);
        builder.Property(c => c.ByUserName).HasMaxLength(FieldLimits.Name);
        builder.HasIndex(c => new { c.CycleId, c.EntryKind, c.EntryId });
    }
}

internal sealed class ImportBatchConfiguration : IEntityTypeConfiguration<ImportBatch>
{
    public void Configure(EntityTypeBuilder<ImportBatch> builder)
    {
        builder.Property(b => b.Kind).HasMaxLength(20);
        builder.Property(b => b.FileName).HasMaxLength(FieldLimits.Text);
        builder.Property(b => b.ContentHash).HasMaxLength(64);
        builder.Property(b => b.ImportedBy).HasMaxLength(FieldLimits.Name);
        builder.HasIndex(b => new { b.CycleId, b.Kind, b.ContentHash }).IsUnique();
        builder.HasOne<AppraisalCycle>().WithMany().HasForeignKey(b => b.CycleId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ResultVersionConfiguration : IEntityTypeConfiguration<Domain.Results.ResultVersion>
{
    public void Configure(EntityTypeBuilder<Domain.Results.ResultVersion> builder)
    {
        builder.Property(v => v.Fingerprint).HasMaxLength(64);
        builder.Property(v => v.ComputedBy).HasMaxLength(FieldLimits.Name);
        builder.Property(v => v.CountyAverages).HasMaxLength(400);
        builder.HasIndex(v => new { v.CycleId, v.Number }).IsUnique();
        builder.HasOne<AppraisalCycle>().WithMany().HasForeignKey(v => v.CycleId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(v => v.Results).WithOne().HasForeignKey(r => r.ResultVersionId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class StoredResultConfiguration : IEntityTypeConfiguration<Domain.Results.StoredResult>
{
    public void Configure(EntityTypeBuilder<Domain.Results.StoredResult> builder)
    {
        builder.HasIndex(r => new { r.ResultVersionId, r.AssistantId }).IsUnique();
        builder.HasOne<Assistant>().WithMany().HasForeignKey(r => r.AssistantId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(r => r.Outcomes).HasMaxLength(40);
    }
}

internal sealed class OutcomeOverrideConfiguration : IEntityTypeConfiguration<Domain.Results.OutcomeOverride>
{
    public void Configure(EntityTypeBuilder<Domain.Results.OutcomeOverride> builder)
    {
        builder.Property(o => o.Outcomes).HasMaxLength(40);
        builder.Property(o => o.Reason).HasMaxLength(FieldLimits.Comment);
        builder.Property(o => o.ByUserId).HasMaxLength(64);
        builder.Property(o => o.ByUserName).HasMaxLength(FieldLimits.Name);
        builder.HasIndex(o => new { o.CycleId, o.AssistantId, o.Id });
        builder.HasOne<AppraisalCycle>().WithMany().HasForeignKey(o => o.CycleId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Assistant>().WithMany().HasForeignKey(o => o.AssistantId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class TallyCommentConfiguration : IEntityTypeConfiguration<TallyComment>
{
    public void Configure(EntityTypeBuilder<TallyComment> builder)
    {
        builder.ToTable("TallyComments");
        builder.Property(c => c.Text).HasMaxLength(FieldLimits.Comment).IsRequired();
    }
}
