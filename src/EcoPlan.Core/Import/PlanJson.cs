using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using EcoPlan.Core.Plans;

namespace EcoPlan.Core.Import;

/// <summary>The plan JSON form (tests/EcoPlan.Core.Tests/Import/Truth/plan.schema.md): snake_case, Chinese unescaped, indented.</summary>
public static class PlanJson
{
    public static JsonSerializerOptions Options { get; } = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        // The output is read by people and by our own tools, never embedded in HTML, so CJK need not be escaped.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower), new DeadlineJsonConverter() },
    };

    public static string Serialize(ParsedPlan plan) => JsonSerializer.Serialize(plan, Options);
}

/// <summary>Writes a deadline as {raw, date, continuous} plus recurrence or unparsed only when they apply.</summary>
public sealed class DeadlineJsonConverter : JsonConverter<Deadline>
{
    public override Deadline Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        using var document = JsonDocument.ParseValue(ref reader);
        var root = document.RootElement;
        var deadline = new Deadline { Raw = root.TryGetProperty("raw", out var raw) ? raw.GetString() ?? "" : "" };
        if (root.TryGetProperty("date", out var date) && date.ValueKind == JsonValueKind.String)
        {
            deadline.Date = DateOnly.ParseExact(date.GetString()!, "yyyy-MM-dd", CultureInfo.InvariantCulture);
            deadline.Kind = DeadlineKind.Date;
        }
        else if (root.TryGetProperty("continuous", out var continuous) && continuous.ValueKind == JsonValueKind.True)
        {
            deadline.Kind = DeadlineKind.Continuous;
        }
        else if (root.TryGetProperty("recurrence", out var recurrence) && recurrence.ValueKind == JsonValueKind.String
            && Enum.TryParse<Recurrence>(recurrence.GetString(), ignoreCase: true, out var value))
        {
            deadline.Kind = DeadlineKind.Recurring;
            deadline.Recurrence = value;
        }
        else
        {
            deadline.Kind = DeadlineKind.Unparsed;
        }

        return deadline;
    }

    public override void Write(Utf8JsonWriter writer, Deadline value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        writer.WriteStartObject();
        writer.WriteString("raw", value.Raw);
        if (value.Date is { } date)
        {
            writer.WriteString("date", date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        }
        else
        {
            writer.WriteNull("date");
        }

        writer.WriteBoolean("continuous", value.Kind == DeadlineKind.Continuous);
        if (value.Kind == DeadlineKind.Recurring && value.Recurrence is { } recurrence)
        {
            writer.WriteString("recurrence", JsonNamingPolicy.SnakeCaseLower.ConvertName(recurrence.ToString()));
        }

        if (value.Kind == DeadlineKind.Unparsed)
        {
            writer.WriteBoolean("unparsed", true);
        }

        writer.WriteEndObject();
    }
}
