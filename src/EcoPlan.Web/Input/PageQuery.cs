using System.Reflection;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Endpoints;

namespace EcoPlan.Web.Input;

/// <summary>
/// The query values a page binds ([SupplyParameterFromQuery]), checked before the page is made: Blazor throws when one
/// does not parse as its property's type (?unit=abc, ?published=0), which was a 500. The layout shows this 400 instead.
/// </summary>
public static class PageQuery
{
    /// <summary>Why the request's query does not fit its page (the first value that does not parse), or null when it does.</summary>
    public static string? Problem(HttpContext? context)
    {
        if (context?.GetEndpoint()?.Metadata.GetMetadata<ComponentTypeMetadata>()?.Type is not { } page)
        {
            return null;
        }

        foreach (var property in page.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.GetCustomAttribute<SupplyParameterFromQueryAttribute>() is not { } query)
            {
                continue;
            }

            var name = query.Name ?? property.Name;
            var type = property.PropertyType.IsArray ? property.PropertyType.GetElementType()! : property.PropertyType;
            // Query names match in any case; the message names the parameter as the URL spells it.
            foreach (var (key, values) in context.Request.Query.Where(q => string.Equals(q.Key, name, StringComparison.OrdinalIgnoreCase)))
            {
                if (values.FirstOrDefault(value => !InputValues.Parses(type, value)) is { } bad)
                {
                    return InputValues.NotA(key, bad, type);
                }
            }
        }

        return null;
    }
}
