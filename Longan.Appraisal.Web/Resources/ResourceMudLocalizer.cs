using System.Globalization;
using Microsoft.Extensions.Localization;
using MudBlazor;

namespace Longan.Appraisal.Web.Resources;

/// <summary>
/// MudBlazor's own texts (pager, date picker, dialogs) in Chinese from our resources. In other
/// languages it answers "not found", so MudBlazor keeps its built-in English.
/// </summary>
internal sealed class ResourceMudLocalizer(IStringLocalizer<SharedResource> localizer) : MudLocalizer
{
    public override LocalizedString this[string key] =>
        IsChinese ? localizer[key] : new LocalizedString(key, key, resourceNotFound: true);

    public override LocalizedString this[string key, params object[] arguments] =>
        IsChinese ? localizer[key, arguments] : new LocalizedString(key, key, resourceNotFound: true);

    private static bool IsChinese => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "zh";
}
