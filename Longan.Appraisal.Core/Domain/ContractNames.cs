namespace Longan.Appraisal.Core.Domain;

/// <summary>
/// The Chinese words that the workbooks and documents use for enumerated values. They are part of
/// the exchange contract (spec workbooks.md), so they do not change with the UI language.
/// </summary>
public static class ContractNames
{
    public static string Of(Gender gender) => gender switch
    {
        Gender.Male => "男",
        Gender.Female => "女",
        _ => throw new ArgumentOutOfRangeException(nameof(gender)),
    };

    public static string Of(SupervisorKind kind) => kind switch
    {
        SupervisorKind.VeteranPartyMember => "老党员",
        SupervisorKind.FormerVillageCadre => "老村干",
        SupervisorKind.RetiredTeacher => "老教师",
        SupervisorKind.FormerTeamLeader => "老队长",
        SupervisorKind.RetiredOfficial => "老干部",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    public static Gender? ParseGender(string? text) => text?.Trim() switch
    {
        "男" => Gender.Male,
        "女" => Gender.Female,
        _ => null,
    };

    public static SupervisorKind? ParseSupervisorKind(string? text) =>
        Enum.GetValues<SupervisorKind>().Cast<SupervisorKind?>().FirstOrDefault(k => Of(k!.Value) == text?.Trim());
}
