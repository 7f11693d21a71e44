using Longan.Appraisal.Core.Domain;
using Longan.Appraisal.Core.Persistence;
using Longan.Appraisal.Core.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Longan.Appraisal.Core.Features.Accounts;

public static class AccountsServiceCollectionExtensions
{
    /// <summary>PBKDF2 iterations for password hashes (OWASP ASVS L2 asks for at least 210 000 with HMAC-SHA512).</summary>
    public const int PasswordHashIterations = 210_000;

    /// <summary>Failed sign-ins before an account is locked for <see cref="LockoutMinutes"/>.</summary>
    public const int MaxFailedSignIns = 5;

    public const int LockoutMinutes = 15;

    /// <summary>
    /// Identity on the appraisal database with the county's policy: long passwords without
    /// composition rules, lockout after 5 failures, strong hashing, errors in Chinese.
    /// </summary>
    public static IdentityBuilder AddAppraisalIdentityCore(this IServiceCollection services)
    {
        services.Configure<PasswordHasherOptions>(o => o.IterationCount = PasswordHashIterations);
        return services.AddIdentityCore<AppUser>(options =>
            {
                options.Password.RequiredLength = 8;
                options.Password.RequireDigit = false;
                options.Password.RequireLowercase = false;
                options.Password.RequireUppercase = false;
                options.Password.RequireNonAlphanumeric = false;
                options.Password.RequiredUniqueChars = 4;
                options.Lockout.AllowedForNewUsers = true;
                options.Lockout.MaxFailedAccessAttempts = MaxFailedSignIns;
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(LockoutMinutes);
                options.User.AllowedUserNameCharacters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._";
                options.SignIn.RequireConfirmedAccount = false;
            })
            .AddEntityFrameworkStores<AppraisalDbContext>()
            .AddErrorDescriber<LocalizedIdentityErrorDescriber>()
            .AddPasswordValidator<PasswordLengthValidator>()
            .AddClaimsPrincipalFactory<AppClaimsPrincipalFactory>();
    }
}
