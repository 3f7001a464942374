using System.Collections;
using System.ComponentModel.DataAnnotations;
using System.Reflection;
using System.Text.Json;
using EcoPlan.Core.Configuration;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace EcoPlan.Web.Input;

/// <summary>
/// Text lengths and body sizes checked at the edge, before a handler runs: every text a request carries (a query or
/// form value, a string in a JSON body, every value of a raw form) is at most its <see cref="MaxLengthAttribute"/>
/// (the column's length, from the same constant as the EF configuration) or <see cref="MaxText"/>, else a 400 names the
/// field. Every endpoint without its own size limit reads at most <see cref="MaxBodyBytes"/>.
/// </summary>
public static class TextLengths
{
    /// <summary>The longest text the model stores from a person (a report's narrative); the cap of any text without its own.</summary>
    public const int MaxText = 4000;

    /// <summary>The body of a form or JSON request without an upload: far above the longest legitimate one (a bulk accept of 500 reports).</summary>
    public const long MaxBodyBytes = 1024 * 1024;

    /// <summary>The endpoint filter factory: checks nothing (and costs nothing) on endpoints without text arguments.</summary>
    public static EndpointFilterDelegate Filter(EndpointFilterFactoryContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        var services = context.ApplicationServices.GetRequiredService<IServiceProviderIsService>();
        var checks = context.MethodInfo.GetParameters().Select((parameter, index) => (Check: CheckFor(parameter, services), Index: index))
            .Where(c => c.Check is not null).ToList();
        return checks.Count == 0 ? next : async invocation =>
        {
            foreach (var (check, index) in checks)
            {
                if (check!(invocation.Arguments[index]) is { } tooLong)
                {
                    return TypedResults.Problem(InputValues.Problem(tooLong.Field, UiText.Get("Input_TooLong", tooLong.Field, tooLong.Limit, tooLong.Length)));
                }
            }

            return await next(invocation);
        };
    }

    /// <summary>The size limit every endpoint gets unless it sets its own (uploads: their configured limit; attachments: EcoPlan:Attachments:MaxBytes).</summary>
    public static void LimitBody(EndpointBuilder endpoint, IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        if (endpoint.Metadata.OfType<IRequestSizeLimitMetadata>().Any())
        {
            return;
        }

        var uploads = endpoint.Metadata.OfType<IParameterBindingMetadata>()
            .Any(p => typeof(IFormFile).IsAssignableFrom(p.ParameterInfo.ParameterType) || typeof(IFormFileCollection).IsAssignableFrom(p.ParameterInfo.ParameterType));
        var file = services.GetRequiredService<IOptions<EcoPlanOptions>>().Value.Attachments.MaxBytes;
        var limit = uploads ? file + 64 * 1024 : MaxBodyBytes;
        endpoint.Metadata.Add(new RequestSizeLimitAttribute(limit));
        if (uploads)
        {
            endpoint.Metadata.Add(new UploadLimit(file));
        }

        endpoint.Metadata.Add(new RequestFormLimitsAttribute { MultipartBodyLengthLimit = limit });
    }

    private sealed record TooLong(string Field, int Limit, int Length);

    private static Func<object?, TooLong?>? CheckFor(ParameterInfo parameter, IServiceProviderIsService services)
    {
        var type = Nullable.GetUnderlyingType(parameter.ParameterType) ?? parameter.ParameterType;
        if (type == typeof(string))
        {
            var name = parameter.GetCustomAttribute<FromQueryAttribute>()?.Name ?? parameter.GetCustomAttribute<FromFormAttribute>()?.Name ?? parameter.Name!;
            var limit = parameter.GetCustomAttribute<MaxLengthAttribute>()?.Length ?? MaxText;
            return value => value is string text && text.Length > limit ? new TooLong(name, limit, text.Length) : null;
        }

        if (typeof(IFormCollection).IsAssignableFrom(type))
        {
            return value => value is IFormCollection form
                ? form.SelectMany(field => field.Value.Select(text => (field.Key, Text: text ?? "")))
                    .Where(f => f.Text.Length > MaxText).Select(f => new TooLong(f.Key, MaxText, f.Text.Length)).FirstOrDefault()
                : null;
        }

        // Only a body is walked, never a service argument.
        return IsRequestRecord(type) && !services.IsService(type) && parameter.GetCustomAttribute<FromServicesAttribute>() is null
            ? value => InObject(value, "", depth: 0) : null;
    }

    /// <summary>A record of the app's own (EcoPlan.*), as request bodies and their parts are: its strings are checked.</summary>
    private static bool IsRequestRecord(Type type) =>
        type.Namespace?.StartsWith("EcoPlan.", StringComparison.Ordinal) == true && type.GetMethod("<Clone>$") is not null;

    private static TooLong? InObject(object? value, string path, int depth)
    {
        if (value is null || depth > 4)
        {
            return null;
        }

        foreach (var property in value.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.GetIndexParameters().Length > 0 || property.GetMethod is not { IsPublic: true })
            {
                continue;
            }

            var field = path + JsonNamingPolicy.CamelCase.ConvertName(property.Name);
            var item = property.GetValue(value);
            var found = item switch
            {
                string text => text.Length > (property.GetCustomAttribute<MaxLengthAttribute>()?.Length ?? MaxText)
                    ? new TooLong(field, property.GetCustomAttribute<MaxLengthAttribute>()?.Length ?? MaxText, text.Length) : null,
                IDictionary => null,
                IEnumerable list and not string => InList(list, field, depth),
                _ when item is not null && IsRequestRecord(item.GetType()) => InObject(item, field + ".", depth + 1),
                _ => null,
            };
            if (found is not null)
            {
                return found;
            }
        }

        return null;
    }

    private static TooLong? InList(IEnumerable list, string field, int depth)
    {
        var i = 0;
        foreach (var element in list)
        {
            var found = element switch
            {
                string text when text.Length > MaxText => new TooLong($"{field}[{i}]", MaxText, text.Length),
                not null when IsRequestRecord(element.GetType()) => InObject(element, $"{field}[{i}].", depth + 1),
                _ => null,
            };
            if (found is not null)
            {
                return found;
            }

            i++;
        }

        return null;
    }
}
