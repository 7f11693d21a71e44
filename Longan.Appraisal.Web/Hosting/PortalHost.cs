using System.Globalization;
using Longan.Appraisal.Core;
using Longan.Appraisal.Core.Domain;
using Longan.Appraisal.Core.Features.Accounts;
using Longan.Appraisal.Core.Persistence;
using Longan.Appraisal.Core.Persistence.Seeding;
using Longan.Appraisal.Web.Components;
using Longan.Appraisal.Web.Resources;
using Longan.Appraisal.Web.Security;
using Microsoft.AspNetCore.Components.Authorization;
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

    public static async Task<WebApplication> BuildAsync(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        // Nothing tells a visitor which server software answers.
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.AddServerHeader = false);
        AddServices(builder);
        var app = builder.Build();
        UsePipeline(app, await SecurityHeaders.CreateAsync(app.Services));
        return app;
    }

    /// <summary>The database (provider and connection string) both the portal and the admin verbs use.</summary>
    public static DatabaseSettings Database(IConfiguration configuration, IHostEnvironment environment) =>
        DatabaseSettings.From(configuration, environment.ContentRootPath);

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
        services.AddAppraisalCore(Database(builder.Configuration, builder.Environment));
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
            options.ExpireTimeSpan = SessionService.IdleTimeout;
            options.SlidingExpiration = true;
            // Every request checks the cookie's session: signed out, deactivated, password or scope changed.
            options.Events.OnValidatePrincipal = SessionCookie.ValidateAsync;
        });
        // Secure behind TLS (the proxy's X-Forwarded-Proto), like the sign-in cookie.
        services.AddAntiforgery(options => options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest);
        services.AddAuthorization(options => options.AddPortalPolicies());
        services.AddCascadingAuthenticationState();
        services.AddScoped<AuthenticationStateProvider, RevalidatingIdentityStateProvider>();
        services.AddScoped<Microsoft.AspNetCore.Components.Server.Circuits.CircuitHandler, SessionActivity>();
        services.AddScoped<CallerAccessor>();
        services.AddOptions<SignInLimits>().BindConfiguration(SignInLimits.Section)
            .Validate(limits => limits.Problem() is null, "Appraisal:SignInAttemptsPerMinute / SignInFailuresPerAddress out of range").ValidateOnStart();
        services.AddOptions<Core.Features.Ballots.VoteLimits>().BindConfiguration(Core.Features.Ballots.VoteLimits.Section)
            .Validate(limits => limits.VoteRequestsPerMinute > 0 && limits.VotesPerSessionPerMinute > 0, "Appraisal:VoteRequestsPerMinute / VotesPerSessionPerMinute must be positive").ValidateOnStart();
        services.AddSignInRateLimit(builder.Configuration);
        services.AddHostedService<BallotSessionCounter>();
        services.AddPortalHealthChecks();
        // With Logging__Console__FormatterName=json, Chinese (a township's login name) stays readable.
        services.Configure<Microsoft.Extensions.Logging.Console.JsonConsoleFormatterOptions>(options =>
            options.JsonWriterOptions = new System.Text.Json.JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.Create(System.Text.Unicode.UnicodeRanges.All), Indented = options.JsonWriterOptions.Indented });

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

        // Pages go out as UTF-8 text, not every Chinese character as a numeric entity (&#x767B;).
        services.Configure<Microsoft.Extensions.WebEncoders.WebEncoderOptions>(o => o.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));
        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddMudServices(config =>
        {
            config.SnackbarConfiguration.PositionClass = Defaults.Classes.Position.TopCenter;
            config.SnackbarConfiguration.VisibleStateDuration = 6000;
            config.SnackbarConfiguration.PreventDuplicates = true;
        });
        services.AddTransient<MudLocalizer, ResourceMudLocalizer>();
    }

    /// <summary>The configuration key naming this node (header <see cref="NodeHeader"/>), for operators behind a proxy.</summary>
    public const string NodeNameKey = "Appraisal:NodeName";

    /// <summary>Which portal node answered, when <see cref="NodeNameKey"/> is set: tells an operator (and the several-nodes test) where a user's circuit lives.</summary>
    public const string NodeHeader = "X-Longan-Node";

    private static void UsePipeline(WebApplication app, SecurityHeaders securityHeaders)
    {
        // Outermost, so the line has the final status and the whole duration.
        app.UseMiddleware<RequestLog>();
        app.Use((context, next) =>
        {
            securityHeaders.Apply(context);
            return next(context);
        });
        app.UsePortalHealthChecks();
        // Behind the TLS-terminating proxy on this host, the client's address (for the sign-in limit)
        // and scheme come from X-Forwarded-*, believed from loopback and Appraisal:TrustedProxies only.
        app.UseForwardedHeaders(TrustedProxies.Options(app.Configuration));
        if (app.Configuration[NodeNameKey] is { Length: > 0 } nodeName)
        {
            app.Use((context, next) =>
            {
                context.Response.Headers[NodeHeader] = nodeName;
                return next(context);
            });
        }
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
        app.MapVoteEndpoints();
        // frame-ancestors is part of the portal's own policy (SecurityHeaders), not a second header.
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode(options => options.ContentSecurityFrameAncestorsPolicy = null);
    }
}
