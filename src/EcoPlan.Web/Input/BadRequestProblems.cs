using System.Reflection;
using System.Text.Json;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;

namespace EcoPlan.Web.Input;

/// <summary>
/// A request an endpoint could not bind (minimal APIs throw <see cref="BadHttpRequestException"/> with
/// <c>RouteHandlerOptions.ThrowOnBadRequest</c>) answered as a 400 problem that names the field, in the request's
/// language: a query, route or form value that does not parse or is missing, a missing body, JSON that does not read
/// (with the line and byte of the error), an expired form.
/// </summary>
public sealed class BadRequestProblems(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        if (exception is not BadHttpRequestException bad)
        {
            return false;
        }

        // The middleware has taken the endpoint and route values off the context by now; its feature keeps them.
        var failed = httpContext.Features.Get<IExceptionHandlerFeature>();
        var problem = bad.InnerException is JsonException json ? JsonProblem(failed?.Endpoint, json) : await BindingProblemAsync(httpContext, failed, bad);
        problem.Status = bad.StatusCode;
        httpContext.Response.StatusCode = bad.StatusCode;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = problem, Exception = exception });
    }

    private static HttpValidationProblemDetails JsonProblem(Endpoint? endpoint, JsonException json)
    {
        // Line and byte as an editor counts them, from 1.
        var (line, position) = ((json.LineNumber ?? 0) + 1, (json.BytePositionInLine ?? 0) + 1);
        var field = json.Path is { Length: > 2 } path ? path[2..] : "body";
        // The reader's own exception inside means the text is not JSON; otherwise a value had the wrong type or name.
        var expected = InputValues.TypeAt(endpoint?.Metadata.GetMetadata<IAcceptsMetadata>()?.RequestType, json.Path);
        var message = json.InnerException is JsonException || expected is null
            ? UiText.Get("Input_JsonSyntax", line, position)
            : UiText.Get("Input_JsonField", field, InputValues.Describe(expected), line, position);
        var problem = InputValues.Problem(field, message);
        problem.Extensions["line"] = line;
        problem.Extensions["position"] = position;
        return problem;
    }

    /// <summary>Which of the endpoint's parameters the request fails, found from the endpoint's parameter list, not the exception's text.</summary>
    private static async Task<HttpValidationProblemDetails> BindingProblemAsync(HttpContext context, IExceptionHandlerFeature? failed, BadHttpRequestException bad)
    {
        var request = context.Request;
        var accepts = failed?.Endpoint?.Metadata.GetMetadata<IAcceptsMetadata>();
        if (context.Features.Get<IAntiforgeryValidationFeature>() is { IsValid: false })
        {
            return InputValues.Problem("__RequestVerificationToken", UiText.Get("Input_Antiforgery"));
        }

        var form = request.HasFormContentType ? await request.ReadFormAsync() : null;
        var routeValues = failed?.RouteValues ?? new RouteValueDictionary();
        foreach (var parameter in failed?.Endpoint?.Metadata.OfType<IParameterBindingMetadata>() ?? [])
        {
            var info = parameter.ParameterInfo;
            var type = info.ParameterType;
            if (!InputValues.IsScalar(type))
            {
                continue;
            }

            var fromForm = info.GetCustomAttribute<FromFormAttribute>();
            var name = fromForm?.Name ?? info.GetCustomAttribute<FromQueryAttribute>()?.Name ?? parameter.Name;
            string? value = routeValues.TryGetValue(name, out var routeValue) ? Convert.ToString(routeValue, System.Globalization.CultureInfo.InvariantCulture)
                : fromForm is not null ? form?[name] : request.Query[name];
            if (string.IsNullOrEmpty(value) && !parameter.IsOptional && Nullable.GetUnderlyingType(type) is null)
            {
                return InputValues.Problem(name, UiText.Get("Input_Missing", name));
            }

            if (!InputValues.Parses(type, value))
            {
                return InputValues.Problem(name, InputValues.NotA(name, value, type));
            }
        }

        return accepts is not null && request.ContentLength is null or 0
            ? InputValues.Problem("body", UiText.Get("Input_NoBody", string.Join(", ", accepts.ContentTypes)))
            : InputValues.Problem("request", UiText.Get("Input_Unreadable"));
    }
}
