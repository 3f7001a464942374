using System.Reflection;
using EcoPlan.Core;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Metadata;

namespace EcoPlan.Web.UseCases;

/// <summary>
/// The one place a use case's refusal becomes an answer: problem details for an endpoint (<see cref="ToHttp{T, TOk}"/>),
/// the denied page or a message on the form's page for a form post (<see cref="ToPage{T}"/>), the status of a page
/// that shows the refusal itself (<see cref="StatusCode"/>). Endpoints, pages and forms never map errors themselves.
/// </summary>
public static class UseCaseResponses
{
    /// <summary>An endpoint's answer: <paramref name="ok"/> of the value, or the refusal as problem details.</summary>
    public static Results<TOk, UseCaseProblem> ToHttp<T, TOk>(this UseCaseResult<T> result, Func<T, TOk> ok)
        where TOk : IResult
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(ok);
        return result.Error is { } error ? new UseCaseProblem(error) : ok(result.Value!);
    }

    /// <summary>
    /// A form post's answer: <paramref name="done"/> of the value; a refusal of the caller's rights goes to the denied
    /// page with its reason; any other refusal back to <paramref name="page"/> (the form's page, or its parent when
    /// the thing is gone) with the message, sealed (<see cref="PageMessages"/>), at <paramref name="fragment"/> (#progress) when given.
    /// </summary>
    public static IResult ToPage<T>(this UseCaseResult<T> result, Func<T, IResult> done, string page, string fragment = "")
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(done);
        return result.Error switch
        {
            null => done(result.Value!),
            UseCaseError.Forbidden forbidden => Refused.Because(forbidden.Message),
            var error => new RedirectWithMessage(page, error.Message, fragment: fragment),
        };
    }

    /// <summary>The HTTP status a refusal stands for, for a page that shows the refusal in place.</summary>
    public static int StatusCode(UseCaseError? error) => error switch
    {
        null => StatusCodes.Status200OK,
        UseCaseError.NotFound => StatusCodes.Status404NotFound,
        UseCaseError.Forbidden => StatusCodes.Status403Forbidden,
        UseCaseError.Conflict => StatusCodes.Status409Conflict,
        _ => StatusCodes.Status400BadRequest,
    };
}

/// <summary>
/// A use case's refusal as RFC 9457 problem details: 400 with the wrong fields under <c>errors</c>, 403, 404 or 409,
/// the title localized, the detail the use case's own message. As a typed result it documents those four responses
/// in the OpenAPI document of every endpoint that can answer them.
/// </summary>
public sealed class UseCaseProblem(UseCaseError error) : IResult, IEndpointMetadataProvider, IStatusCodeHttpResult
{
    public UseCaseError Error { get; } = error ?? throw new ArgumentNullException(nameof(error));

    public int StatusCode => UseCaseResponses.StatusCode(Error);

    int? IStatusCodeHttpResult.StatusCode => StatusCode;

    public Task ExecuteAsync(HttpContext httpContext)
    {
        var title = UiText.Get("Problem_" + Error.GetType().Name);
        IResult problem = Error is UseCaseError.Invalid invalid
            ? TypedResults.ValidationProblem(invalid.Fields, detail: invalid.Message, title: title)
            : TypedResults.Problem(detail: Error.Message, statusCode: StatusCode, title: title);
        return problem.ExecuteAsync(httpContext);
    }

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        string[] problemJson = ["application/problem+json"];
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status400BadRequest, typeof(HttpValidationProblemDetails), problemJson));
        foreach (var status in new[] { StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound, StatusCodes.Status409Conflict })
        {
            builder.Metadata.Add(new ProducesResponseTypeMetadata(status, typeof(Microsoft.AspNetCore.Mvc.ProblemDetails), problemJson));
        }
    }
}

/// <summary>What a typed result cannot say about itself in the OpenAPI document.</summary>
public static class ResponseDocumentation
{
    /// <summary>A download: 200 with the file's bytes as <paramref name="contentType"/> or one of the others (a file result carries no metadata of its own).</summary>
    public static RouteHandlerBuilder ProducesFile(this RouteHandlerBuilder builder, string contentType, params string[] additionalContentTypes) =>
        builder.Produces<Stream>(StatusCodes.Status200OK, contentType, additionalContentTypes);
}
