using System.Reflection;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;

namespace EcoPlan.Web.Input;

/// <summary>Input checks every minimal-API endpoint gets, applied once to the group the app maps them in.</summary>
public static class InputConventions
{
    /// <summary>
    /// An enum argument must be a member (binding a query value takes any number, ?status=99, which no switch expects),
    /// and what the pipeline answers before the handler is in the OpenAPI document (<see cref="DocumentMiddlewareAnswers"/>).
    /// </summary>
    public static RouteGroupBuilder WithInputChecks(this RouteGroupBuilder group)
    {
        ArgumentNullException.ThrowIfNull(group);
        group.AddEndpointFilterFactory((context, next) =>
        {
            var enums = context.MethodInfo.GetParameters()
                .Select((parameter, index) => (Parameter: parameter, Index: index))
                .Where(p => (Nullable.GetUnderlyingType(p.Parameter.ParameterType) ?? p.Parameter.ParameterType).IsEnum)
                .Select(p => (Name: p.Parameter.GetCustomAttribute<FromQueryAttribute>()?.Name ?? p.Parameter.Name!, p.Index))
                .ToList();
            return enums.Count == 0 ? next : async invocation =>
            {
                foreach (var (name, index) in enums)
                {
                    if (invocation.Arguments[index] is Enum value && !Enum.IsDefined(value.GetType(), value))
                    {
                        return TypedResults.Problem(InputValues.Problem(name, InputValues.NotA(name, value.ToString(), value.GetType())));
                    }
                }

                return await next(invocation);
            };
        });
        group.AddEndpointFilterFactory(TextLengths.Filter);
        // Last, so the metadata inferred from the handler (its parameters, its body) and the endpoint's own are all there.
        ((IEndpointConventionBuilder)group).Finally(endpoint =>
        {
            TextLengths.LimitBody(endpoint, endpoint.ApplicationServices);
            DocumentMiddlewareAnswers(endpoint);
        });
        return group;
    }

    /// <summary>
    /// The statuses the pipeline answers before the handler runs, in the endpoint's OpenAPI document where the endpoint
    /// does not list them itself: 400 (a query, form or body value that does not bind, a write without its anti-forgery
    /// token), 415 (a body of another media
    /// type), 401 (not signed in, unless the endpoint is open) and 403 (an authorization policy the user does not meet).
    /// </summary>
    private static void DocumentMiddlewareAnswers(EndpointBuilder endpoint)
    {
        var pattern = (endpoint as RouteEndpointBuilder)?.RoutePattern;
        var accepts = endpoint.Metadata.OfType<IAcceptsMetadata>().FirstOrDefault();
        var readsText = endpoint.Metadata.OfType<IParameterBindingMetadata>()
            .Any(p => InputValues.IsScalar(p.ParameterInfo.ParameterType) && pattern?.GetParameter(p.Name) is null);
        var open = endpoint.Metadata.OfType<IAllowAnonymous>().Any();
        var policy = endpoint.Metadata.OfType<IAuthorizeData>().Any(a => a.Policy is not null || a.Roles is not null);
        // A write also answers 400 without its anti-forgery token or JSON body (CsrfProtection).
        var writes = endpoint.Metadata.OfType<IHttpMethodMetadata>().Any(m => m.HttpMethods.Any(h => !HttpMethods.IsGet(h) && !HttpMethods.IsHead(h)));
        Add(endpoint, StatusCodes.Status400BadRequest, typeof(HttpValidationProblemDetails), accepts is not null || readsText || writes);
        Add(endpoint, StatusCodes.Status415UnsupportedMediaType, typeof(ProblemDetails), accepts is not null);
        Add(endpoint, StatusCodes.Status401Unauthorized, typeof(ProblemDetails), !open);
        Add(endpoint, StatusCodes.Status403Forbidden, typeof(ProblemDetails), !open && policy);
    }

    private static void Add(EndpointBuilder endpoint, int status, Type type, bool answered)
    {
        if (answered && !endpoint.Metadata.OfType<IProducesResponseTypeMetadata>().Any(p => p.StatusCode == status))
        {
            endpoint.Metadata.Add(new ProducesResponseTypeMetadata(status, type, ["application/problem+json"]));
        }
    }
}
