using Longan.Appraisal.Core.Domain;
using Longan.Appraisal.Core.Domain.Entries;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace Longan.Appraisal.Core.Persistence;

/// <summary>The appraisal database: master data and the Identity accounts, in one SQLite file by default.</summary>
public sealed class AppraisalDbContext(DbContextOptions<AppraisalDbContext> options)
    : IdentityUserContext<AppUser>(options)
{
    public DbSet<Township> Townships => Set<Township>();
    public DbSet<Village> Villages => Set<Village>();
    public DbSet<Assistant> Assistants => Set<Assistant>();
    public DbSet<Posting> Postings => Set<Posting>();
    public DbSet<Supervisor> Supervisors => Set<Supervisor>();
    public DbSet<AppraisalCycle> Cycles => Set<AppraisalCycle>();
    public DbSet<CycleTransition> CycleTransitions => Set<CycleTransition>();
    public DbSet<VillagerTally> VillagerTallies => Set<VillagerTally>();
    public DbSet<PartyBallot> PartyBallots => Set<PartyBallot>();
    public DbSet<CadreBallot> CadreBallots => Set<CadreBallot>();
    public DbSet<SupervisionRecord> SupervisionRecords => Set<SupervisionRecord>();
    public DbSet<AttendanceMonth> AttendanceMonths => Set<AttendanceMonth>();
    public DbSet<EntryChange> EntryChanges => Set<EntryChange>();
    public DbSet<ImportBatch> ImportBatches => Set<ImportBatch>();
    public DbSet<Domain.Results.ResultVersion> ResultVersions => Set<Domain.Results.ResultVersion>();
    public DbSet<Domain.Results.StoredResult> StoredResults => Set<Domain.Results.StoredResult>();
    public DbSet<Domain.Results.OutcomeOverride> OutcomeOverrides => Set<Domain.Results.OutcomeOverride>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(AppraisalDbContext).Assembly);
    }
}
