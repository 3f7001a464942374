using System.Text.Json;

namespace EcoPlan.Core.Indicators.GepR;

/// <summary>
/// The regulating services of GEP-R as data: each service's key, Chinese name, the physical items it is valued by
/// (with their units), its model and valuation as the methods note records them, and model parameters with source
/// tags. The built-in set is embedded JSON (<c>Indicators/GepR/Data/regulating-services.json</c>); a user may supply
/// another file of the same form.
/// </summary>
public sealed record RegulatingServiceSet
{
    public required string Id { get; init; }
    public required string Name { get; init; }
    public string? About { get; init; }
    public string? MethodSource { get; init; }
    public required IReadOnlyList<RegulatingService> Services { get; init; }

    public RegulatingService? Find(string key) => Services.FirstOrDefault(s => s.Key == key);

    public RegulatingService Service(string key) =>
        Find(key) ?? throw new KeyNotFoundException($"No regulating service '{key}' in {Id}.");
}

public sealed record RegulatingService
{
    public required string Key { get; init; }

    /// <summary>The Chinese name (水源涵养 …).</summary>
    public required string Name { get; init; }
    public string? NameEn { get; init; }

    /// <summary>Where the service is named as part of a GEP-R set, with the note's tag.</summary>
    public string? Listed { get; init; }

    /// <summary>False where the note says its membership of Beijing's GEP-R set is unconfirmed.</summary>
    public bool ListedConfirmed { get; init; }
    public string? Model { get; init; }
    public string? Valuation { get; init; }
    public string? Source { get; init; }

    /// <summary>The physical quantities the service is valued by, each priced on its own (one for most services).</summary>
    public required IReadOnlyList<ServiceItem> Items { get; init; }
    public IReadOnlyList<ModelParameter> Parameters { get; init; } = [];

    public ServiceItem? FindItem(string key) => Items.FirstOrDefault(i => i.Key == key);

    public ModelParameter Parameter(string key) =>
        Parameters.FirstOrDefault(p => p.Key == key)
        ?? throw new KeyNotFoundException($"Service {Key} has no parameter '{key}'.");
}

public sealed record ServiceItem
{
    public required string Key { get; init; }
    public required string Name { get; init; }

    /// <summary>The physical unit (m³, t, m², hm², kWh); quantities may come in any unit of the same dimension.</summary>
    public required string Unit { get; init; }
}

/// <summary>A model parameter with its default value and source; input files may override it per region and year.</summary>
public sealed record ModelParameter
{
    public required string Key { get; init; }
    public required string Name { get; init; }
    public required decimal Value { get; init; }
    public string Unit { get; init; } = "";
    public bool Confirmed { get; init; }
    public string? Source { get; init; }
    public string? Note { get; init; }
}

/// <summary>Loads the built-in regulating services or a user's file of the same form.</summary>
public static class RegulatingServiceCatalog
{
    private static readonly Lazy<RegulatingServiceSet> s_builtIn = new(() =>
    {
        using var stream = OpenResource("regulating-services.json");
        return Parse(stream);
    });

    /// <summary>The ten services of the RCEES method as the note records them.</summary>
    public static RegulatingServiceSet BuiltIn => s_builtIn.Value;

    internal static Stream OpenResource(string name) =>
        typeof(RegulatingServiceCatalog).Assembly.GetManifestResourceStream($"EcoPlan.Indicators.GepR.{name}")
        ?? throw new InvalidOperationException($"The resource {name} is not embedded.");

    /// <summary>Reads and checks a services file: unique service and item keys, known units, at least one item per service.</summary>
    public static RegulatingServiceSet Parse(Stream json)
    {
        RegulatingServiceSet? set;
        try
        {
            set = JsonSerializer.Deserialize<RegulatingServiceSet>(json, DataFileJson.Options);
        }
        catch (JsonException ex)
        {
            throw new GepRException($"Not a valid services file: {ex.Message}", ex);
        }

        if (set is null || set.Services is null || set.Services.Count == 0)
        {
            throw new GepRException("Not a valid services file: it lists no services.");
        }

        var duplicate = set.Services.GroupBy(s => s.Key, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new GepRException($"The services file has service {duplicate.Key} twice.");
        }

        foreach (var service in set.Services)
        {
            if (service.Items is null || service.Items.Count == 0)
            {
                throw new GepRException($"Service {service.Key} has no items.");
            }

            var item = service.Items.GroupBy(i => i.Key, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
            if (item is not null)
            {
                throw new GepRException($"Service {service.Key} has item {item.Key} twice.");
            }

            foreach (var i in service.Items)
            {
                if (!GepRUnits.TryParse(i.Unit, out _))
                {
                    throw new GepRException($"Service {service.Key}, item {i.Key}: unknown unit '{i.Unit}'; known units: {GepRUnits.Known}.");
                }
            }
        }

        return set;
    }
}

/// <summary>A services file, price table, rules file or computation that cannot be used; the message says why.</summary>
public sealed class GepRException : Exception
{
    public GepRException()
    {
    }

    public GepRException(string message)
        : base(message)
    {
    }

    public GepRException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
