using EcoPlan.Web.Clues.Map;

namespace EcoPlan.Web.Security;

/// <summary>
/// The response headers that keep a page to its own content: no script, style or frame from elsewhere, no framing by
/// another site, no browser features it never uses. The pages carry no inline script and no inline style at all, so the
/// policy needs no hashes; only Swagger UI (its own bundle, which sets styles inline) gets a looser one under /swagger.
/// Images come from the site itself, and from the 天地图 tile servers only when a basemap key is configured.
/// </summary>
public static class SecurityHeaders
{
    private const string SwaggerPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; "
        + "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    // Camera and geolocation stay with the site itself: the clue inspector's page will take photos and locate the phone.
    private const string FeaturePolicy = "camera=(self), geolocation=(self), microphone=(), payment=(), usb=(), interest-cohort=()";

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var basemap = TiandituBasemap.Key(app.ApplicationServices.GetRequiredService<IConfiguration>()) is not null;
        var pagePolicy = PagePolicy(basemap);
        // 天地图 checks a browser key against the site's domain, which it learns from the Referer; "same-origin" sends it
        // none. With a basemap the browser default is used instead: other sites get the origin, never a page's path.
        var referrerPolicy = basemap ? "strict-origin-when-cross-origin" : "same-origin";
        return app.Use(async (context, next) =>
        {
            var headers = context.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = referrerPolicy;
            headers.ContentSecurityPolicy = context.Request.Path.StartsWithSegments("/swagger") ? SwaggerPolicy : pagePolicy;
            headers["Permissions-Policy"] = FeaturePolicy;
            await next(context);
        });
    }

    private static string PagePolicy(bool basemap) =>
        "default-src 'self'; script-src 'self'; style-src 'self'; "
        + $"img-src 'self' data:{(basemap ? " " + string.Join(' ', TiandituBasemap.Hosts) : "")}; font-src 'self'; connect-src 'self'; "
        + "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";
}
