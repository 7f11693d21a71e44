using MudBlazor;

namespace Longan.Appraisal.Web.Components.Layout;

/// <summary>The portal's look: the deep red of official county documents, readable type for older eyes.</summary>
public static class AppTheme
{
    public static MudTheme Theme { get; } = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#A31515",
            Secondary = "#8D6E63",
            AppbarBackground = "#A31515",
            Background = "#FAF8F6",
            DrawerBackground = "#FFFFFF",
            // Every colour that carries text (chips, banners, secondary text) at 4.5 : 1 or better
            // against white and the page background (WCAG 2.1 AA); MudBlazor's defaults are lighter.
            Success = "#2E7D32",
            Warning = "#9A5B00",
            Info = "#1565C0",
            Error = "#C62828",
            TextSecondary = "#5C5650",
        },
        Typography = new Typography
        {
            Default = new DefaultTypography
            {
                FontFamily = ["\"PingFang SC\"", "\"Microsoft YaHei\"", "\"Noto Sans SC\"", "\"WenQuanYi Micro Hei\"", "sans-serif"],
                FontSize = "1rem",
            },
        },
    };
}
