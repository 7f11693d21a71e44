using System.Globalization;
using Longan.Appraisal.Core.Features.Work;
using Longan.Appraisal.Core.Scoring;
using Longan.Appraisal.Web.Resources;
using Microsoft.Extensions.Localization;

namespace Longan.Appraisal.Web.Components.Shared;

/// <summary>Where each piece of work is done, and its sentence in the reader's language.</summary>
public static class WorkLinks
{
    public static string Href(WorkItem item) => item.Area switch
    {
        WorkArea.Appeal => "/appeals",
        WorkArea.Cycle => item.CycleId is null ? "/cycles" : $"/cycles/{item.CycleId}",
        WorkArea.FollowUp => "/follow-up",
        WorkArea.Collection => $"/cycles/{item.CycleId}/assistants/{item.AssistantId}",
        WorkArea.Verification => $"/cycles/{item.CycleId}/verify",
        WorkArea.Attendance => $"/cycles/{item.CycleId}/attendance",
        WorkArea.Cards => $"/cycles/{item.CycleId}/cards",
        WorkArea.BallotSession => $"/cycles/{item.CycleId}/sessions",
        WorkArea.Entry when item.What == "Work.EnterTally" => $"/cycles/{item.CycleId}/assistants/{item.AssistantId}?group=tally",
        WorkArea.Entry or WorkArea.MyRecord => item.CycleId is null ? "/" : $"/cycles/{item.CycleId}/assistants/{item.AssistantId}?group=records",
        _ => "/my/results",
    };

    public static string Text(IStringLocalizer<SharedResource> l, WorkItem item) =>
        l[item.What, item.Values.Select(v => Word(l, v)).ToArray()];

    private static object Word(IStringLocalizer<SharedResource> l, object value) => value switch
    {
        AppraisalGrade grade => Core.Resources.Messages.Get("Grade." + grade),
        Enum e => l[$"{e.GetType().Name}.{e}"].Value,
        decimal score => ScoreText.Of(score),
        DateOnly date => Formats.Date(date),
        DateTimeOffset moment => Formats.DateTime(moment),
        int or long => Convert.ToString(value, CultureInfo.InvariantCulture)!,
        _ => value,
    };
}
