using Longan.Appraisal.Core.Domain;
using Longan.Appraisal.Core.Domain.Entries;
using Longan.Appraisal.Core.Resources;

namespace Longan.Appraisal.Core.Security.Policies;

/// <summary>
/// Who may do what with collected entries — exactly the table of spec §1 (who enters and changes
/// what while a cycle is collecting) — and when (§2: in review only 组织部 corrects). Every way in
/// asks it: the entry services, the workbook import, the pages through the capabilities the
/// services hand them.
/// </summary>
/// <remarks>
/// | entry | 组织部 | 乡镇党委 (own villages) | 五老监督员 (own village) |
/// |---|---|---|---|
/// | 群众评议 | all | add, change, delete | add; change or delete only their own |
/// | 党组织评议, 党员干部评议 | all | add, change, delete | – |
/// | 五老监督 | all | add, verify, change the verdict | add; change or delete only their own while 待核实 |
/// | 驻村考勤 | all | add, change | – |
/// A supervisor sees only what they entered themselves; assistants enter nothing.
/// </remarks>
public static class EntryPolicy
{
    /// <summary>Whether the caller's role and scope allow the operation (the cycle's state aside).</summary>
    /// <param name="enteredBy">The account that entered an existing entry (for "only their own").</param>
    /// <param name="verification">An existing five-elders record's verdict (a supervisor changes it only while 待核实).</param>
    public static bool Can(Caller caller, EntryKind kind, EntryOperation operation, EntryScope scope, string? enteredBy = null, Verification? verification = null) =>
        caller.Role switch
        {
            AppRole.County => true,
            AppRole.Township => caller.TownshipId == scope.TownshipId && Township(kind, operation),
            AppRole.Supervisor => caller.VillageId == scope.VillageId && Supervisor(caller, kind, operation, enteredBy, verification),
            _ => false,
        };

    /// <summary>Whether entry is open in a cycle in this state for the caller (spec §2): collecting, or in review for 组织部's corrections.</summary>
    public static bool IsOpen(Caller caller, CycleState state) =>
        state == CycleState.Collecting || (state == CycleState.Review && caller.Role == AppRole.County);

    /// <summary>
    /// Whether the caller may do the operation on the kind somewhere in their own scope (their own
    /// township or village, an entry of their own awaiting verification): what a page asks before it
    /// offers a whole task.
    /// </summary>
    public static bool MayInOwnScope(Caller caller, EntryKind kind, EntryOperation operation) =>
        Can(caller, kind, operation, new EntryScope(caller.TownshipId ?? 0, caller.VillageId ?? 0), caller.UserId, Verification.Pending);

    /// <summary>A supervisor files five-elders records under their own registered name; the others file them for a named supervisor (from paper).</summary>
    public static bool FilesUnderOwnName(Caller caller) => caller.Role == AppRole.Supervisor;

    /// <summary>A supervisor sees only the entries they made themselves (spec §1); the others see all within their scope.</summary>
    public static bool SeesOnlyOwn(Caller caller) => caller.Role == AppRole.Supervisor;

    /// <summary>Throws <see cref="AccessDeniedException"/> saying what the caller may not do.</summary>
    public static void Ensure(Caller caller, EntryKind kind, EntryOperation operation, EntryScope scope, string? enteredBy = null, Verification? verification = null)
    {
        if (!Can(caller, kind, operation, scope, enteredBy, verification))
        {
            throw new AccessDeniedException(Refusal(caller, kind, operation, scope, enteredBy));
        }
    }

    private static bool Township(EntryKind kind, EntryOperation operation) => (kind, operation) switch
    {
        (_, EntryOperation.Read) => true,
        (EntryKind.SupervisionRecord, EntryOperation.Add or EntryOperation.Verify) => true,
        (EntryKind.SupervisionRecord, _) => false,
        (EntryKind.AttendanceMonth, EntryOperation.Add or EntryOperation.Change) => true,
        (EntryKind.AttendanceMonth, _) => false,
        (_, EntryOperation.Verify) => false,
        _ => true,
    };

    private static bool Supervisor(Caller caller, EntryKind kind, EntryOperation operation, string? enteredBy, Verification? verification) => (kind, operation) switch
    {
        (EntryKind.VillagerTally or EntryKind.SupervisionRecord, EntryOperation.Add) => true,
        // "Only their own": for reading a list the service filters it; for one entry it is checked here.
        (EntryKind.VillagerTally or EntryKind.SupervisionRecord, EntryOperation.Read) => enteredBy is null || enteredBy == caller.UserId,
        (EntryKind.VillagerTally, EntryOperation.Change or EntryOperation.Delete) => enteredBy == caller.UserId,
        (EntryKind.SupervisionRecord, EntryOperation.Change or EntryOperation.Delete) => enteredBy == caller.UserId && verification == Verification.Pending,
        _ => false,
    };

    private static string Refusal(Caller caller, EntryKind kind, EntryOperation operation, EntryScope scope, string? enteredBy) =>
        caller.Role switch
        {
            AppRole.Township when caller.TownshipId != scope.TownshipId => Messages.NoAccessToAssistant,
            AppRole.Supervisor when caller.VillageId != scope.VillageId => Messages.NoAccessToAssistant,
            AppRole.Supervisor when kind is EntryKind.VillagerTally or EntryKind.SupervisionRecord && enteredBy is not null && enteredBy != caller.UserId => Messages.OnlyOwnRecords,
            AppRole.Supervisor when kind == EntryKind.SupervisionRecord && operation is EntryOperation.Change or EntryOperation.Delete => Messages.RecordAlreadyVerified,
            AppRole.Supervisor or AppRole.Township or AppRole.Assistant => Messages.EntryNotAllowed(Messages.Get("EntryKind." + kind), Messages.Get("EntryOperation." + operation)),
            _ => Messages.NoAccessToAssistant,
        };
}
