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
        try
        {
            await action(await Callers.GetAsync());
            if (success is not null)
            {
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
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LastFailure = ex;
            Logger.LogError(ex, "Service call failed");
            Snackbar.Add(Strings["Error.Unexpected"], Severity.Error);
        }
        finally
        {
            Busy = false;
        }
        return false;
    }

    /// <summary>Loads what a page shows; a refusal or a missing record becomes <see cref="PageError"/>.</summary>
    protected async Task<T?> LoadAsync<T>(Func<Caller, Task<T>> load)
    {
        PageError = null;
        try
        {
            return await load(await Callers.GetAsync());
        }
        catch (Exception ex) when (ex is AccessDeniedException or NotFoundException)
        {
            PageError = ex.Message;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Logger.LogError(ex, "Loading a page failed");
            PageError = Strings["Error.Unexpected"];
        }
        return default;
    }
}
