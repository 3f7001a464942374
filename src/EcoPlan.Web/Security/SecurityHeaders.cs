namespace EcoPlan.Web.Security;

/// <summary>
/// The response headers that keep a page to its own content: no script, style or frame from elsewhere, no framing by
/// another site, no browser features it never uses. The pages carry no script and no inline style at all, so the policy
/// needs no hashes; only Swagger UI (its own bundle, which sets styles inline) gets a looser one under /swagger.
/// </summary>
public static class SecurityHeaders
{
    private const string PagePolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; "
        + "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    private const string SwaggerPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; "
        + "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    // Camera and geolocation stay with the site itself: the clue inspector's page will take photos and locate the phone.
    private const string FeaturePolicy = "camera=(self), geolocation=(self), microphone=(), payment=(), usb=(), interest-cohort=()";

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            var headers = context.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "same-origin";
            headers.ContentSecurityPolicy = context.Request.Path.StartsWithSegments("/swagger") ? SwaggerPolicy : PagePolicy;
            headers["Permissions-Policy"] = FeaturePolicy;
            await next(context);
        });
}
