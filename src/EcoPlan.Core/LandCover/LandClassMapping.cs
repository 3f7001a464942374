using System.Text.Json;

namespace EcoPlan.Core.LandCover;

/// <summary>
/// How a product's class values map to the six <see cref="LandType"/>s, as data: the built-in files
/// (<see cref="BuiltIn"/>: clcd, esa-worldcover, gtdc3-level1, embedded from <c>LandCover/Classes/</c>) or a user's
/// file of the same shape:
/// <c>{"id": "…", "name": "…", "classes": [{"value": 1, "name": "Cropland", "land_type": "耕地"}, …]}</c>.
/// A value the file does not list counts as <see cref="LandType.None"/> (no area), and is reported as unmapped.
/// </summary>
public sealed class LandClassMapping
{
    public static readonly string[] BuiltIn = ["clcd", "esa-worldcover", "gtdc3-level1"];

    private readonly byte[] _table;

    private LandClassMapping(string id, string name, byte[] table, IReadOnlyList<(int Value, string Name, LandType Type)> classes)
    {
        Id = id;
        Name = name;
        _table = table;
        Classes = classes;
    }

    public string Id { get; }

    public string Name { get; }

    public IReadOnlyList<(int Value, string Name, LandType Type)> Classes { get; }

    /// <summary>The 256-entry table class value → land type; with <paramref name="noData"/> mapped to <see cref="LandType.None"/>.</summary>
    public byte[] Table(int? noData = null)
    {
        var table = (byte[])_table.Clone();
        if (noData is { } n)
        {
            table[n] = (byte)LandType.None;
        }

        return table;
    }

    public bool IsMapped(int value) => Classes.Any(c => c.Value == value);

    /// <summary>A built-in mapping by id (clcd, esa-worldcover, gtdc3-level1).</summary>
    public static LandClassMapping Load(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        using var stream = typeof(LandClassMapping).Assembly.GetManifestResourceStream($"EcoPlan.LandCover.{id}.json")
            ?? throw new LandCoverInputException(CoreText.Get("Land_UnknownClasses", id, string.Join("、", BuiltIn)));
        return Parse(stream, id + ".json");
    }

    /// <summary>A built-in id, or else the path of a user's file.</summary>
    public static LandClassMapping LoadOrRead(string idOrPath)
    {
        ArgumentNullException.ThrowIfNull(idOrPath);
        if (BuiltIn.Contains(idOrPath, StringComparer.OrdinalIgnoreCase))
        {
            return Load(idOrPath.ToLowerInvariant());
        }

        if (!File.Exists(idOrPath))
        {
            throw new LandCoverInputException(CoreText.Get("Land_UnknownClasses", idOrPath, string.Join("、", BuiltIn)));
        }

        using var stream = File.OpenRead(idOrPath);
        return Parse(stream, idOrPath);
    }

    /// <summary>Reads a mapping file; every problem throws <see cref="LandCoverInputException"/> naming the file and the entry.</summary>
    public static LandClassMapping Parse(Stream content, string fileName)
    {
        ArgumentNullException.ThrowIfNull(content);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(content, new JsonDocumentOptions { MaxDepth = 16 });
        }
        catch (JsonException ex)
        {
            throw new LandCoverInputException($"{fileName}: {CoreText.Get("Land_ClassesNotJson", ex.LineNumber + 1, ex.Message)}");
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("classes", out var classes) || classes.ValueKind != JsonValueKind.Array)
            {
                throw new LandCoverInputException($"{fileName}: {CoreText.Get("Land_ClassesNoList")}");
            }

            var id = root.TryGetProperty("id", out var i) && i.ValueKind == JsonValueKind.String ? i.GetString()! : Path.GetFileNameWithoutExtension(fileName);
            var name = root.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString()! : id;
            var table = new byte[256];
            Array.Fill(table, TransitionCounter.Unmapped);
            var list = new List<(int, string, LandType)>();
            var seen = new HashSet<int>();
            var index = 0;
            foreach (var entry in classes.EnumerateArray())
            {
                var where = $"{fileName}: classes[{index++}]";
                if (entry.ValueKind != JsonValueKind.Object || !entry.TryGetProperty("value", out var v) || !v.TryGetInt32(out var value) || value is < 0 or > 255)
                {
                    throw new LandCoverInputException($"{where}: {CoreText.Get("Land_ClassesBadValue")}");
                }

                var typeName = entry.TryGetProperty("land_type", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
                if (LandTypes.Parse(typeName) is not { } type)
                {
                    throw new LandCoverInputException($"{where}（value {value}）: {CoreText.Get("Land_ClassesBadType", typeName ?? "", string.Join("、", LandTypes.All.Select(LandTypes.Name)))}");
                }

                if (!seen.Add(value))
                {
                    throw new LandCoverInputException($"{where}（value {value}）: {CoreText.Get("Land_ClassesDuplicate", value)}");
                }

                var className = entry.TryGetProperty("name", out var cn) && cn.ValueKind == JsonValueKind.String ? cn.GetString()! : value.ToString(CultureInfo.InvariantCulture);
                table[value] = (byte)type;
                list.Add((value, className, type));
            }

            if (list.Count == 0)
            {
                throw new LandCoverInputException($"{fileName}: {CoreText.Get("Land_ClassesNoList")}");
            }

            return new LandClassMapping(id, name, table, list);
        }
    }
}
