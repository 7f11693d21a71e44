using Longan.Appraisal.Core.Domain;
using Longan.Appraisal.Core.Domain.Entries;

namespace Longan.Appraisal.Core.Features.Cards;

/// <summary>The card is a county document: its words are Chinese whatever the reader's UI language.</summary>
internal static class CardWords
{
    public static string Gender(Gender? gender) => gender switch
    {
        Domain.Gender.Male => "男",
        Domain.Gender.Female => "女",
        _ => "",
    };

    public static string Nature(RecordNature nature) => nature == RecordNature.Commendation ? "表扬" : "问题";

    public static string Category(RecordCategory category) => category switch
    {
        RecordCategory.OnDuty => "在岗履职",
        RecordCategory.ServiceAttitude => "服务态度",
        RecordCategory.Achievements => "工作实绩",
        RecordCategory.Integrity => "纪律廉洁",
        _ => "其他",
    };
}
