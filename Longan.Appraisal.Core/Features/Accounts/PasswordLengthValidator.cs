using Longan.Appraisal.Core.Domain;
using Longan.Appraisal.Core.Resources;
using Microsoft.AspNetCore.Identity;

namespace Longan.Appraisal.Core.Features.Accounts;

/// <summary>A password has an upper limit too (OWASP ASVS 2.1.2 asks for at least 64 characters to be allowed; 128 are).</summary>
public sealed class PasswordLengthValidator : IPasswordValidator<AppUser>
{
    public const int MaxLength = 128;

    public Task<IdentityResult> ValidateAsync(UserManager<AppUser> manager, AppUser user, string? password) =>
        Task.FromResult(password is { Length: > MaxLength }
            ? IdentityResult.Failed(new IdentityError { Code = "PasswordTooLong", Description = Messages.PasswordTooLong(MaxLength) })
            : IdentityResult.Success);
}
