using System.Security.Cryptography;
using EcoPlan.Core.Organizations;
using Microsoft.AspNetCore.Identity;

namespace EcoPlan.Core.Accounts;

/// <summary>Creating users and resetting passwords, shared by the CLI, the demo data and (later) the admin pages.</summary>
public sealed class AccountAdministration(EcoPlanDbContext db, UserManager<EcoPlanUser> users, RoleManager<IdentityRole<int>> roles)
{
    public async Task EnsureRolesAsync()
    {
        foreach (var role in Roles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                Check(await roles.CreateAsync(new IdentityRole<int>(role)), role);
            }
        }
    }

    /// <summary>Creates a user of an organization (canonical name or alias) with one role; returns the password set.</summary>
    public async Task<(EcoPlanUser User, string Password)> AddUserAsync(string userName, string organization, string role, string? leaderName = null, string? password = null, string? displayName = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(userName);
        ArgumentException.ThrowIfNullOrWhiteSpace(organization);
        if (!Roles.All.Contains(role))
        {
            throw new AccountException(Localization.CoreText.Get("Account_UnknownRole", role, string.Join(", ", Roles.All)));
        }

        if (await users.FindByNameAsync(userName) is not null)
        {
            throw new AccountException(Localization.CoreText.Get("Account_UserExists", userName));
        }

        var match = await new OrganizationDirectory(db).ResolveAsync(organization, null);
        if (match.Organization is not { } org)
        {
            throw new AccountException(match.IsAmbiguous
                ? Localization.CoreText.Get("Account_OrganizationAmbiguous", organization, string.Join(" / ", match.Candidates.Select(c => c.Name)))
                : Localization.CoreText.Get("Account_OrganizationUnknown", organization));
        }

        int? leaderId = null;
        if (role == Roles.Leader)
        {
            var name = leaderName ?? throw new AccountException(Localization.CoreText.Get("Account_LeaderNeeded"));
            var leaders = await db.Leaders.Where(l => l.Name == name).Select(l => l.Id).ToListAsync();
            leaderId = leaders.Count == 1 ? leaders[0] : throw new AccountException(Localization.CoreText.Get(leaders.Count == 0 ? "Account_LeaderUnknown" : "Account_LeaderAmbiguous", name));
        }

        await EnsureRolesAsync();
        var user = new EcoPlanUser { UserName = userName, OrganizationId = org.Id, LeaderId = leaderId, DisplayName = displayName, LockoutEnabled = true };
        password ??= GeneratePassword();
        Check(await users.CreateAsync(user, password), userName);
        Check(await users.AddToRoleAsync(user, role), userName);
        return (user, password);
    }

    /// <summary>Sets a new password (generated unless given), clears any lockout, and signs the user out everywhere.</summary>
    public async Task<string> ResetPasswordAsync(string userName, string? password = null)
    {
        var user = await users.FindByNameAsync(userName) ?? throw new AccountException(Localization.CoreText.Get("Account_UserMissing", userName));
        password ??= GeneratePassword();
        foreach (var validator in users.PasswordValidators)
        {
            Check(await validator.ValidateAsync(users, user, password), userName);
        }

        user.PasswordHash = users.PasswordHasher.HashPassword(user, password);
        Check(await users.UpdateSecurityStampAsync(user), userName);
        Check(await users.SetLockoutEndDateAsync(user, null), userName);
        Check(await users.ResetAccessFailedCountAsync(user), userName);
        return password;
    }

    /// <summary>16 characters from letters and digits that cannot be mistaken for each other, with each class present.</summary>
    public static string GeneratePassword()
    {
        const string Upper = "ABCDEFGHJKLMNPQRSTUVWXYZ";
        const string Lower = "abcdefghijkmnpqrstuvwxyz";
        const string Digits = "23456789";
        var all = Upper + Lower + Digits;
        var chars = new char[16];
        chars[0] = Upper[RandomNumberGenerator.GetInt32(Upper.Length)];
        chars[1] = Lower[RandomNumberGenerator.GetInt32(Lower.Length)];
        chars[2] = Digits[RandomNumberGenerator.GetInt32(Digits.Length)];
        for (var i = 3; i < chars.Length; i++)
        {
            chars[i] = all[RandomNumberGenerator.GetInt32(all.Length)];
        }

        RandomNumberGenerator.Shuffle(chars.AsSpan());
        return new string(chars);
    }

    private static void Check(IdentityResult result, string subject)
    {
        if (!result.Succeeded)
        {
            throw new AccountException($"{subject}: {string.Join("; ", result.Errors.Select(e => e.Description))}");
        }
    }
}

/// <summary>An account operation refused, with the reason in one line.</summary>
public sealed class AccountException : Exception
{
    public AccountException(string message) : base(message) { }
    public AccountException(string message, Exception innerException) : base(message, innerException) { }
    public AccountException() { }
}
