using System.Globalization;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using EcoPlan.Web.Clues.Map;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using NetTopologySuite.Geometries;

namespace EcoPlan.Web.Tests.Clues;

/// <summary>
/// The map component rendered as a page renders it (HtmlRenderer, static): a boundary, a clue with a hole, a point clue
/// and a photo with its direction, over 通州. The rendered map is written to the test output (geomap/geomap.html, with
/// the stylesheet and script) for a person, or Chromium, to look at.
/// </summary>
public sealed partial class GeoMapTests
{
    private static readonly GeometryFactory s_lonLat = new(new PrecisionModel(), 4326);

    // A 0.12° × 0.08° township around (116.66, 39.90); its centre is the frame's centre.
    private static readonly Polygon s_township = Box(116.60, 39.86, 116.72, 39.94);

    private static readonly MapLayer[] s_layers =
    [
        new("boundaries", [new MapShape(s_township, "geomap-boundary", "永乐店镇")]),
        new("clues",
        [
            new MapShape(s_lonLat.CreatePolygon(Ring(116.62, 39.88, 116.65, 39.91), [Ring(116.63, 39.89, 116.64, 39.90)]), "clue-pending", "TZ-2026-001 待核查", "/clues/1"),
            new MapShape(s_lonLat.CreateMultiPolygon([Box(116.69, 39.92, 116.70, 39.93), Box(116.705, 39.92, 116.71, 39.925)]), "clue-violation", "TZ-2026-002 违法违规"),
            new MapShape(s_lonLat.CreatePoint(new Coordinate(116.66, 39.90)), "clue-closed", "TZ-2026-003 已销号", "/clues/3"),
        ]),
        new("photos", [new MapShape(s_lonLat.CreatePoint(new Coordinate(116.70, 39.90)), "geomap-photo", "现场照片 1：东北方向", DirectionDegrees: 45)]),
    ];

    private static readonly MapLegendItem[] s_legend =
    [
        new("geomap-boundary", "乡镇边界"), new("clue-pending", "待核查"), new("clue-violation", "违法违规"), new("clue-closed", "已销号"), new("geomap-photo", "现场照片"),
    ];

    [Fact]
    public async Task GeoMap_DrawsEveryShape_InTheEquirectangularFrame_WithLegendScaleAndNorth()
    {
        var html = await RenderAsync(s_layers, s_legend);
        await SaveForViewingAsync(html);
        var map = await new HtmlParser().ParseDocumentAsync(html);

        // Frame: 1000 units wide, as tall as the township is on x = lon·cos φ0, y = −lat (the margins scale both alike).
        var viewBox = map.QuerySelector("svg.geomap-svg")!.GetAttribute("viewBox")!;
        var height = Math.Round(1000 * 0.08 / (0.12 * Math.Cos(39.90 * Math.PI / 180)), 1);
        Assert.Equal($"0 0 1000 {height.ToString(CultureInfo.InvariantCulture)}", viewBox);
        Assert.Equal(viewBox, map.QuerySelector("svg.geomap-overlay")!.GetAttribute("viewBox"));

        // The township: one closed ring, drawn as an outline, centred in the frame with a 6 % margin each side.
        var boundary = Paths(map, "[data-layer=boundaries] path.geomap-area.geomap-boundary").Single();
        Assert.Single(boundary.Rings);
        var xs = boundary.Rings[0].Select(p => p.X).ToList();
        Assert.Equal(1000 * 0.06 / 1.12, xs.Min(), 0.11);
        Assert.Equal(1000 - (1000 * 0.06 / 1.12), xs.Max(), 0.11);

        // The clue with a hole: two rings in one path (fill-rule evenodd in geomap.css), inside a link.
        var holed = map.QuerySelector("[data-layer=clues] a[href='/clues/1'] path.geomap-area.clue-pending")!;
        Assert.Equal(2, PathRings(holed.GetAttribute("d")!).Count);
        Assert.Equal("TZ-2026-001 待核查", holed.QuerySelector("title")!.TextContent);
        Assert.Contains("fill-rule: evenodd", await File.ReadAllTextAsync(RepositoryPaths.Of("src/EcoPlan.Web/wwwroot/css/geomap.css")), StringComparison.Ordinal);

        // The multipolygon: two rings, east of the holed clue and north of the centre (smaller y).
        var multi = Paths(map, "path.clue-violation").Single();
        Assert.Equal(2, multi.Rings.Count);
        Assert.True(multi.Rings.Min(r => r.Min(p => p.X)) > 500);
        Assert.True(multi.Rings.Max(r => r.Max(p => p.Y)) < height / 2);

        // The point clue at the township's centre: a circle at the frame's centre, linked, with its tooltip.
        var point = map.QuerySelector("a[href='/clues/3'] g.geomap-marker.geomap-point.clue-closed")!;
        Assert.Equal($"translate(500 {(height / 2).ToString("0.#", CultureInfo.InvariantCulture)})", point.GetAttribute("transform"));
        Assert.NotNull(point.QuerySelector("circle[r]"));
        Assert.Equal("TZ-2026-003 已销号", point.QuerySelector("title")!.TextContent);

        // The photo: east of the centre by 0.04° of longitude, an arrow turned 45° clockwise from north.
        var photo = map.QuerySelector("[data-layer=photos] g.geomap-marker.geomap-photo")!;
        var unitsPerLonDegree = 1000 / (0.12 * 1.12);
        Assert.Equal($"translate({Math.Round(500 + (0.04 * unitsPerLonDegree), 1).ToString(CultureInfo.InvariantCulture)} {(height / 2).ToString("0.#", CultureInfo.InvariantCulture)})", photo.GetAttribute("transform"));
        Assert.Equal("rotate(45)", photo.QuerySelector("path.geomap-arrow")!.GetAttribute("transform"));
        Assert.Null(photo.Closest("a"));

        // Scale bar: the frame is 0.12·1.12° of longitude at 39.9° (≈ 11.5 km); a quarter is 2.9 km, so the bar is 2 km.
        Assert.Equal("2 km", map.QuerySelector(".geomap-scale text")!.TextContent);
        var metresPerUnit = double.Parse(map.QuerySelector("figure.geomap")!.GetAttribute("data-metres-per-unit")!, CultureInfo.InvariantCulture);
        Assert.Equal(0.12 * 1.12 * 111_195 * Math.Cos(39.9 * Math.PI / 180) / 1000, metresPerUnit, 0.05);
        Assert.Equal("N", map.QuerySelector(".geomap-north text")!.TextContent);

        // Legend: one entry per class passed in, the swatch drawn with the same class.
        var legend = map.QuerySelectorAll(".geomap-legend li");
        Assert.Equal(s_legend.Select(l => l.Label), legend.Select(li => li.TextContent));
        Assert.Equal(s_legend.Select(l => l.CssClass), legend.Select(li => li.QuerySelector("svg.geomap-swatch rect")!.GetAttribute("class")));

        // No basemap without a key; the buttons wait for geomap.js; no inline style anywhere (the content policy forbids it).
        Assert.Empty(map.QuerySelectorAll("image"));
        Assert.True(map.QuerySelector(".geomap-controls")!.HasAttribute("hidden"));
        Assert.Empty(map.QuerySelectorAll("[style]"));
        Assert.Equal(["放大", "缩小", "还原地图范围"], map.QuerySelectorAll(".geomap-controls button").Select(b => b.GetAttribute("aria-label")));
    }

    [Fact]
    public async Task GeoMap_EveryCoordinate_IsInsideTheFrame_AndRoundedToATenth()
    {
        var html = await RenderAsync(s_layers, s_legend);
        var map = await new HtmlParser().ParseDocumentAsync(html);
        var height = double.Parse(map.QuerySelector("svg.geomap-svg")!.GetAttribute("viewBox")!.Split(' ')[3], CultureInfo.InvariantCulture);

        var paths = map.QuerySelectorAll("svg.geomap-svg path:not(.geomap-arrow)").Select(p => p.GetAttribute("d")!).ToList();
        Assert.Equal(3, paths.Count); // the boundary, the holed clue, the multipolygon; points are circles
        foreach (var number in paths.SelectMany(d => Number().Matches(d)).Select(m => m.Value))
        {
            Assert.Matches(@"^\d+(\.\d)?$", number);
            Assert.InRange(double.Parse(number, CultureInfo.InvariantCulture), 0, Math.Max(1000, height));
        }
    }

    [Fact]
    public async Task GeoMap_NoShapes_ShowsTheCallersPlaceholder_AndNoSvg()
    {
        var map = await new HtmlParser().ParseDocumentAsync(await RenderAsync([new MapLayer("clues", []), new MapLayer("photos", [])], s_legend, empty: "No clues to map"));

        Assert.Equal("No clues to map", map.QuerySelector("p.geomap-empty")!.TextContent);
        Assert.Empty(map.QuerySelectorAll("svg"));
    }

    [Fact]
    public async Task GeoMap_OnePoint_IsShownInItsSurroundings_NotBlownUp()
    {
        var only = new MapLayer("clues", [new MapShape(s_lonLat.CreatePoint(new Coordinate(116.66, 39.90)), "clue-pending", "一处")]);
        var map = await new HtmlParser().ParseDocumentAsync(await RenderAsync([only], []));

        // At least 0.002° (~170 m at 39.9°, with the margins ~190 m) across: the bar is 20 or 50 m, and the point is centred.
        Assert.Contains(map.QuerySelector(".geomap-scale text")!.TextContent, (string[])["20 m", "50 m"]);
        Assert.StartsWith("translate(500 ", map.QuerySelector("g.geomap-marker")!.GetAttribute("transform"), StringComparison.Ordinal);
        Assert.Empty(map.QuerySelectorAll(".geomap-legend"));
    }

    [Fact]
    public async Task GeoMap_WithATiandituKey_LaysCgcs2000TilesUnderTheShapes_CoveringTheFrame()
    {
        var map = await new HtmlParser().ParseDocumentAsync(await RenderAsync(s_layers, s_legend, key: "test-key"));
        var svg = map.QuerySelector("svg.geomap-svg")!;
        var height = double.Parse(svg.GetAttribute("viewBox")!.Split(' ')[3], CultureInfo.InvariantCulture);

        Assert.Equal("geomap-basemap", svg.Children[0].GetAttribute("class"));
        var images = svg.QuerySelectorAll(".geomap-basemap image").ToList();
        var maps = images.Where(i => i.GetAttribute("href")!.Contains("/vec_c/wmts?", StringComparison.Ordinal)).ToList();
        var labels = images.Where(i => i.GetAttribute("href")!.Contains("/cva_c/wmts?", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(maps);
        Assert.Equal(maps.Count, labels.Count);
        Assert.All(images, i =>
        {
            var href = i.GetAttribute("href")!;
            Assert.Matches(@"^https://t[0-7]\.tianditu\.gov\.cn/(vec|cva)_c/wmts\?", href);
            Assert.Contains("&TILEMATRIXSET=c&", href, StringComparison.Ordinal);
            Assert.EndsWith("&tk=test-key", href, StringComparison.Ordinal);
            Assert.Equal("none", i.GetAttribute("preserveAspectRatio"));
        });

        // One level for all; the tiles cover the frame; each is cos φ0 as wide as it is tall (a lon/lat square stretched).
        Assert.Single(maps.Select(i => Query(i, "TILEMATRIX")).Distinct());
        double X(IElement i) => double.Parse(i.GetAttribute("x")!, CultureInfo.InvariantCulture);
        double Y(IElement i) => double.Parse(i.GetAttribute("y")!, CultureInfo.InvariantCulture);
        double W(IElement i) => double.Parse(i.GetAttribute("width")!, CultureInfo.InvariantCulture);
        double H(IElement i) => double.Parse(i.GetAttribute("height")!, CultureInfo.InvariantCulture);
        Assert.True(maps.Min(X) <= 0 && maps.Max(i => X(i) + W(i)) >= 1000 && maps.Min(Y) <= 0 && maps.Max(i => Y(i) + H(i)) >= height);
        Assert.All(maps, i => Assert.Equal(Math.Cos(39.9 * Math.PI / 180), W(i) / H(i), 2));
        // The frame spans 0.12·1.12 = 0.134° of longitude; level 14 is the first with at least 1000 pixels across it
        // (360°/2^14 per 256-pixel tile: 1566 px; level 13: 783 px). That is 7 columns by 5 rows of 0.022° tiles.
        Assert.Equal("14", Query(maps[0], "TILEMATRIX"));
        Assert.Equal(7 * 5, maps.Count);
    }

    private static string Query(IElement image, string name) =>
        Regex.Match(image.GetAttribute("href")!, $"[?&]{name}=([^&]*)").Groups[1].Value;

    private static async Task<string> RenderAsync(IReadOnlyList<MapLayer> layers, IReadOnlyList<MapLegendItem> legend, string empty = "暂无可显示的线索", string? key = null)
    {
        var services = new ServiceCollection()
            .AddLogging()
            .AddLocalization()
            .AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(
                key is null ? [] : [new KeyValuePair<string, string?>(TiandituBasemap.ConfigurationKey, key)]).Build())
            .BuildServiceProvider();
        await using var _ = services;
        await using var renderer = new HtmlRenderer(services, services.GetRequiredService<ILoggerFactory>());
        var culture = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("zh-CN");
        try
        {
            return await renderer.Dispatcher.InvokeAsync(async () => (await renderer.RenderComponentAsync<GeoMap>(ParameterView.FromDictionary(new Dictionary<string, object?>
            {
                [nameof(GeoMap.Layers)] = layers,
                [nameof(GeoMap.Legend)] = legend,
                [nameof(GeoMap.EmptyText)] = empty,
                [nameof(GeoMap.Label)] = "线索分布图",
            }))).ToHtmlString());
        }
        finally
        {
            CultureInfo.CurrentUICulture = culture;
        }
    }

    /// <summary>The map as a page of its own beside the app's stylesheets and script, in the test output.</summary>
    private static async Task SaveForViewingAsync(string html)
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "geomap");
        Directory.CreateDirectory(folder);
        File.Copy(RepositoryPaths.Of("src/EcoPlan.Web/wwwroot/app.css"), Path.Combine(folder, "app.css"), overwrite: true);
        File.Copy(RepositoryPaths.Of("src/EcoPlan.Web/wwwroot/css/geomap.css"), Path.Combine(folder, "geomap.css"), overwrite: true);
        File.Copy(RepositoryPaths.Of("src/EcoPlan.Web/wwwroot/js/geomap.js"), Path.Combine(folder, "geomap.js"), overwrite: true);
        await File.WriteAllTextAsync(Path.Combine(folder, "geomap.html"),
            $"<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><link rel=\"stylesheet\" href=\"app.css\"><link rel=\"stylesheet\" href=\"geomap.css\">"
            + $"<script src=\"geomap.js\" defer></script></head><body><main>{html}</main></body></html>");
    }

    private sealed record DrawnPath(List<List<(double X, double Y)>> Rings);

    private static List<DrawnPath> Paths(IDocument map, string selector) =>
        [.. map.QuerySelectorAll(selector).Select(p => new DrawnPath(PathRings(p.GetAttribute("d")!)))];

    private static List<List<(double X, double Y)>> PathRings(string d) =>
        [.. d.Split('M', StringSplitOptions.RemoveEmptyEntries).Select(ring =>
        {
            var numbers = Number().Matches(ring).Select(m => double.Parse(m.Value, CultureInfo.InvariantCulture)).ToList();
            return numbers.Chunk(2).Select(xy => (xy[0], xy[1])).ToList();
        })];

    private static Polygon Box(double west, double south, double east, double north) => s_lonLat.CreatePolygon(Ring(west, south, east, north));

    private static LinearRing Ring(double west, double south, double east, double north) => s_lonLat.CreateLinearRing(
        [new(west, south), new(east, south), new(east, north), new(west, north), new(west, south)]);

    [GeneratedRegex(@"-?\d+(\.\d+)?")]
    private static partial Regex Number();
}
