using Longan.Appraisal.Core.Features.Common;
using Longan.Appraisal.Core.Resources;

namespace Longan.Appraisal.Core.Features.Postings;

/// <summary>
/// The rules of a term in a village (spec §1: a village has at most one serving assistant and an
/// assistant serves at most one village, with no day shared by two terms), in one place for every
/// way an assistant is posted: the posting forms (<see cref="PostingService"/>, which gathers the
/// facts by query) and the roster import (which gathers them from what it loaded for the whole
/// file). Errors name the fields of <see cref="AssignInput"/>; the import maps them to its columns.
/// </summary>
public static class PostingRules
{
    /// <summary>A new term: both sides active and free, and its dates (<see cref="TermDates"/>).</summary>
    public static IReadOnlyList<FieldError> NewTerm(PostingFacts facts) => new Validator()
        .Check(facts.AssistantActive, nameof(AssignInput.AssistantId), Messages.AssistantInactive(facts.AssistantName))
        .Check(facts.VillageActive, nameof(AssignInput.VillageId), Messages.VillageInactive(facts.VillageName))
        .Add(TermDates(facts.Start, facts.PlannedEnd, facts.PreviousTermsEnded))
        .Check(facts.Occupant is null, nameof(AssignInput.VillageId), Messages.VillageOccupied(facts.VillageName, facts.Occupant ?? ""))
        .Check(facts.PostedElsewhere is null, nameof(AssignInput.AssistantId), Messages.AssistantAlreadyPosted(facts.AssistantName, facts.PostedElsewhere ?? ""))
        .Errors;

    /// <summary>
    /// A term's dates, new or changed: it is planned to end after it starts, and starts after the last
    /// day of the village's and the assistant's previous terms, so no day ever has two assistants in a
    /// village or one assistant in two villages.
    /// </summary>
    /// <param name="previousTermsEnded">The last day of the village's and the assistant's ended terms; null when there are none.</param>
    public static IReadOnlyList<FieldError> TermDates(DateOnly start, DateOnly plannedEnd, DateOnly? previousTermsEnded) => new Validator()
        .Check(plannedEnd > start, nameof(AssignInput.PlannedEndDate), Messages.PlannedEndNotAfterStart)
        .Check(previousTermsEnded is not { } lastDay || start > lastDay, nameof(AssignInput.StartDate), Messages.StartNotAfterPreviousTerm(previousTermsEnded ?? start))
        .Errors;
}
