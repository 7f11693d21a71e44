using System.Globalization;
using Longan.Appraisal.Core;
using Longan.Appraisal.Core.Domain;
using Longan.Appraisal.Core.Persistence;
using Longan.Appraisal.Core.Persistence.Seeding;
using Longan.Appraisal.Web.Components;
using Longan.Appraisal.Web.Resources;
using Longan.Appraisal.Web.Security;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Localization;
using Microsoft.EntityFrameworkCore;
using MudBlazor;
using MudBlazor.Services;

namespace Longan.Appraisal.Web.Hosting;

/// <summary>Builds the web portal: services, security, localisation and the request pipeline.</summary>
public static class PortalHost
{
    /// <summary>Cultures the UI offers; the first is the default (spec: Simplified Chinese by default).</summary>
    public static readonly string[] Cultures = ["zh-CN", "en"];

    /// <summary>Sessions end after this long without a request; each request slides the window.</summary>
    public static readonly TimeSpan SessionTimeout = TimeSpan.FromMinutes(30);

    public static WebApplication Build(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        AddServices(builder);
        var app = builder.Build();
        UsePipeline(app);
        return app;
    }

    /// <summary>The connection string both the portal and the admin verbs use.</summary>
    public static string ConnectionString(IConfiguration configuration, IHostEnvironment environment) =>
        AppraisalDatabase.ResolveConnectionString(
            configuration.GetConnectionString(AppraisalDatabase.ConnectionStringName), environment.ContentRootPath);

    /// <summary>Applies migrations; in Development (or when Appraisal:SeedDemoCounty is set) loads the demo county. Never in Production.</summary>
    public static async Task PrepareDatabaseAsync(WebApplication app)
    {
        await AppraisalDatabase.MigrateAsync(app.Services.GetRequiredService<IDbContextFactory<AppraisalDbContext>>());
        if (!app.Environment.IsProduction() && app.Configuration.GetValue<bool>("Appraisal:SeedDemoCounty"))
        {
            var result = await app.Services.GetRequiredService<DemoCountySeeder>().SeedAsync();
            app.Logger.LogInformation("Demo county: {Result}", result);
        }
    }

    private static void AddServices(WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddAppraisalCore(ConnectionString(builder.Configuration, builder.Environment));
        new IdentityBuilder(typeof(AppUser), services).AddSignInManager();

        services.AddAuthentication(IdentityConstants.ApplicationScheme).AddIdentityCookies();
        services.ConfigureApplicationCookie(options =>
        {
            options.Cookie.Name = "longan.auth";
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Lax;
            options.LoginPath = "/login";
            options.LogoutPath = "/logout";
            options.AccessDeniedPath = "/access-denied";
            options.ExpireTimeSpan = SessionTimeout;
            options.SlidingExpiration = true;
        });
        // A deactivated account or a changed scope reaches open sessions within a minute.
        services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.FromMinutes(1));
        services.AddAuthorization();
        services.AddCascadingAuthenticationState();
        services.AddScoped<AuthenticationStateProvider, RevalidatingIdentityStateProvider>();
        services.AddScoped<CallerAccessor>();
        services.AddSingleton<PreparedDownloads>();
        services.AddSignInRateLimit(builder.Configuration);

        services.AddLocalization();
        services.Configure<RequestLocalizationOptions>(options =>
        {
            var cultures = Cultures.Select(c => new CultureInfo(c)).ToList();
            options.DefaultRequestCulture = new RequestCulture(Cultures[0]);
            options.SupportedCultures = cultures;
            options.SupportedUICultures = cultures;
            // The user's choice (cookie) decides; the browser's language does not override Chinese.
            options.RequestCultureProviders = [new CookieRequestCultureProvider()];
        });

        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddMudServices(config =>
        {
            config.SnackbarConfiguration.PositionClass = Defaults.Classes.Position.TopCenter;
            config.SnackbarConfiguration.VisibleStateDuration = 6000;
            config.SnackbarConfiguration.PreventDuplicates = true;
        });
        services.AddTransient<MudLocalizer, ResourceMudLocalizer>();
    }

    private static void UsePipeline(WebApplication app)
    {
        // Behind the TLS-terminating proxy on this host, the client's address (for the sign-in limit)
        // and scheme come from X-Forwarded-*; only a loopback proxy is believed.
        app.UseForwardedHeaders(new ForwardedHeadersOptions { ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto });
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/error", createScopeForErrors: true);
            app.UseHsts();
        }
        app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
        app.UseRequestLocalization();
        app.UseRateLimiter();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();

        app.MapStaticAssets();
        app.MapAccountEndpoints();
        app.MapDownloadEndpoints();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
    }
}
