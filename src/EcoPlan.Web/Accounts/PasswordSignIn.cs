using EcoPlan.Core.Accounts;
using Microsoft.AspNetCore.Identity;

namespace EcoPlan.Web.Accounts;

/// <summary>What a sign-in attempt came to; the caller turns it into the API's or the form's answer.</summary>
public enum SignInOutcome
{
    SignedIn,

    /// <summary>Unknown name or wrong password: one answer for both, so the answer does not say which names exist.</summary>
    Failed,

    /// <summary>The right password of an account an administrator has locked (a lockout end in the future).</summary>
    LockedByAdministrator,

    /// <summary>The account name's bucket is empty (see <see cref="SignInThrottle"/>); <see cref="SignInAttempt.RetryAfter"/> says how long.</summary>
    Throttled,
}

public sealed record SignInAttempt(SignInOutcome Outcome, EcoPlanUser? User = null, TimeSpan RetryAfter = default);

/// <summary>
/// Password sign-in for the login page and the API. Unlike SignInManager.PasswordSignInAsync it never counts failures
/// toward Identity's lockout (which let anyone lock any account), and it spends the same work on an unknown name as on a
/// known one: the password hasher runs against a dummy hash, and the back-off is kept per name whether or not it exists.
/// </summary>
public sealed class PasswordSignIn(SignInManager<EcoPlanUser> signIn, SignInThrottle throttle, TimeProvider time)
{
    // A hash of a random password made once per process with the app's own hasher and its settings, so verifying against
    // it costs what verifying a real user's hash costs. Two requests racing to make it both make a valid one.
    private static string? s_dummyHash;

    public async Task<SignInAttempt> AttemptAsync(string? userName, string? password, CancellationToken cancellationToken)
    {
        var users = signIn.UserManager;
        var name = users.NormalizeName(userName ?? "") ?? "";
        if (throttle.TryAttempt(name) is { } wait)
        {
            return new SignInAttempt(SignInOutcome.Throttled, RetryAfter: wait);
        }

        if (throttle.Backoff(name) is { } delay && delay > TimeSpan.Zero)
        {
            await Task.Delay(delay, time, cancellationToken);
        }

        var user = name.Length == 0 ? null : await users.FindByNameAsync(userName!);
        if (user is null)
        {
            var nobody = new EcoPlanUser();
            s_dummyHash ??= users.PasswordHasher.HashPassword(nobody, AccountAdministration.GeneratePassword());
            _ = users.PasswordHasher.VerifyHashedPassword(nobody, s_dummyHash, password ?? "");
            throttle.RecordFailure(name);
            return new SignInAttempt(SignInOutcome.Failed);
        }

        if (!await users.CheckPasswordAsync(user, password ?? ""))
        {
            throttle.RecordFailure(name);
            return new SignInAttempt(SignInOutcome.Failed);
        }

        throttle.RecordSuccess(name);
        // Only someone who knows the password learns that the account is locked or may not sign in.
        if (await users.IsLockedOutAsync(user) || !await signIn.CanSignInAsync(user))
        {
            return new SignInAttempt(SignInOutcome.LockedByAdministrator, user);
        }

        await signIn.SignInAsync(user, isPersistent: false);
        return new SignInAttempt(SignInOutcome.SignedIn, user);
    }
}
