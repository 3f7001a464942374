using Microsoft.AspNetCore.Localization;

namespace EcoPlan.Web.Localization;

/// <summary>Chinese first: zh-CN unless the user picked English (query ?culture=en or the culture cookie).</summary>
public static class LocalizationSetup
{
    public static readonly string[] Cultures = ["zh-CN", "en"];

    public static IApplicationBuilder UseEcoPlanLocalization(this IApplicationBuilder app) =>
        app.UseRequestLocalization(options =>
        {
            options.SetDefaultCulture(Cultures[0]).AddSupportedCultures(Cultures).AddSupportedUICultures(Cultures);
            options.RequestCultureProviders = [new QueryStringRequestCultureProvider(), new CookieRequestCultureProvider()];
        });

    /// <summary>GET /culture?name=en&amp;returnUrl=/ remembers the choice in a cookie and goes back.</summary>
    public static IEndpointRouteBuilder MapCultureEndpoint(this IEndpointRouteBuilder app)
    {
        app.MapGet("/culture", (string name, string? returnUrl, HttpContext context) =>
        {
            var culture = Cultures.Contains(name, StringComparer.OrdinalIgnoreCase) ? name : Cultures[0];
            context.Response.Cookies.Append(
                CookieRequestCultureProvider.DefaultCookieName,
                CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)),
                new CookieOptions { MaxAge = TimeSpan.FromDays(365), HttpOnly = true, SameSite = SameSiteMode.Lax, IsEssential = true, Secure = context.Request.IsHttps });
            return TypedResults.LocalRedirect(AccountEndpoints.SafeReturnUrl(returnUrl));
        }).AllowAnonymous().ExcludeFromDescription();
        return app;
    }
}
