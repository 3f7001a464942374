using EcoPlan.Core.Accounts;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.AspNetCore.Identity;

namespace EcoPlan.Web.Accounts;

/// <summary>The names of EcoPlan's authorization policies; every page and endpoint uses one of these or the fallback (signed in).</summary>
public static class Policies
{
    /// <summary>Import, publish and edit plans: admins and coordinators (which plans: <see cref="ManagePlansOf"/>).</summary>
    public const string ManagePlans = "ManagePlans";

    /// <summary>Edit the unit directory: admins and coordinators.</summary>
    public const string ManageDirectory = "ManageDirectory";

    /// <summary>System-wide settings (methodology weights): admins only.</summary>
    public const string Admin = "Admin";
}

/// <summary>
/// Where a refused action (a form post) is sent: the denied page, which says 无权操作 and why. The reason is a code
/// the page turns into text, never text taken from the URL.
/// </summary>
public static class Refused
{
    /// <summary>The user's role may not do this at all (a unit or viewer posting a coordinator's form).</summary>
    public const string Role = "/denied?why=role";

    /// <summary>The denied page with the use case's own reason (which unit or plan, of which region), sealed so the URL cannot forge it.</summary>
    public static IResult Because(string reason) => new EcoPlan.Web.Localization.RedirectWithMessage("/denied", reason, "why");
}

/// <summary>A coordinator may manage plans of its own organization's region only.</summary>
public sealed record ManagePlansOf(int RegionId) : IAuthorizationRequirement;

/// <summary>Decides the data-scoped requirements from the user's claims, by the rules in <see cref="UserAccess"/>.</summary>
internal sealed class ScopedAccessHandler : IAuthorizationHandler
{
    public Task HandleAsync(AuthorizationHandlerContext context)
    {
        if (UserAccess.From(context.User) is not { } user)
        {
            return Task.CompletedTask;
        }

        foreach (var requirement in context.PendingRequirements.ToList())
        {
            var allowed = requirement switch
            {
                ManagePlansOf r => user.CanManagePlansOf(r.RegionId),
                _ => false,
            };
            if (allowed)
            {
                context.Succeed(requirement);
            }
        }

        return Task.CompletedTask;
    }
}

public static class AuthSetup
{
    public const string CookieName = "ecoplan.auth";

    public static IServiceCollection AddEcoPlanAuth(this IServiceCollection services)
    {
        services.AddIdentity<EcoPlanUser, IdentityRole<int>>(AccountsRegistration.ConfigurePolicy)
            .AddEntityFrameworkStores<EcoPlanDbContext>()
            .AddClaimsPrincipalFactory<EcoPlanClaimsFactory>()
            .AddDefaultTokenProviders();
        services.AddScoped<AccountAdministration>();

        services.ConfigureApplicationCookie(options =>
        {
            options.Cookie.Name = CookieName;
            options.Cookie.HttpOnly = true;
            options.Cookie.SecurePolicy = CookieSecurePolicy.Always;
            // Lax: a cross-site form or script cannot send the cookie with a POST, PUT or DELETE.
            options.Cookie.SameSite = SameSiteMode.Lax;
            options.ExpireTimeSpan = TimeSpan.FromHours(8);
            options.SlidingExpiration = true;
            options.LoginPath = "/login";
            options.AccessDeniedPath = "/denied";
            options.Events.OnRedirectToLogin = context => Answer(context, StatusCodes.Status401Unauthorized);
            options.Events.OnRedirectToAccessDenied = context => Answer(context, StatusCodes.Status403Forbidden);
        });

        // The session cookie's security stamp is checked against the user's on every request, not every 30 minutes:
        // signing out, a new password or a reset by an administrator ends every session of that user at once.
        services.Configure<SecurityStampValidatorOptions>(options => options.ValidationInterval = TimeSpan.Zero);

        // Sign-in cookies must survive a restart: keep the keys beside the database.
        services.AddOptions<KeyManagementOptions>().Configure<DatabaseSettings, ILoggerFactory>((options, settings, logs) =>
            options.XmlRepository = new FileSystemXmlRepository(new DirectoryInfo(Path.Combine(settings.DataDirectory, "keys")), logs));

        services.AddSingleton<IAuthorizationHandler, ScopedAccessHandler>();
        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
            .AddPolicy(Policies.ManagePlans, policy => policy.RequireRole(Roles.Admin, Roles.Coordinator))
            .AddPolicy(Policies.ManageDirectory, policy => policy.RequireRole(Roles.Admin, Roles.Coordinator))
            .AddPolicy(Policies.Admin, policy => policy.RequireRole(Roles.Admin));
        services.AddHttpContextAccessor();
        services.AddScoped<CurrentUser>();
        return services;
    }

    /// <summary>The API answers 401/403; pages are sent to the login or denied page.</summary>
    private static Task Answer(Microsoft.AspNetCore.Authentication.RedirectContext<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions> context, int status)
    {
        if (context.Request.Path.StartsWithSegments("/api"))
        {
            context.Response.StatusCode = status;
            return Task.CompletedTask;
        }

        // A refused form post is an action, not a page to view: the denied page says so and why. A policy refuses by role
        // only; a refusal about a unit, plan or region is the use case's, with its own reason (UseCaseResponses.ToPage).
        var refusedAction = status == StatusCodes.Status403Forbidden && !HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method);
        // The handler's RedirectUri is absolute, built from the request's Host header: send only its path, so a forged
        // Host (evil.example) is never echoed into a Location a browser follows.
        context.Response.Redirect(refusedAction ? Refused.Role : LocalPart(context.RedirectUri));
        return Task.CompletedTask;
    }

    private static string LocalPart(string uri) =>
        Uri.TryCreate(uri, UriKind.Absolute, out var absolute) ? absolute.PathAndQuery : uri;
}

/// <summary>The signed-in user of this request, or null for anonymous requests.</summary>
public sealed class CurrentUser(IHttpContextAccessor http, IAuthorizationService authorization)
{
    private UserAccess? _access;

    public UserAccess? Access => _access ??= http.HttpContext is { } context ? UserAccess.From(context.User) : null;

    public UserAccess Required => Access ?? throw new InvalidOperationException("The page or endpoint requires a signed-in user.");

    public async Task<bool> IsAllowedAsync(IAuthorizationRequirement requirement) =>
        http.HttpContext is { } context && (await authorization.AuthorizeAsync(context.User, null, requirement)).Succeeded;
}
