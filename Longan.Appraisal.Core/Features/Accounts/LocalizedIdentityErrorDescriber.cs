using Longan.Appraisal.Core.Resources;
using Microsoft.AspNetCore.Identity;

namespace Longan.Appraisal.Core.Features.Accounts;

/// <summary>Identity's errors in the UI language (Chinese by default) instead of its built-in English.</summary>
public sealed class LocalizedIdentityErrorDescriber : IdentityErrorDescriber
{
    public override IdentityError DuplicateUserName(string userName) => new() { Code = nameof(DuplicateUserName), Description = Messages.UserNameTaken(userName) };
    public override IdentityError InvalidUserName(string? userName) => new() { Code = nameof(InvalidUserName), Description = Messages.UserNameInvalid };
    public override IdentityError PasswordTooShort(int length) => new() { Code = nameof(PasswordTooShort), Description = Messages.PasswordTooShort(length) };
    public override IdentityError PasswordMismatch() => new() { Code = nameof(PasswordMismatch), Description = Messages.CurrentPasswordWrong };
    public override IdentityError PasswordRequiresUniqueChars(int uniqueChars) => new() { Code = nameof(PasswordRequiresUniqueChars), Description = Messages.PasswordTooSimple(uniqueChars) };
    public override IdentityError ConcurrencyFailure() => new() { Code = nameof(ConcurrencyFailure), Description = Messages.ConcurrencyFailure };
    public override IdentityError DefaultError() => new() { Code = nameof(DefaultError), Description = Messages.UnexpectedAccountError };
}
