using Longan.Appraisal.Core.Domain.Entries;
using Longan.Appraisal.Core.Features.Evaluations;
using Longan.Appraisal.Core.Features.Supervision;

namespace Longan.Appraisal.Core.Features.Imports;

/// <summary>The 评议数据.xlsx contract (spec workbooks.md): sheet names, headers and the words of the drop-downs.</summary>
public static class BallotWorkbook
{
    public const string Code = "助理员编号";
    public const string TicketNo = "票号";
    public const string Comment = "意见建议";

    public static readonly Sheet Villagers = new("群众评议", EntryKind.VillagerTally, [Code, "满意", "基本满意", "不满意"], ["无效", "备注"])
    {
        Columns = new Dictionary<string, string>
        {
            [nameof(TallyInput.Satisfied)] = "满意", [nameof(TallyInput.BasicallySatisfied)] = "基本满意", [nameof(TallyInput.Dissatisfied)] = "不满意",
            [nameof(TallyInput.Invalid)] = "无效", [nameof(TallyInput.Round)] = "备注",
        },
    };

    public static readonly Sheet VillagerComments = new("群众意见", EntryKind.VillagerTally, [Code, Comment], []);

    public static readonly Sheet Party = new("党组织评议", EntryKind.PartyBallot, [Code, "政策宣讲员", "民意信息员", "民事代办员", "纠纷调解员", "党建指导员"], [TicketNo, Comment])
    {
        Columns = new Dictionary<string, string>
        {
            [nameof(PartyBallotInput.PolicyAdvocate)] = "政策宣讲员", [nameof(PartyBallotInput.PublicOpinion)] = "民意信息员",
            [nameof(PartyBallotInput.CivilAgent)] = "民事代办员", [nameof(PartyBallotInput.DisputeMediator)] = "纠纷调解员",
            [nameof(PartyBallotInput.PartyBuildingGuide)] = "党建指导员", [nameof(PartyBallotInput.TicketNo)] = TicketNo, [nameof(PartyBallotInput.Comment)] = Comment,
        },
    };

    public static readonly Sheet Cadres = new("党员干部评议", EntryKind.CadreBallot, [Code, "等次"], [TicketNo, Comment])
    {
        Columns = new Dictionary<string, string>
        {
            [nameof(CadreBallotInput.Grade)] = "等次", [nameof(CadreBallotInput.TicketNo)] = TicketNo, [nameof(CadreBallotInput.Comment)] = Comment,
        },
    };

    public static readonly Sheet Supervision = new("五老监督", EntryKind.SupervisionRecord, [Code, "日期", "监督员", "性质", "类别", "情况描述"], ["严重程度", "核实结果"])
    {
        Columns = new Dictionary<string, string>
        {
            [nameof(SupervisionInput.Date)] = "日期", [nameof(SupervisionInput.SupervisorName)] = "监督员", [nameof(SupervisionInput.Nature)] = "性质",
            [nameof(SupervisionInput.Category)] = "类别", [nameof(SupervisionInput.Severity)] = "严重程度", [nameof(SupervisionInput.Description)] = "情况描述",
        },
    };

    public static readonly Sheet Attendance = new("驻村考勤", EntryKind.AttendanceMonth, [Code, "月份", "驻村天数"], []);

    public static IReadOnlyList<Sheet> Sheets { get; } = [Villagers, VillagerComments, Party, Cadres, Supervision, Attendance];

    public static readonly IReadOnlyDictionary<string, CadreGrade> Grades = new Dictionary<string, CadreGrade>
    {
        ["优秀"] = CadreGrade.Excellent, ["称职"] = CadreGrade.Competent, ["基本称职"] = CadreGrade.BasicallyCompetent, ["不称职"] = CadreGrade.Incompetent,
    };

    public static readonly IReadOnlyDictionary<string, RecordNature> Natures = new Dictionary<string, RecordNature>
    {
        ["表扬"] = RecordNature.Commendation, ["问题"] = RecordNature.Issue,
    };

    public static readonly IReadOnlyDictionary<string, RecordCategory> Categories = new Dictionary<string, RecordCategory>
    {
        ["在岗履职"] = RecordCategory.OnDuty, ["服务态度"] = RecordCategory.ServiceAttitude, ["工作实绩"] = RecordCategory.Achievements,
        ["纪律廉洁"] = RecordCategory.Integrity, ["其他"] = RecordCategory.Other,
    };

    public static readonly IReadOnlyDictionary<string, IssueSeverity> Severities = new Dictionary<string, IssueSeverity>
    {
        ["轻微"] = IssueSeverity.Minor, ["一般"] = IssueSeverity.Moderate, ["严重"] = IssueSeverity.Serious,
    };

    public static readonly IReadOnlyDictionary<string, Verification> Verifications = new Dictionary<string, Verification>
    {
        ["待核实"] = Verification.Pending, ["属实"] = Verification.Confirmed, ["不属实"] = Verification.Rejected,
    };

    /// <summary>The workbook's word for a value (the maps above read backwards), for exports that speak the same vocabulary.</summary>
    public static string Word<T>(IReadOnlyDictionary<string, T> words, T value) where T : struct, Enum =>
        words.First(w => w.Value.Equals(value)).Key;

    /// <param name="Kind">The kind of entry each row of the sheet becomes (the access rules are the entry's).</param>
    public sealed record Sheet(string Name, EntryKind Kind, IReadOnlyList<string> Required, IReadOnlyList<string> Optional)
    {
        /// <summary>
        /// The column of each field of the entry's input, where an error of the input's own rules
        /// (its <c>Check()</c>, run on every row as the form runs it) is reported.
        /// </summary>
        public IReadOnlyDictionary<string, string> Columns { get; init; } = new Dictionary<string, string>();
    }
}
