using System.Globalization;
using System.Resources;
using System.Runtime.CompilerServices;

namespace Longan.Appraisal.Core.Resources;

/// <summary>
/// Messages the services give users, from Messages.resx (Chinese, the default) and
/// Messages.en.resx. Each member's name is its resource key.
/// </summary>
public static class Messages
{
    private static readonly ResourceManager s_resources = new("Longan.Appraisal.Core.Resources.Messages", typeof(Messages).Assembly);

    /// <summary>The text of a key in the current UI culture; the key itself if missing (a test checks none is).</summary>
    public static string Get(string key) => s_resources.GetString(key, CultureInfo.CurrentUICulture) ?? key;

    private static string R([CallerMemberName] string key = "") => Get(key);

    /// <summary>A message looked up by key and formatted with its values (for texts composed elsewhere, e.g. explanations).</summary>
    public static string Format(string key, object[] args) => string.Format(CultureInfo.CurrentCulture, Get(key), args);

    private static string F(object?[] args, [CallerMemberName] string key = "") =>
        string.Format(CultureInfo.CurrentCulture, Get(key), args);

    // Access
    public static string OnlyCountyMayChangeMasterData => R();
    public static string NoAccessToMasterData => R();
    public static string NoAccessToTownship => R();
    public static string NoAccessToVillage => R();
    public static string NoAccessToAssistant => R();

    // Generic validation
    public static string FieldRequired(string label) => F([label]);
    public static string FieldTooLong(string label, int max) => F([label, max]);
    public static string NotPrintable(string label, string character) => F([label, character]);

    // Labels used inside messages
    public static string LabelTownship => R();
    public static string LabelTownshipName => R();
    public static string LabelVillage => R();
    public static string LabelVillageName => R();
    public static string LabelStationName => R();
    public static string LabelStationAddress => R();
    public static string LabelPhone => R();
    public static string LabelCode => R();
    public static string LabelName => R();
    public static string LabelEthnicity => R();
    public static string LabelPoliticalStatus => R();
    public static string LabelEducation => R();
    public static string LabelSendingUnit => R();
    public static string LabelAssistant => R();
    public static string LabelSuccessor => R();
    public static string LabelTermStart => R();
    public static string LabelEndDate => R();
    public static string LabelEndReason => R();
    public static string LabelSupervisorKind => R();
    public static string LabelUserName => R();
    public static string LabelDisplayName => R();
    public static string LabelRole => R();
    public static string LabelPassword => R();
    public static string LabelCurrentPassword => R();
    public static string LabelNewPassword => R();

    // Townships
    public static string TownshipNotFound => R();
    public static string TownshipNameTaken(string name) => F([name]);
    public static string TownshipHasVillages(string name, int count) => F([name, count]);
    public static string TownshipHasAccounts(string name) => F([name]);
    public static string TownshipHasActiveVillages(string name, int count) => F([name, count]);

    // Villages
    public static string VillageNotFound => R();
    public static string VillageNameTaken(string township, string name) => F([township, name]);
    public static string VillageHasPostings(string name) => F([name]);
    public static string VillageHasSupervisors(string name) => F([name]);
    public static string VillageHasCurrentAssistant(string name) => F([name]);
    public static string VillageHasNoCurrentAssistant(string name) => F([name]);
    public static string VillageInactive(string name) => F([name]);
    public static string VillageOccupied(string village, string assistant) => F([village, assistant]);

    // Assistants
    public static string AssistantNotFound => R();
    public static string CodeTaken(string code, string holder) => F([code, holder]);
    public static string CodeAmbiguous(string code, string holders) => F([code, holders]);
    public static string GenderInvalid => R();
    public static string BirthDateInFuture => R();
    public static string BirthDateTooEarly => R();
    public static string PhoneInvalid => R();
    public static string AssistantHasPostings(string name) => F([name]);
    public static string AssistantHasAccount(string name) => F([name]);
    public static string AssistantStillPosted(string name) => F([name]);
    public static string AssistantInactive(string name) => F([name]);
    public static string AssistantAlreadyPosted(string name, string village) => F([name, village]);

    // Postings
    public static string PostingNotFound => R();
    public static string PostingAlreadyEnded => R();
    public static string EndBeforeStart(DateOnly start) => F([start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)]);
    public static string ReplacementBeforeStart(DateOnly start) => F([start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)]);
    public static string PlannedEndNotAfterStart => R();
    public static string SuccessorIsCurrent => R();
    public static string StartNotAfterPreviousTerm(DateOnly lastDay) => F([lastDay.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)]);

    // Supervisors
    public static string SupervisorNotFound => R();
    public static string SupervisorHasAccount(string name) => F([name]);

    // Cycles
    public static string CycleNotFound => R();
    public static string CycleYearOutOfRange(int first, int last) => F([first, last]);
    public static string CycleYearTaken(int year) => F([year]);
    public static string CycleNotDeletable(int year) => F([year]);
    public static string RulesFrozen(int year) => F([year]);
    public static string TransitionNotAllowed(string from, string to) => F([from, to]);
    public static string ReopenNeedsReason => R();
    public static string RuleOutOfRange(string label, decimal min, decimal max) => F([label, min, max]);
    public static string WeightsMustSumTo100(decimal sum) => F([sum]);
    public static string VillagerPointsOrder => R();
    public static string CadrePointsOrder => R();
    public static string BandsOrder => R();
    public static string AtMostTwoDecimals(string label) => F([label]);
    public static string DissatisfiedCapNotAFraction => R();
    public static string PublishWithIncomplete(int count, string names) => F([count, names]);

    // Entries
    public static string EntryNotFound => R();
    public static string EntryChangedMeanwhile => R();
    public static string EntryNotCollecting(int year, string state) => F([year, state]);
    public static string EntryClosedForReview(int year) => F([year]);
    public static string AssistantNotServingInYear(string name, int year) => F([name, year]);
    public static string OnlyTownshipMayVerify => R();
    public static string OnlyOwnRecords => R();
    public static string EntryNotAllowed(string kind, string operation) => F([kind, operation]);
    public static string RecordAlreadyVerified => R();
    public static string CountOutOfRange(string label, int max) => F([label, max]);
    public static string TallyEmpty => R();
    public static string DutyScoreInvalid(string label, decimal max) => F([label, max]);
    public static string TicketTaken(string ticket) => F([ticket]);
    public static string RecordDateOutsideYear(int year) => F([year]);
    public static string RecordDateInFuture => R();
    public static string SeverityRequiredForIssue => R();
    public static string VerificationResultRequired => R();
    public static string RejectionNeedsNote => R();
    public static string MonthOutOfRange => R();
    public static string AttendanceDaysOutOfRange(int year, int month, int max) => F([year, month, max]);
    public static string LabelSatisfied => R();
    public static string LabelBasicallySatisfied => R();
    public static string LabelDissatisfied => R();
    public static string LabelInvalid => R();
    public static string LabelRound => R();
    public static string LabelComment => R();
    public static string LabelTicketNo => R();
    public static string LabelGrade => R();
    public static string LabelPolicyAdvocate => R();
    public static string LabelPublicOpinion => R();
    public static string LabelCivilAgent => R();
    public static string LabelDisputeMediator => R();
    public static string LabelPartyBuildingGuide => R();
    public static string LabelRecordDate => R();
    public static string LabelSupervisor => R();
    public static string LabelNature => R();
    public static string LabelCategory => R();
    public static string LabelDescription => R();
    public static string LabelVerificationNote => R();

    // Results
    public static string ComputeInDraft(int year) => F([year]);
    public static string NoResultsYet(int year) => F([year]);
    public static string ResultsFrozen(int year) => F([year]);
    public static string ResultVersionNotFound(int number) => F([number]);
    public static string PublishNeedsResults(int year) => F([year]);
    public static string PublishStale(int number) => F([number]);
    public static string OutcomeNotDecidable(string outcome) => F([outcome]);
    public static string LabelOverrideReason => R();
    public static string OverrideNeedsResult => R();
    public static string NoOverrideToWithdraw => R();
    public static string OverrideNote(string computed, string reason) => F([computed, reason]);
    public static string OutcomeNone => R();
    public static string RenormaliseNeedsReason => R();
    public static string RenormaliseInDraft => R();
    public static string RenormaliseSwitchedOn => R();
    public static string RenormaliseSwitchedOff => R();
    public static string CardNotPublished => R();
    public static string CardNoResult => R();
    public static string CardBatchNothingComputed => R();
    public static string CardBatchNobody => R();
    public static string CardNoSuchAssistant(string code) => F([code]);
    public static string ImportTallyEmpty => R();
    public static string FollowUpDateBeforePublication(string published) => F([published]);
    public static string AuditCheckpointInvalid => R();
    public static string AuditCheckpointMissing(long record, long records) => F([record, records]);
    public static string AuditCheckpointChanged(long record) => F([record]);
    public static string CardCodeRequired => R();
    public static string CardCodeLength(int length) => F([length]);
    public static string CardCodeBadCharacter(string character) => F([character]);
    public static string AuditRecordMissing(long expected, long found) => F([expected, found]);
    public static string AuditLinkBroken => R();
    public static string AuditContentChanged => R();
    public static string AuditOnlyCounty => R();

    // Appeals
    public static string AppealOnlyAssistant => R();
    public static string AppealNotPublished => R();
    public static string AppealWindowClosed(string deadline) => F([deadline]);
    public static string AppealAlreadyOpen => R();
    public static string AppealNotFound => R();
    public static string AppealAlreadyAnswered => R();
    public static string AppealAdjustNeedsNewVersion(int version) => F([version]);
    public static string AppealReviewNeedsPublished => R();
    public static string AppealOncePerVersion(int version) => F([version]);
    public static string AppealAdjustUnchanged(int version) => F([version]);
    public static string AppealAssistantNotInVersion(int version) => F([version]);
    public static string LabelAppealReason => R();
    public static string LabelAppealAnswer => R();

    // Decisions follow-up
    public static string FollowUpNotFound => R();
    public static string FollowUpAlreadyDone => R();
    public static string FollowUpReplacementThroughPostings => R();
    public static string FollowUpNoCurrentPosting(string name) => F([name]);
    public static string FollowUpDateInFuture => R();
    public static string PostingChangedMeanwhile(string village) => F([village]);
    public static string LabelFollowUpDate => R();
    public static string LabelTalkBy => R();
    public static string LabelNoticeReference => R();
    public static string FollowUpChooseAccepted => R();
    public static string LabelFollowUpReason => R();
    public static string LabelFollowUpNotes => R();

    // Workbooks
    public static string FileNotXlsx => R();
    public static string FileTooLarge(long megabytes) => F([megabytes]);
    public static string FileDamaged => R();
    public static string FileTooManyRows(int rows) => F([rows]);

    public static string RosterTooManyRows(int rows, int max) => F([rows, max]);
    public static string FileTooManyParts(int parts, int limit) => F([parts, limit]);
    public static string FilePartTooLarge(string part, long megabytes, long limit) => F([part, megabytes, limit]);
    public static string FilePartRatio(string part, long ratio, int limit) => F([part, ratio, limit]);
    public static string FileUnpackedTooLarge(long megabytes, long limit) => F([megabytes, limit]);
    public static string FileTooManyCells(long cells) => F([cells]);
    public static string FileTooManySheets(int sheets) => F([sheets]);
    public static string FileTooComplex => R();

    public static string FileCellTooLong(int characters) => F([characters]);
    public static string FileHasNoKnownSheet(string sheets) => F([sheets]);
    public static string FileHasNoRows => R();
    public static string FileAlreadyImported(string when, string who) => F([when, who]);
    public static string SheetHeadersMissing(string headers) => F([headers]);
    public static string CellRequired(string header) => F([header]);
    public static string CellNotWholeNumber(int min, int max) => F([min, max]);
    public static string CellNotNumber => R();
    public static string CellNotDate => R();
    public static string CellNoSuchDate => R();
    public static string CellNotMonth => R();
    public static string CellNotAChoice(string choices) => F([choices]);
    public static string UnknownAssistantCode(int year) => F([year]);
    public static string AssistantOutsideTownship => R();
    public static string RepeatedInFile => R();
    public static string AttendanceAlreadyRecorded => R();
    public static string OnlyCountyOrTownshipImports => R();

    // Accounts
    public static string AccountNotFound => R();
    public static string CannotDeactivateSelf => R();
    public static string CannotDemoteSelf => R();
    public static string ScopeTownshipRequired => R();
    public static string ScopeSupervisorRequired => R();
    public static string ScopeAssistantRequired => R();
    public static string UserNameTaken(string userName) => F([userName]);
    public static string UserNameInvalid => R();
    public static string PasswordTooLong(int length) => F([length]);
    public static string PasswordTooShort(int length) => F([length]);
    public static string PasswordTooSimple(int uniqueChars) => F([uniqueChars]);
    public static string CurrentPasswordWrong => R();
    public static string ConcurrencyFailure => R();
    public static string UnexpectedAccountError => R();

    // Phone ballots (spec §11)
    public static string BallotSessionAssistantNotAppraised(int year) => F([year]);
    public static string BallotSessionAssistantRequired => R();
    public static string BallotSessionCodeCount(int max) => F([max]);
    public static string BallotSessionGroupRequired => R();
    public static string BallotSessionNeedsCollecting(int year) => F([year]);
    public static string BallotSessionNotFound(int id) => F([id]);
    public static string BallotSessionOneTownship => R();
    public static string BallotSessionVillagersOneAssistant => R();
    public static string BallotSessionVoidNeedsCollecting(int year) => F([year]);
    public static string BallotSessionVoided(int id) => F([id]);
    public static string BallotSessionNothingToKeep(int id) => F([id]);
    public static string PhoneEntryFixed(int session) => F([session]);
    public static string BallotSessionWindowOrder => R();
    public static string BallotSessionWindowTooLong(int days) => F([days]);
    public static string LabelSessionPlace => R();
    public static string LabelVoidReason => R();
    public static string PhoneVoteChooseOne => R();
    public static string AppealReasonTooShort(int min) => F([min]);
    public static string AttendanceMonthNotYet(int year, int month) => F([year, month]);
    public static string AttendanceMonthBeforePosting(string name, DateOnly servedFrom, int month) => F([name, servedFrom, month]);
    public static string PhoneVoteGradeEach => R();

    // Backups (admin verb backup)
    public static string BackupTargetExists(string path) => F([path]);
    public static string BackupInMemoryDatabase => R();
    public static string BackupToolMissing(string tool, string where) => F([tool, where]);
    public static string BackupToolFailed(string tool, int exitCode, string report) => F([tool, exitCode, report]);
    public static string BackupToolVersionMismatch => R();
    public static string BackupCheckFailed(string problem) => F([problem]);
    public static string BackupIntegrityProblems(int count, string problems) => F([count, problems]);
    public static string BackupMissingMigrations(string migrations) => F([migrations]);
    public static string BackupMissingTableData(string tables) => F([tables]);
    public static string BackupSqliteChecked(int migrations) => F([migrations]);
    public static string BackupPostgreSqlChecked(int entries, int tables, int migrations) => F([entries, tables, migrations]);
    public static string BackupReplaceFailed(string path, string reason) => F([path, reason]);
    public static string BackupCopyFailed(string reason) => F([reason]);
}
