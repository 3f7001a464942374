using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace EcoPlan.Cli.Indicators;

/// <summary>How GEP-R numbers are printed: 元 to the fen, quantities as given, ratios to six decimals; JSON numbers written raw.</summary>
internal static class GeprFormat
{
    public static string Json(Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            write(w);
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>An array named <paramref name="name"/> holding one object per item, its properties written by <paramref name="write"/>.</summary>
    public static void WriteObjects<T>(Utf8JsonWriter w, string name, IEnumerable<T> items, Action<T> write)
    {
        w.WriteStartArray(name);
        foreach (var item in items)
        {
            w.WriteStartObject();
            write(item);
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    public static void Raw(Utf8JsonWriter w, string name, string number)
    {
        w.WritePropertyName(name);
        w.WriteRawValue(number);
    }

    public static void RawOrNull(Utf8JsonWriter w, string name, string? number)
    {
        if (number is null)
        {
            w.WriteNull(name);
        }
        else
        {
            Raw(w, name, number);
        }
    }

    public static void WriteIntOrNull(Utf8JsonWriter w, string name, int? value)
    {
        if (value is { } v)
        {
            w.WriteNumber(name, v);
        }
        else
        {
            w.WriteNull(name);
        }
    }

    /// <summary>元 with two decimals (fen), rounded half away from zero.</summary>
    public static string Money(decimal value) =>
        decimal.Round(value, 2, MidpointRounding.AwayFromZero).ToString("F2", CultureInfo.InvariantCulture);

    public static string Yuan(long value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>A quantity or price as given, without trailing zeros.</summary>
    public static string Quantity(decimal value) => value.ToString("0.############", CultureInfo.InvariantCulture);

    /// <summary>A ratio (growth, share) with six decimals.</summary>
    public static string Ratio(decimal value) =>
        decimal.Round(value, 6, MidpointRounding.AwayFromZero).ToString("0.######", CultureInfo.InvariantCulture);

    public static string Percent(decimal ratio) =>
        decimal.Round(ratio * 100, 2, MidpointRounding.AwayFromZero).ToString("F2", CultureInfo.InvariantCulture) + "%";

    public static string Signed(string text, decimal value) => value > 0 ? "+" + text : text;

    public static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);
}
