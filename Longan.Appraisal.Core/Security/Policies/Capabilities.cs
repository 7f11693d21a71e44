using Longan.Appraisal.Core.Domain.Entries;

namespace Longan.Appraisal.Core.Security.Policies;

/// <summary>
/// What a caller may do across the portal, read off the policies once, for pages and navigation to
/// offer exactly those tasks without deciding any rule themselves. Rows and records carry their
/// own rights (<see cref="Features.Entries.EntryRights"/>, a cycle's moves, a result's decision).
/// </summary>
/// <param name="WholeCounty">The caller's scope is the whole county (not one township).</param>
/// <param name="EntryKinds">The kinds of entry the caller adds, their own main task first.</param>
public sealed record Capabilities(
    bool BrowseMasterData,
    bool WholeCounty,
    bool ManageMasterData,
    bool ManageCycles,
    bool ComputeResults,
    bool ReadResults,
    bool ReadOwnResults,
    bool DecideOutcomes,
    bool ExportCandidates,
    bool ExportCollectedData,
    bool ImportWorkbooks,
    bool ViewProgress,
    bool BatchCards,
    bool BatchCountyCards,
    bool VerifyCards,
    bool ReadAppeals,
    bool AnswerAppeals,
    bool FileAppeals,
    bool ReadFollowUps,
    bool RecordFollowUps,
    bool ManageAccounts,
    bool ReadAudit,
    IReadOnlyList<EntryKind> EntryKinds,
    bool VerifyRecords,
    bool KeepAttendance,
    bool FileRecordsOnBehalf,
    bool RunBallotSessions)
{
    public static Capabilities Of(Caller caller) => new(
        BrowseMasterData: MasterDataPolicy.Can(caller, MasterDataOperation.Browse),
        WholeCounty: MasterDataPolicy.Can(caller, MasterDataOperation.Browse) && MasterDataPolicy.BrowsableTownship(caller) is null,
        ManageMasterData: MasterDataPolicy.Can(caller, MasterDataOperation.Manage),
        ManageCycles: CyclePolicy.Can(caller, CycleOperation.Create),
        ComputeResults: ResultPolicy.Can(caller, ResultOperation.Compute),
        ReadResults: ResultPolicy.Can(caller, ResultOperation.Read),
        ReadOwnResults: ResultPolicy.Can(caller, ResultOperation.ReadOwn),
        DecideOutcomes: ResultPolicy.Can(caller, ResultOperation.Decide),
        ExportCandidates: ResultPolicy.Can(caller, ResultOperation.ExportCandidates),
        ExportCollectedData: CyclePolicy.Can(caller, CycleOperation.ExportCollectedData),
        ImportWorkbooks: CyclePolicy.Can(caller, CycleOperation.Import),
        ViewProgress: CyclePolicy.Can(caller, CycleOperation.ViewProgress),
        BatchCards: CardPolicy.Can(caller, CardOperation.Batch, caller.TownshipId),
        BatchCountyCards: CardPolicy.Can(caller, CardOperation.Batch),
        VerifyCards: CardPolicy.Can(caller, CardOperation.Verify),
        ReadAppeals: AppealPolicy.Can(caller, AppealOperation.Read) && !AppealPolicy.Can(caller, AppealOperation.File),
        AnswerAppeals: AppealPolicy.Can(caller, AppealOperation.Answer),
        FileAppeals: AppealPolicy.Can(caller, AppealOperation.File),
        ReadFollowUps: FollowUpPolicy.Can(caller, FollowUpOperation.Read),
        RecordFollowUps: FollowUpPolicy.Can(caller, FollowUpOperation.Record),
        ManageAccounts: AdministrationPolicy.CanManageAccounts(caller),
        ReadAudit: AdministrationPolicy.CanReadAudit(caller),
        // A supervisor's own task, the five-elders records, first; the spec's order for the others.
        EntryKinds: Enum.GetValues<EntryKind>().Where(k => EntryPolicy.MayInOwnScope(caller, k, EntryOperation.Add))
            .OrderBy(k => EntryPolicy.FilesUnderOwnName(caller) && k == EntryKind.SupervisionRecord ? 0 : 1).ToList(),
        VerifyRecords: EntryPolicy.MayInOwnScope(caller, EntryKind.SupervisionRecord, EntryOperation.Verify),
        KeepAttendance: EntryPolicy.MayInOwnScope(caller, EntryKind.AttendanceMonth, EntryOperation.Add),
        FileRecordsOnBehalf: EntryPolicy.MayInOwnScope(caller, EntryKind.SupervisionRecord, EntryOperation.Add) && !EntryPolicy.FilesUnderOwnName(caller),
        RunBallotSessions: BallotSessionPolicy.Can(caller, BallotSessionOperation.Open, caller.TownshipId));

    /// <summary>Whether the caller enters any collected data at all (the entry pages).</summary>
    public bool EntersData => EntryKinds.Count > 0;
}
