using Longan.Appraisal.Core.Features.Common;
using Longan.Appraisal.Core.Security;
using Longan.Appraisal.Web.Resources;
using Longan.Appraisal.Web.Security;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Localization;
using MudBlazor;

namespace Longan.Appraisal.Web.Components.Shared;

/// <summary>
/// Base of the pages and dialogs that call services: the caller, the strings, and one way to turn
/// a service's refusal into a message the user can act on, without breaking the circuit.
/// </summary>
public abstract class AppComponentBase : ComponentBase
{
    [Inject]
    protected CallerAccessor Callers { get; set; } = default!;

    [Inject]
    protected ISnackbar Snackbar { get; set; } = default!;

    [Inject]
    protected IStringLocalizer<SharedResource> Strings { get; set; } = default!;

    [Inject]
    protected ILogger<AppComponentBase> Logger { get; set; } = default!;

    [Inject]
    private Longan.Appraisal.Core.Features.Audit.AuditService Audit { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    /// <summary>A refusal of the whole page (no access, not found); the page shows it instead of its content.</summary>
    protected string? PageError { get; set; }

    /// <summary>Why the last <see cref="RunAsync"/> failed (null after a success), for pages that react to a conflict.</summary>
    protected Exception? LastFailure { get; private set; }

    /// <summary>True while a service call started by <see cref="RunAsync"/> is under way (buttons show progress).</summary>
    protected bool Busy { get; private set; }

    /// <summary>
    /// Runs a service call with the current caller. Field errors go to <paramref name="errors"/>,
    /// refusals to a snackbar; anything unexpected is logged and reported without crashing.
    /// Returns true when the call succeeded.
    /// </summary>
    protected async Task<bool> RunAsync(Func<Caller, Task> action, FormErrors? errors = null, string? success = null)
    {
        Busy = true;
        LastFailure = null;
        errors?.Clear();
        Caller? caller = null;
        try
        {
            caller = await Callers.GetAsync();
            await action(caller);
            if (success is not null)
            {
                // A warning about this form from an earlier try no longer holds once it saved.
                foreach (var stale in Snackbar.ShownSnackbars.Where(b => b.Message == Strings["Form.FixErrors"].Value).ToList())
                {
                    Snackbar.Remove(stale);
                }
                Snackbar.Add(success, Severity.Success);
            }
            return true;
        }
        catch (ConflictException ex)
        {
            // Nothing was saved; the form keeps what the user typed.
            LastFailure = ex;
            Snackbar.Add(ex.Message, Severity.Warning);
        }
        catch (ValidationFailedException ex)
        {
            LastFailure = ex;
            if (errors is null)
            {
                Snackbar.Add(ex.Message, Severity.Warning);
            }
            else
            {
                errors.Set(ex.Errors);
                Snackbar.Add(Strings["Form.FixErrors"], Severity.Warning);
            }
        }
        catch (Exception ex) when (ex is AccessDeniedException or RuleViolationException or NotFoundException)
        {
            LastFailure = ex;
            Snackbar.Add(ex.Message, Severity.Error);
            if (ex is AccessDeniedException)
            {
                await RecordRefusalAsync(caller, ex.Message);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LastFailure = ex;
            PageLog.ActionFailed(Logger, ex, GetType().Name, ex.GetType().FullName ?? ex.GetType().Name);
            Snackbar.Add(Strings["Error.Unexpected"], Severity.Error);
        }
        finally
        {
            Busy = false;
        }
        return false;
    }

    /// <summary>
    /// Puts a refusal in the audit trail: who, which address, what they were told. Only once the
    /// circuit is interactive, so a prerendered page is not recorded twice.
    /// </summary>
    private async Task RecordRefusalAsync(Caller? caller, string message)
    {
        if (RendererInfo.IsInteractive)
        {
            await Audit.RecordRefusalAsync(caller, "/" + Navigation.ToBaseRelativePath(Navigation.Uri), message);
        }
    }

    /// <summary>Loads what a page shows; a refusal or a missing record becomes <see cref="PageError"/>.</summary>
    protected async Task<T?> LoadAsync<T>(Func<Caller, Task<T>> load)
    {
        PageError = null;
        Caller? caller = null;
        try
        {
            caller = await Callers.GetAsync();
            return await load(caller);
        }
        catch (Exception ex) when (ex is AccessDeniedException or NotFoundException)
        {
            PageError = ex.Message;
            if (ex is AccessDeniedException)
            {
                await RecordRefusalAsync(caller, ex.Message);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            PageLog.LoadFailed(Logger, ex, GetType().Name, ex.GetType().FullName ?? ex.GetType().Name);
            PageError = Strings["Error.Unexpected"];
        }
        return default;
    }
}
