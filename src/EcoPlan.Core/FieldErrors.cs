namespace EcoPlan.Core;

/// <summary>
/// Collects what is wrong with a use case's input, field by field (the field's input name, the message starting with its
/// label), and gives them as one <see cref="UseCaseError.Invalid"/> whose message lists them all.
/// </summary>
public sealed class FieldErrors
{
    private readonly Dictionary<string, List<string>> _fields = new(StringComparer.Ordinal);

    public bool Any => _fields.Count > 0;

    public void Add(string field, string message)
    {
        if (!_fields.TryGetValue(field, out var messages))
        {
            _fields[field] = messages = [];
        }

        messages.Add(message);
    }

    /// <summary>The errors as a refusal; null when there are none.</summary>
    public UseCaseError.Invalid? ToError() => Any
        ? new UseCaseError.Invalid(
            string.Join(Localization.CoreText.Get("Fields_Separator"), _fields.Values.SelectMany(m => m)),
            _fields.ToDictionary(f => f.Key, f => f.Value.ToArray(), StringComparer.Ordinal))
        : null;
}
