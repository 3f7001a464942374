using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Metadata;
using EcoPlan.Web.Input;

namespace EcoPlan.Web.Security;

/// <summary>
/// Refuses a state-changing request another site could have made with the user's cookie. The framework checks the
/// anti-forgery token only on requests with a form body, so a POST with no body, or with a text/plain one, reached its
/// endpoint unchecked (a draft plan was published that way). Here every POST, PUT, PATCH and DELETE is checked:
/// <list type="bullet">
/// <item>to a page action (outside /api): the form's anti-forgery token, whatever the body;</item>
/// <item>to the API with the session cookie: a JSON body (Content-Type application/json, which no other site can send
/// without the browser asking first) or the anti-forgery token in the <see cref="HeaderName"/> header (uploads are
/// multipart: a script gets the token from <c>GET /api/v1/auth/antiforgery</c>). An endpoint that takes a required
/// JSON body refuses anything else by itself. Without the cookie there is no session to abuse, and the API answers 401
/// as before.</item>
/// </list>
/// It runs after authorization, so the wrong user is told 401 or 403 first, and answers 400 with a problem naming the
/// token.
/// </summary>
public static class CsrfProtection
{
    /// <summary>The request header carrying the anti-forgery token (the framework's default name).</summary>
    public const string HeaderName = "RequestVerificationToken";

    public const string FormField = "__RequestVerificationToken";

    public static IApplicationBuilder UseCsrfProtection(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            // Only a request routed to an endpoint that acts is checked: no endpoint is a 404, and the router's own 405 and
            // 415 answers are endpoints that only refuse.
            if (IsSafe(context.Request.Method) || context.GetEndpoint() is not RouteEndpoint || await IsGenuineAsync(context))
            {
                await next(context);
                return;
            }

            var api = context.Request.Path.StartsWithSegments("/api");
            var problem = InputValues.Problem(api ? HeaderName : FormField, UiText.Get(api ? "Input_ApiNeedsJsonOrToken" : "Input_Antiforgery"));
            await TypedResults.Problem(problem).ExecuteAsync(context);
        });

    private static bool IsSafe(string method) =>
        HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method) || HttpMethods.IsTrace(method);

    private static async Task<bool> IsGenuineAsync(HttpContext context)
    {
        var request = context.Request;
        if (request.Path.StartsWithSegments("/api"))
        {
            if (context.User.Identity?.IsAuthenticated != true || request.HasJsonContentType() || RequiresJsonBody(context.GetEndpoint()))
            {
                return true;
            }
        }
        else if (context.Features.Get<IAntiforgeryValidationFeature>() is { } checkedAlready)
        {
            // The framework checked the form's token already (an endpoint that binds a form).
            return checkedAlready.IsValid;
        }

        return await context.RequestServices.GetRequiredService<IAntiforgery>().IsRequestValidAsync(context);
    }

    /// <summary>
    /// An endpoint whose body must be JSON refuses any other request itself (415, or 400 for a missing body) before its
    /// handler runs, with the more useful message.
    /// </summary>
    private static bool RequiresJsonBody(Endpoint? endpoint) =>
        endpoint?.Metadata.GetMetadata<IAcceptsMetadata>() is { IsOptional: false } accepts
        && accepts.ContentTypes.Count > 0
        && accepts.ContentTypes.All(type => type.Contains("json", StringComparison.OrdinalIgnoreCase));

    /// <summary>The token for a script that posts files or bodiless requests to the API with the session cookie.</summary>
    public static Ok<AntiforgeryToken> Token(HttpContext context, IAntiforgery antiforgery)
    {
        ArgumentNullException.ThrowIfNull(antiforgery);
        var tokens = antiforgery.GetAndStoreTokens(context);
        return TypedResults.Ok(new AntiforgeryToken(HeaderName, tokens.RequestToken!));
    }

    public sealed record AntiforgeryToken(string HeaderName, string Token);
}
