using Longan.Appraisal.Core.Features.Accounts;
using Longan.Appraisal.Core.Features.Assistants;
using Longan.Appraisal.Core.Features.Attendance;
using Longan.Appraisal.Core.Features.Collection;
using Longan.Appraisal.Core.Features.Cycles;
using Longan.Appraisal.Core.Features.Evaluations;
using Longan.Appraisal.Core.Features.Imports;
using Longan.Appraisal.Core.Features.Results;
using Longan.Appraisal.Core.Features.Supervision;
using Longan.Appraisal.Core.Features.Postings;
using Longan.Appraisal.Core.Features.Supervisors;
using Longan.Appraisal.Core.Features.Townships;
using Longan.Appraisal.Core.Features.Villages;
using Longan.Appraisal.Core.Persistence;
using Longan.Appraisal.Core.Persistence.Seeding;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;

namespace Longan.Appraisal.Core;

public static class AppraisalCoreServices
{
    /// <summary>The Data Protection application name every node shares (keys and payloads are isolated by it).</summary>
    public const string DataProtectionApplicationName = "Longan.Appraisal";

    /// <summary>The same on an SQLite connection string (tests, benchmarks).</summary>
    public static IServiceCollection AddAppraisalCore(this IServiceCollection services, string sqliteConnectionString) =>
        services.AddAppraisalCore(DatabaseSettings.Sqlite(sqliteConnectionString));

    /// <summary>The database, Identity's stores and every feature service; shared by the web host and the admin verbs.</summary>
    public static IServiceCollection AddAppraisalCore(this IServiceCollection services, DatabaseSettings database)
    {
        services.AddAppraisalDatabase(database);
        // One key ring for every portal node, in the shared database, under one application name: a
        // sign-in cookie, an antiforgery token or a sealed prepared file made on one node opens on
        // any other. (The keys lie in the database unencrypted, like its data: whoever holds a copy
        // of the whole database holds the keys too.)
        services.AddDataProtection().SetApplicationName(DataProtectionApplicationName).PersistKeysToDbContext<AppraisalDbContext>();
        services.AddAppraisalIdentityCore();
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<TownshipService>();
        services.AddSingleton<VillageService>();
        services.AddSingleton<AssistantService>();
        services.AddSingleton<PostingService>();
        services.AddSingleton<SupervisorService>();
        services.AddSingleton<AccountService>();
        services.AddOptions<SignInLimits>();
        services.AddOptions<Features.Ballots.VoteLimits>();
        services.AddSingleton<SessionService>();
        services.AddSingleton<Features.Ballots.BallotSessionService>();
        services.AddSingleton<Features.Ballots.PhoneVoteService>();
        services.AddSingleton<SignInService>();
        services.AddSingleton<Features.Downloads.PreparedFileService>();
        services.AddSingleton<CycleService>();
        services.AddSingleton<VillagerTallyService>();
        services.AddSingleton<PartyBallotService>();
        services.AddSingleton<CadreBallotService>();
        services.AddSingleton<SupervisionService>();
        services.AddSingleton<AttendanceService>();
        services.AddSingleton<CollectionProgressService>();
        services.AddSingleton<BallotImportService>();
        services.AddSingleton<RosterImportService>();
        services.AddSingleton<ResultService>();
        services.AddSingleton<ResultExportService>();
        services.AddSingleton<CandidateExportService>();
        services.AddSingleton<Features.Workbooks.CycleWorkbookService>();
        services.AddSingleton<ResultQueryService>();
        services.AddSingleton<OutcomeOverrideService>();
        services.AddSingleton<Features.Cards.ReportCardService>();
        services.AddSingleton<Features.Cards.CardVerificationService>();
        services.AddSingleton<Features.Audit.AuditService>();
        services.AddSingleton<Features.Appeals.AppealService>();
        services.AddSingleton<Features.FollowUps.FollowUpService>();
        services.AddSingleton<Features.Work.WorkService>();
        services.AddSingleton<DemoCountySeeder>();
        services.AddSingleton<SyntheticCounty>();
        services.AddOptions<Persistence.Backups.BackupOptions>();
        services.AddSingleton<Persistence.Backups.DatabaseBackup>();
        return services;
    }
}
