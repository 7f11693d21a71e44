using Longan.Appraisal.Web.Resources;
using Microsoft.Extensions.Localization;
using MudBlazor;

namespace Longan.Appraisal.Web.Components.Shared;

/// <summary>Asks before anything destructive, with the consequence spelled out.</summary>
public static class DialogExtensions
{
    public static async Task<bool> ConfirmAsync(this IDialogService dialogs, IStringLocalizer<SharedResource> l, string title, string message, string confirm)
    {
        var answer = await dialogs.ShowMessageBoxAsync(title, message, yesText: confirm, cancelText: l["Common.Cancel"]);
        return answer == true;
    }
}
