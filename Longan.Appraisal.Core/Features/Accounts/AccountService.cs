using System.Linq.Expressions;
using Longan.Appraisal.Core.Domain;
using Longan.Appraisal.Core.Features.Common;
using Longan.Appraisal.Core.Persistence;
using Longan.Appraisal.Core.Resources;
using Longan.Appraisal.Core.Security;
using Longan.Appraisal.Core.Security.Policies;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Longan.Appraisal.Core.Features.Accounts;

/// <summary>
/// Portal accounts (spec §1). There is no self-registration: the county organisation department
/// creates every account with one role and one scope. Each operation uses a fresh Identity scope
/// so no circuit holds a long-lived DbContext.
/// </summary>
public sealed class AccountService(IServiceScopeFactory scopes, IDbContextFactory<AppraisalDbContext> dbFactory, SessionService sessions, TimeProvider clock)
{
    /// <summary>Field names of the password errors, for forms to place them.</summary>
    public const string PasswordField = nameof(AccountInput.Password);
    public const string CurrentPasswordField = "CurrentPassword";
    public const string NewPasswordField = "NewPassword";

    private static readonly Dictionary<string, Expression<Func<AppUser, object?>>> s_sortable = new()
    {
        [nameof(AccountRow.UserName)] = u => u.UserName,
        [nameof(AccountRow.DisplayName)] = u => u.DisplayName,
        [nameof(AccountRow.Role)] = u => u.Role,
        [nameof(AccountRow.IsActive)] = u => u.IsActive,
    };

    /// <param name="lockedOnly">Only accounts locked now after failed sign-ins (组织部 can lift the lock).</param>
    public async Task<PagedResult<AccountRow>> QueryAsync(Caller caller, PageRequest page, AppRole? role = null, bool lockedOnly = false, CancellationToken ct = default)
    {
        AdministrationPolicy.EnsureCanManageAccounts(caller);
        await using var db = await dbFactory.CreateDbContextAsync(caller, ct);
        var users = db.Users.AsNoTracking();
        if (role is { } r)
        {
            users = users.Where(u => u.Role == r);
        }
        if (lockedOnly)
        {
            // The lockout end is stored as text by Identity: compared in memory over the few accounts that have one.
            var now = clock.GetUtcNow();
            var locked = (await db.Users.AsNoTracking().Where(u => u.IsActive && u.LockoutEnd != null).Select(u => new { u.Id, u.LockoutEnd }).ToListAsync(ct))
                .Where(u => u.LockoutEnd > now).Select(u => u.Id).ToList();
            users = users.Where(u => locked.Contains(u.Id));
        }
        if (page.Term is { } term)
        {
            users = users.Where(u => u.UserName!.Contains(term) || u.DisplayName.Contains(term));
        }
        return await users.ToPageAsync(page, s_sortable, u => u.UserName, u => u.Id, u => new AccountRow(u.Id, u.UserName!, u.DisplayName, u.Role, u.TownshipId, u.SupervisorId, u.AssistantId,
            u.Role == AppRole.Township ? u.Township!.Name
            : u.Role == AppRole.Supervisor ? u.Supervisor!.Village!.Township!.Name + " " + u.Supervisor.Village.Name + " · " + u.Supervisor.Name
            : u.Role == AppRole.Assistant ? u.Assistant!.Code + " " + u.Assistant.Name
            : "",
            u.IsActive, u.LockoutEnd), ct);
    }

    public async Task<string> CreateAsync(Caller caller, AccountInput input, CancellationToken ct = default)
    {
        AdministrationPolicy.EnsureCanManageAccounts(caller);
        await using var scope = scopes.CreateAsyncScope();
        var users = Users(scope, caller);
        var user = new AppUser { DisplayName = "", CreatedAt = clock.GetUtcNow(), LockoutEnabled = true };
        // Identity stops at its first failing check; gather the form's, the login name's and the
        // password's problems so the form shows every one at once.
        var problems = new List<FieldError>();
        try
        {
            await ApplyAsync(user, input, ct);
        }
        catch (ValidationFailedException ex)
        {
            problems.AddRange(ex.Errors);
        }
        if (string.IsNullOrEmpty(input.Password))
        {
            problems.Add(new FieldError(PasswordField, Messages.FieldRequired(Messages.LabelPassword)));
        }
        else
        {
            foreach (var passwordValidator in users.PasswordValidators)
            {
                problems.AddRange(Errors(PasswordField, await passwordValidator.ValidateAsync(users, user, input.Password)));
            }
        }
        if (!problems.Any(p => p.Field == nameof(input.UserName)) && user.UserName is not null)
        {
            foreach (var userValidator in users.UserValidators)
            {
                problems.AddRange(Errors(nameof(input.UserName), await userValidator.ValidateAsync(users, user)));
            }
        }
        if (problems.Count > 0)
        {
            throw new ValidationFailedException(problems);
        }
        Throw(nameof(input.UserName), await users.CreateAsync(user, input.Password!));
        return user.Id;
    }

    /// <summary>Changes name, role or scope; open sessions of the account are revalidated and see the new scope.</summary>
    public async Task UpdateAsync(Caller caller, string id, AccountInput input, CancellationToken ct = default)
    {
        AdministrationPolicy.EnsureCanManageAccounts(caller);
        await using var scope = scopes.CreateAsyncScope();
        var users = Users(scope, caller);
        var user = await users.FindByIdAsync(id) ?? throw new NotFoundException(Messages.AccountNotFound);
        if (user.Id == caller.UserId && input.Role != AppRole.County)
        {
            throw new RuleViolationException(Messages.CannotDemoteSelf);
        }
        await ApplyAsync(user, input, ct);
        Throw(nameof(input.UserName), await users.UpdateAsync(user));
        await users.UpdateSecurityStampAsync(user);
    }

    /// <summary>Sets a new password chosen by the county (e.g. a forgotten one) and lifts a lockout.</summary>
    public async Task ResetPasswordAsync(Caller caller, string id, string? password, CancellationToken ct = default)
    {
        AdministrationPolicy.EnsureCanManageAccounts(caller);
        await using var scope = scopes.CreateAsyncScope();
        var users = Users(scope, caller);
        var user = await users.FindByIdAsync(id) ?? throw new NotFoundException(Messages.AccountNotFound);
        new Validator().Required(PasswordField, Messages.LabelPassword, password).ThrowIfInvalid();
        foreach (var passwordValidator in users.PasswordValidators)
        {
            Throw(PasswordField, await passwordValidator.ValidateAsync(users, user, password));
        }
        user.PasswordHash = users.PasswordHasher.HashPassword(user, password!);
        user.AccessFailedCount = 0;
        if (user.IsActive)
        {
            user.LockoutEnd = null;
        }
        Throw(PasswordField, await users.UpdateSecurityStampAsync(user));
    }

    /// <summary>Deactivating blocks sign-in and ends open sessions; the account and its history stay.</summary>
    public async Task SetActiveAsync(Caller caller, string id, bool active, CancellationToken ct = default)
    {
        AdministrationPolicy.EnsureCanManageAccounts(caller);
        if (id == caller.UserId && !active)
        {
            throw new RuleViolationException(Messages.CannotDeactivateSelf);
        }
        await using var scope = scopes.CreateAsyncScope();
        var users = Users(scope, caller);
        var user = await users.FindByIdAsync(id) ?? throw new NotFoundException(Messages.AccountNotFound);
        user.IsActive = active;
        user.LockoutEnabled = true;
        user.LockoutEnd = active ? null : DateTimeOffset.MaxValue;
        user.AccessFailedCount = 0;
        Throw("IsActive", await users.UpdateSecurityStampAsync(user));
    }

    /// <summary>Any signed-in user changes their own password, giving the current one.</summary>
    public async Task ChangeOwnPasswordAsync(Caller caller, string? currentPassword, string? newPassword, CancellationToken ct = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var users = Users(scope, caller);
        var user = await users.FindByIdAsync(caller.UserId) ?? throw new NotFoundException(Messages.AccountNotFound);
        new Validator()
            .Required(CurrentPasswordField, Messages.LabelCurrentPassword, currentPassword)
            .Required(NewPasswordField, Messages.LabelNewPassword, newPassword)
            .ThrowIfInvalid();
        Throw(NewPasswordField, await users.ChangePasswordAsync(user, currentPassword!, newPassword!));
        // A changed password ends the account's other sessions (a browser left signed in elsewhere);
        // this one goes on.
        await sessions.KeepOnlyAsync(user.Id, caller.SessionId, user.SecurityStamp!, ct);
    }

    /// <summary>
    /// Lifts a lockout after failed sign-ins (anyone who knows a login name can cause one), without
    /// touching the password. Recorded in the audit trail.
    /// </summary>
    public async Task UnlockAsync(Caller caller, string id, CancellationToken ct = default)
    {
        AdministrationPolicy.EnsureCanManageAccounts(caller);
        await using var scope = scopes.CreateAsyncScope();
        var users = Users(scope, caller);
        var user = await users.FindByIdAsync(id) ?? throw new NotFoundException(Messages.AccountNotFound);
        if (!user.IsActive || user.LockoutEnd is null || user.LockoutEnd <= clock.GetUtcNow())
        {
            return;
        }
        user.LockoutEnd = null;
        user.AccessFailedCount = 0;
        // Identity's counters are kept out of the trail; the act itself is recorded.
        scope.ServiceProvider.GetRequiredService<AppraisalDbContext>()
            .Record(Domain.Audit.AuditAction.Changed, nameof(AppUser), user.Id, $"解除 {user.UserName} 的登录锁定");
        Throw("IsActive", await users.UpdateAsync(user));
    }

    /// <summary>Identity's user manager over a context that records its changes in the caller's name.</summary>
    private static UserManager<AppUser> Users(AsyncServiceScope scope, Caller caller)
    {
        scope.ServiceProvider.GetRequiredService<AppraisalDbContext>().ActingAs(caller);
        return scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
    }

    private async Task ApplyAsync(AppUser user, AccountInput input, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var userName = InputText.Narrow(input.UserName);
        var displayName = InputText.Text(input.DisplayName);
        var validator = new Validator()
            .Required(nameof(input.UserName), Messages.LabelUserName, userName)
            .MaxLength(nameof(input.UserName), Messages.LabelUserName, userName, FieldLimits.Name)
            .Required(nameof(input.DisplayName), Messages.LabelDisplayName, displayName)
            .MaxLength(nameof(input.DisplayName), Messages.LabelDisplayName, displayName, FieldLimits.Name)
            .Check(input.Role is not null && Enum.IsDefined(input.Role.Value), nameof(input.Role), Messages.FieldRequired(Messages.LabelRole));
        switch (input.Role)
        {
            case AppRole.Township:
                validator.Check(input.TownshipId is { } t && await db.Townships.AnyAsync(x => x.Id == t, ct),
                    nameof(input.TownshipId), Messages.ScopeTownshipRequired);
                break;
            case AppRole.Supervisor:
                validator.Check(input.SupervisorId is { } s && await db.Supervisors.AnyAsync(x => x.Id == s && x.IsActive, ct),
                    nameof(input.SupervisorId), Messages.ScopeSupervisorRequired);
                break;
            case AppRole.Assistant:
                validator.Check(input.AssistantId is { } a && await db.Assistants.AnyAsync(x => x.Id == a && x.IsActive, ct),
                    nameof(input.AssistantId), Messages.ScopeAssistantRequired);
                break;
        }
        validator.ThrowIfInvalid();
        user.UserName = userName;
        user.DisplayName = displayName!;
        user.Role = input.Role!.Value;
        user.TownshipId = user.Role == AppRole.Township ? input.TownshipId : null;
        user.SupervisorId = user.Role == AppRole.Supervisor ? input.SupervisorId : null;
        user.AssistantId = user.Role == AppRole.Assistant ? input.AssistantId : null;
    }

    private static void Throw(string field, IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new ValidationFailedException(Errors(field, result).ToList());
        }
    }

    private static IEnumerable<FieldError> Errors(string field, IdentityResult result) =>
        result.Errors.Select(e => new FieldError(FieldOf(e.Code, field), e.Description));

    /// <summary>Places an Identity error on the form field it is about.</summary>
    private static string FieldOf(string code, string field) => code switch
    {
        nameof(IdentityErrorDescriber.PasswordMismatch) => CurrentPasswordField,
        _ when code.StartsWith("Password", StringComparison.Ordinal) => field == NewPasswordField ? NewPasswordField : PasswordField,
        _ => field,
    };
}
