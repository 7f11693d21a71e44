namespace Longan.Appraisal.Core.Features.Work;

/// <summary>
/// One thing a user has to do, or to know, on their home page: what (a message key and its
/// values, words stay in resources), where (the area and the cycle or assistant it concerns), how
/// much and by when.
/// </summary>
/// <param name="What">The resource key of its sentence (under <c>Work.</c>).</param>
/// <param name="Values">The values the sentence names: text, numbers, scores (decimal), dates and moments, and enum values the page words.</param>
/// <param name="Count">How many (records, months, cases) the item stands for; it adds to the navigation's count.</param>
/// <param name="Due">When it is due, if it has a deadline.</param>
/// <param name="Urgent">Past its deadline, or blocking publication.</param>
public sealed record WorkItem(
    WorkArea Area, string What, IReadOnlyList<object> Values, int? CycleId = null, int? AssistantId = null, int Count = 1, DateOnly? Due = null, bool Urgent = false);
