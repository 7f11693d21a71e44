using System.Globalization;
using System.Security.Claims;
using Bunit;
using Longan.Appraisal.Core;
using Longan.Appraisal.Core.Security;
using Longan.Appraisal.Tests.Infrastructure;
using Longan.Appraisal.Web.Resources;
using Longan.Appraisal.Web.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;

namespace Longan.Appraisal.Tests.Web.Components;

/// <summary>
/// One place that sets bUnit up like the portal: MudBlazor services, loose JS interop, the real
/// Core services on a real (demo) SQLite database, the UI strings, and a signed-in user.
/// Disposed asynchronously, as bUnit 2 requires with MudBlazor.
/// </summary>
public abstract class BunitTestBase : BunitContext, IAsyncLifetime
{
    protected TestDatabase Database { get; private set; } = default!;

    public virtual async Task InitializeAsync()
    {
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = new CultureInfo("zh-CN");
        Database = await CreateDatabaseAsync();
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
        Services.AddLocalization();
        Services.AddTransient<MudLocalizer, ResourceMudLocalizer>();
        Services.AddAppraisalCore(Database.Settings);
        Services.Configure<PasswordHasherOptions>(o => o.IterationCount = 1_000);
        Services.AddSingleton<TimeProvider>(new FixedClock());
        Services.AddScoped<CallerAccessor>();
        Services.AddCascadingAuthenticationState();
    }

    /// <summary>The database the components work on: the demo county unless a test class needs another.</summary>
    protected virtual Task<TestDatabase> CreateDatabaseAsync() => TestDatabase.CreateAsync(demoCounty: true);

    /// <summary>Signs a demo user in for the rendered components, with the claims the portal issues.</summary>
    protected async Task<Caller> SignInAsync(string userName)
    {
        var caller = await Database.CallerAsync(userName);
        SignIn(caller);
        return caller;
    }

    /// <summary>Signs a caller in directly (for counties without accounts, e.g. a synthetic one).</summary>
    protected void SignIn(Caller caller)
    {
        var auth = AddAuthorization();
        auth.SetAuthorized(caller.UserName);
        auth.SetClaims([new Claim(ClaimTypes.NameIdentifier, caller.UserId), .. CallerClaims.ToClaims(caller, caller.UserName)]);
        // As in the portal's circuits (interactive server rendering), where refusals are recorded.
        Renderer.SetRendererInfo(new Microsoft.AspNetCore.Components.RendererInfo("Server", isInteractive: true));
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await base.DisposeAsync();
        await Database.DisposeAsync();
    }
}
