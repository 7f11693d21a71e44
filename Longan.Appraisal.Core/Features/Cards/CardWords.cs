using Longan.Appraisal.Core.Domain;
using Longan.Appraisal.Core.Domain.Entries;
using Longan.Appraisal.Core.Features.Imports;

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

    public static string Nature(RecordNature nature) => BallotWorkbook.Word(BallotWorkbook.Natures, nature);

    public static string Category(RecordCategory category) => BallotWorkbook.Word(BallotWorkbook.Categories, category);
}
