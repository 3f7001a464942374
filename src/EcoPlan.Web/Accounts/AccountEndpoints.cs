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
        app.MapPost("/account/login", LoginForm).AllowAnonymous().ExcludeFromDescription();
        app.MapPost("/account/logout", LogoutForm).WithMetadata(new RequireAntiforgeryTokenAttribute()).ExcludeFromDescription();

        var auth = app.MapGroup("/api/v1/auth").WithTags("Accounts");
        auth.MapPost("/login", Login).AllowAnonymous().WithName(nameof(Login)).ProducesProblem(StatusCodes.Status401Unauthorized)
            .WithSummary("Signs in with user name and password and sets the session cookie that the API and the pages accept.");
        auth.MapPost("/logout", Logout).WithName(nameof(Logout)).WithSummary("Signs out everywhere: this and every other session of the user end.");
        auth.MapGet("/antiforgery", CsrfProtection.Token).WithName("Antiforgery")
            .WithSummary("The anti-forgery token a script sends in the RequestVerificationToken header with a write that has no JSON body (a file upload, a POST without a body).");
        app.MapGet("/api/v1/me", Me).WithTags("Accounts").WithName(nameof(Me)).WithSummary("The signed-in user: role, organization, region, leader.");
        return app;
    }

    public sealed record LoginRequest(string UserName, string Password);

    public static async Task<Results<Ok<UserAccess>, ProblemHttpResult>> Login(LoginRequest request, SignInManager<EcoPlanUser> signIn, CurrentUser current)
    {
        ArgumentNullException.ThrowIfNull(request);
        var result = await signIn.PasswordSignInAsync(request.UserName ?? "", request.Password ?? "", isPersistent: false, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            var user = await signIn.UserManager.FindByNameAsync(request.UserName!);
            var principal = await signIn.CreateUserPrincipalAsync(user!);
            return TypedResults.Ok(UserAccess.From(principal)!);
        }

        return TypedResults.Problem(
            statusCode: StatusCodes.Status401Unauthorized,
            title: UiText.Get(result.IsLockedOut ? "Api_LockedOut" : "Api_SignInFailed"),
            detail: UiText.Get(result.IsLockedOut ? "Api_LockedOutDetail" : "Api_WrongPassword"));
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

    public static async Task<RedirectHttpResult> LoginForm([FromForm] string userName, [FromForm] string password, [FromForm] string? returnUrl, SignInManager<EcoPlanUser> signIn)
    {
        var back = SafeReturnUrl(returnUrl);
        var result = await signIn.PasswordSignInAsync(userName ?? "", password ?? "", isPersistent: false, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            return TypedResults.LocalRedirect(back);
        }

        var error = result.IsLockedOut ? "locked" : "failed";
        return TypedResults.LocalRedirect($"/login?error={error}&returnUrl={Uri.EscapeDataString(back)}");
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
