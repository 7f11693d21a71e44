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
