using Longan.Appraisal.Core.Domain;

namespace Longan.Appraisal.Core.Features.Assistants;

/// <summary>The personal fields of an assistant (the roster columns of workbooks.md).</summary>
public sealed class AssistantInput
{
    public string? Code { get; set; }
    public string? Name { get; set; }
    public Gender? Gender { get; set; }
    public string? Ethnicity { get; set; }
    public DateOnly? BirthDate { get; set; }
    public string? PoliticalStatus { get; set; }
    public string? Education { get; set; }
    public string? SendingUnitAndPost { get; set; }
    public string? Phone { get; set; }

    public static AssistantInput From(AssistantDetail a) => new()
    {
        Code = a.Code,
        Name = a.Name,
        Gender = a.Gender,
        Ethnicity = a.Ethnicity,
        BirthDate = a.BirthDate,
        PoliticalStatus = a.PoliticalStatus,
        Education = a.Education,
        SendingUnitAndPost = a.SendingUnitAndPost,
        Phone = a.Phone,
    };
}
