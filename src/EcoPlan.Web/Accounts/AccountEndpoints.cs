using EcoPlan.Core.Accounts;
using EcoPlan.Web.Security;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace EcoPlan.Web.Accounts;

public static class AccountEndpoints
{
    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder app)
    {
        // The login page's form and the logout button post here; anti-forgery is checked because they bind forms.
        // Both sign-in endpoints share one rate-limit policy per client address; the handlers add the per-account limit.
        app.MapPost("/account/login", LoginForm).AllowAnonymous().RequireRateLimiting(SignInThrottle.PolicyName).ExcludeFromDescription();
        app.MapPost("/account/logout", LogoutForm).WithMetadata(new RequireAntiforgeryTokenAttribute()).ExcludeFromDescription();

        var auth = app.MapGroup("/api/v1/auth").WithTags("Accounts");
        auth.MapPost("/login", Login).AllowAnonymous().RequireRateLimiting(SignInThrottle.PolicyName).WithName(nameof(Login))
            .Produces<UserAccess>().ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status429TooManyRequests)
            .WithSummary("Signs in with user name and password and sets the session cookie that the API and the pages accept.");
        auth.MapPost("/logout", Logout).WithName(nameof(Logout)).WithSummary("Signs out everywhere: this and every other session of the user end.");
        auth.MapGet("/antiforgery", CsrfProtection.Token).WithName("Antiforgery")
            .WithSummary("The anti-forgery token a script sends in the RequestVerificationToken header with a write that has no JSON body (a file upload, a POST without a body).");
        app.MapGet("/api/v1/me", Me).WithTags("Accounts").WithName(nameof(Me)).WithSummary("The signed-in user: role, organization, region, leader.");
        return app;
    }

    public sealed record LoginRequest([property: System.ComponentModel.DataAnnotations.MaxLength(256)] string UserName, [property: System.ComponentModel.DataAnnotations.MaxLength(256)] string Password);

    public static async Task<IResult> Login(LoginRequest request, PasswordSignIn passwords, SignInManager<EcoPlanUser> signIn, HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(passwords);
        ArgumentNullException.ThrowIfNull(signIn);
        ArgumentNullException.ThrowIfNull(context);
        var attempt = await passwords.AttemptAsync(request.UserName, request.Password, context.RequestAborted);
        return attempt.Outcome switch
        {
            SignInOutcome.SignedIn => TypedResults.Ok(UserAccess.From(await signIn.CreateUserPrincipalAsync(attempt.User!))!),
            SignInOutcome.Throttled => SignInThrottle.TooMany(context, attempt.RetryAfter),
            SignInOutcome.LockedByAdministrator => TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized,
                title: UiText.Get("Api_LockedOut"), detail: UiText.Get("Api_LockedOutDetail")),
            SignInOutcome.Failed => TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized,
                title: UiText.Get("Api_SignInFailed"), detail: UiText.Get("Api_WrongPassword")),
            _ => throw new InvalidOperationException(attempt.Outcome.ToString()),
        };
    }

    public static async Task<NoContent> Logout(HttpContext context, SignInManager<EcoPlanUser> signIn)
    {
        await EndEverySessionAsync(context, signIn);
        return TypedResults.NoContent();
    }

    /// <summary>
    /// Signs out, and changes the user's security stamp so that every other cookie of theirs (another browser, one a
    /// script or an attacker kept) is refused from the next request on, not only this one.
    /// </summary>
    private static async Task EndEverySessionAsync(HttpContext context, SignInManager<EcoPlanUser> signIn)
    {
        if (await signIn.UserManager.GetUserAsync(context.User) is { } user)
        {
            await signIn.UserManager.UpdateSecurityStampAsync(user);
        }

        await signIn.SignOutAsync();
    }

    public static Ok<UserAccess> Me(CurrentUser current)
    {
        ArgumentNullException.ThrowIfNull(current);
        return TypedResults.Ok(current.Required);
    }

    public static async Task<IResult> LoginForm([FromForm] string userName, [FromForm] string password, [FromForm] string? returnUrl, PasswordSignIn passwords, HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(passwords);
        ArgumentNullException.ThrowIfNull(context);
        var back = SafeReturnUrl(returnUrl);
        var attempt = await passwords.AttemptAsync(userName, password, context.RequestAborted);
        return attempt.Outcome switch
        {
            SignInOutcome.SignedIn => TypedResults.LocalRedirect(back),
            SignInOutcome.Throttled => SignInThrottle.TooMany(context, attempt.RetryAfter),
            SignInOutcome.LockedByAdministrator => TypedResults.LocalRedirect($"/login?error=locked&returnUrl={Uri.EscapeDataString(back)}"),
            SignInOutcome.Failed => TypedResults.LocalRedirect($"/login?error=failed&returnUrl={Uri.EscapeDataString(back)}"),
            _ => throw new InvalidOperationException(attempt.Outcome.ToString()),
        };
    }

    public static async Task<RedirectHttpResult> LogoutForm(HttpContext context, SignInManager<EcoPlanUser> signIn)
    {
        await EndEverySessionAsync(context, signIn);
        return TypedResults.LocalRedirect("/login");
    }

    /// <summary>
    /// Only a path on this site, else home: a link must not send the user elsewhere. The rule LocalRedirect checks
    /// (which throws otherwise), control characters included: browsers drop a tab, so "/\t/evil.example" is "//evil.example".
    /// </summary>
    public static string SafeReturnUrl(string? returnUrl) =>
        returnUrl is { Length: > 0 } url && url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal) && !url.StartsWith("/\\", StringComparison.Ordinal)
            && !url.Any(char.IsControl)
            ? url
            : "/";
}
