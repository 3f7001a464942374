using System.Collections;
using System.Reflection;
using System.Text.RegularExpressions;

namespace EcoPlan.Web.Input;

/// <summary>
/// Whether a value from a request parses as the type it is bound to, what to tell the user that type is, and the one
/// shape of the 400 problem for bad input (localized title, the field and why).
/// </summary>
public static partial class InputValues
{
    /// <summary>A type bound from a single text (route, query, header or form value) rather than a body or a service.</summary>
    public static bool IsScalar(Type type)
    {
        ArgumentNullException.ThrowIfNull(type);
        var target = Nullable.GetUnderlyingType(type) ?? type;
        return target.IsPrimitive || target.IsEnum || target == typeof(string) || target == typeof(decimal) || target == typeof(DateOnly)
            || target == typeof(DateTime) || target == typeof(DateTimeOffset) || target == typeof(Guid);
    }

    /// <summary>
    /// Parses as minimal APIs and [SupplyParameterFromQuery] do: the type's TryParse with the invariant culture, enum names
    /// or numbers; an empty value is no value, which only a nullable type may have.
    /// </summary>
    public static bool Parses(Type type, string? text)
    {
        ArgumentNullException.ThrowIfNull(type);
        var target = Nullable.GetUnderlyingType(type) ?? type;
        if (target == typeof(string) || (string.IsNullOrEmpty(text) && target != type))
        {
            return true;
        }

        if (target.IsEnum)
        {
            return Enum.TryParse(target, text, ignoreCase: true, out _);
        }

        var withCulture = target.GetMethod("TryParse", BindingFlags.Public | BindingFlags.Static, [typeof(string), typeof(IFormatProvider), target.MakeByRefType()]);
        var plain = target.GetMethod("TryParse", BindingFlags.Public | BindingFlags.Static, [typeof(string), target.MakeByRefType()]);
        return withCulture is not null ? (bool)withCulture.Invoke(null, [text, CultureInfo.InvariantCulture, null])!
            : plain is null || (bool)plain.Invoke(null, [text, null])!;
    }

    /// <summary>What a value of <paramref name="type"/> must be, as a user reads it ("整数", "NotStarted, InProgress 之一").</summary>
    public static string Describe(Type type)
    {
        ArgumentNullException.ThrowIfNull(type);
        var target = Nullable.GetUnderlyingType(type) ?? type;
        return target switch
        {
            _ when target.IsEnum => UiText.Get("Input_OneOf", string.Join(", ", Enum.GetNames(target))),
            _ when target == typeof(bool) => UiText.Get("Input_Boolean"),
            _ when target == typeof(int) || target == typeof(long) || target == typeof(short) || target == typeof(byte) => UiText.Get("Input_Integer"),
            _ when target == typeof(decimal) || target == typeof(double) || target == typeof(float) => UiText.Get("Input_Number"),
            _ when target == typeof(DateOnly) || target == typeof(DateTime) || target == typeof(DateTimeOffset) => UiText.Get("Input_Date"),
            _ when target == typeof(string) => UiText.Get("Input_Text"),
            _ when typeof(IDictionary).IsAssignableFrom(target) => UiText.Get("Input_Object"),
            _ when typeof(IEnumerable).IsAssignableFrom(target) => UiText.Get("Input_List"),
            _ => UiText.Get("Input_Object"),
        };
    }

    /// <summary>"unit 的值“abc”无效，应为整数": the field, the value it had (shortened) and what it must be.</summary>
    public static string NotA(string field, string? value, Type type) =>
        UiText.Get("Input_NotA", field, value is { Length: > 40 } ? value[..40] + "…" : value, Describe(type));

    /// <summary>The type found at a JSON path ("$.reports[0].revision") inside <paramref name="root"/>, or null where the path leaves the type.</summary>
    public static Type? TypeAt(Type? root, string? path)
    {
        var type = root;
        foreach (Match step in PathStep().Matches(path ?? ""))
        {
            type = type is null ? null : Nullable.GetUnderlyingType(type) ?? type;
            type = type switch
            {
                null => null,
                _ when ElementOf(type, typeof(IDictionary<,>)) is { } dictionary => dictionary.GetGenericArguments()[1],
                _ when step.Groups["index"].Success => ElementOf(type, typeof(IEnumerable<>))?.GetGenericArguments()[0],
                _ => type.GetProperty(step.Groups["name"].Value, BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase)?.PropertyType,
            };
        }

        return type;
    }

    private static Type? ElementOf(Type type, Type generic) =>
        type.IsGenericType && type.GetGenericTypeDefinition() == generic ? type
            : type.GetInterfaces().FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == generic);

    [GeneratedRegex(@"\.(?<name>[^.\[]+)|\['(?<name>[^']+)'\]|\[(?<index>\d+)\]")]
    private static partial Regex PathStep();

    /// <summary>The 400 (or 415) problem for bad input: a localized title, the message as detail and under the field it is about.</summary>
    public static HttpValidationProblemDetails Problem(string field, string message, int status = StatusCodes.Status400BadRequest) =>
        new(new Dictionary<string, string[]> { [field] = [message] }) { Status = status, Title = UiText.Get("Problem_400"), Detail = message };

    private static readonly string s_validationTitle = new HttpValidationProblemDetails().Title!;

    /// <summary>
    /// Every problem the app writes gets a title in the request's language where it has the framework's English one
    /// ("Bad Request", "One or more validation errors occurred."); a title an endpoint chose is kept.
    /// </summary>
    public static void Localize(ProblemDetailsContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var problem = context.ProblemDetails;
        var status = problem.Status ?? context.HttpContext.Response.StatusCode;
        if ((problem.Title is null || problem.Title == s_validationTitle || problem.Title == Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase(status))
            && status is 400 or 401 or 403 or 404 or 409 or 413 or 415)
        {
            problem.Title = UiText.Get($"Problem_{status}");
        }
    }
}
