using System.Text;
using System.Xml;
using System.Xml.Linq;

namespace EcoPlan.Core.Import.Documents.Ofd;

/// <summary>A rectangle of an OFD file ("x y w h", ST_Box), in millimetres.</summary>
internal readonly record struct OfdBox(double X, double Y, double Width, double Height)
{
    public static OfdBox A4 => new(0, 0, 210, 297);
}

/// <summary>A glyph placed on the page, in points from the top left; <see cref="Baseline"/> is its baseline's y.</summary>
internal readonly record struct OfdGlyph(string Text, double Left, double Right, double Baseline, double Size);

/// <summary>
/// Reads one page (a Content.xml) into the layout the PDF table builder takes: text objects become glyphs
/// (Boundary offset and CTM applied, positions from TextCode X/Y and DeltaX/DeltaY, millimetres to points)
/// grouped into words by <see cref="OfdWords"/>; path objects give the ruling lines (straight stroked
/// segments, and thin filled rectangles). The page is streamed: only one object at a time is held as XML.
/// </summary>
internal static class OfdPageReader
{
    public const double PointsPerMillimetre = 72 / 25.4;

    /// <summary>More ruling lines than any table has; a page drawing more keeps only these (they are hints, not text).</summary>
    private const int MaxRulings = 10_000;

    /// <summary>Where a value was read, for refusals: "page 3 (Doc_0/Pages/Page_2/Content.xml)" or a part's name.</summary>
    internal sealed record Place(string FileName, string Location)
    {
        public DocumentReadException BadNumber(XElement element, string attribute, string value) =>
            new(CoreText.Get("Ofd_BadNumber", FileName, Location, element.Name.LocalName == attribute ? attribute : $"{element.Name.LocalName} {attribute}", value));
    }

    /// <summary>
    /// The page's layout: its own objects, then those of the templates it names (<paramref name="templates"/>:
    /// TemplatePage ID to part, from Document.xml), which writers use for running heads and page numbers.
    /// </summary>
    public static PdfPageLayout Read(OfdPackage package, string part, int number, OfdBox documentBox, IReadOnlyDictionary<string, string> templates, int maxGlyphs = OfdDocumentReader.MaxCharacters)
    {
        var glyphs = new Glyphs(maxGlyphs);
        var rulings = new List<PdfRuling>();
        var templateIds = new List<string>();
        var box = ReadObjects(package, part, number, documentBox, glyphs, rulings, templateIds);
        foreach (var id in templateIds)
        {
            if (templates.TryGetValue(id, out var template))
            {
                ReadObjects(package, template, number, box, glyphs, rulings, templateIds: null);
            }
        }

        var words = OfdWords.Group(glyphs.List, rulings);
        return new PdfPageLayout(number, box.Width * PointsPerMillimetre, box.Height * PointsPerMillimetre, words, rulings, RulingsKnown: true);
    }

    /// <summary>Adds a page's or a template's objects; returns the page box (a page's own Area, else the document's).</summary>
    private static OfdBox ReadObjects(OfdPackage package, string part, int number, OfdBox box, Glyphs glyphs, List<PdfRuling> rulings, List<string>? templateIds)
    {
        var place = new Place(package.FileName, CoreText.Get("Ofd_PagePart", number, part));
        using var reader = package.OpenXml(part);
        try
        {
            reader.MoveToContent();
            while (!reader.EOF)
            {
                if (reader.NodeType != XmlNodeType.Element || reader.LocalName is not ("Template" or "Area" or "TextObject" or "PathObject"))
                {
                    reader.Read();
                    continue;
                }

                // ReadFrom moves past the element; the schema puts a page's Template and Area before its Content.
                var element = (XElement)XNode.ReadFrom(reader);
                switch (element.Name.LocalName)
                {
                    case "Template" when templateIds is not null:
                        templateIds.Add((string?)element.Attribute("TemplateID") ?? "");
                        break;
                    case "Area" when templateIds is not null && Child(element, "PhysicalBox") is { } physical:
                        box = Box(place, physical, "PhysicalBox", physical.Value);
                        break;
                    case "TextObject":
                        AddText(place, element, box, glyphs);
                        break;
                    case "PathObject":
                        AddRulings(place, element, box, rulings);
                        break;
                }
            }
        }
        catch (XmlException ex)
        {
            throw package.BadXml(place.Location, ex);
        }

        return box;
    }

    public static OfdBox Box(Place place, XElement element) => Box(place, element, element.Name.LocalName, element.Value);

    /// <summary>The page's glyphs, refused past what is left of the document's allowance (a text bomb is small XML but many objects).</summary>
    private sealed class Glyphs(int max)
    {
        public List<OfdGlyph> List { get; } = [];

        public void Add(Place place, OfdGlyph glyph)
        {
            if (List.Count >= max)
            {
                throw new DocumentReadException(CoreText.Get("Ofd_TooMuchText", place.FileName, place.Location, OfdDocumentReader.MaxCharacters));
            }

            List.Add(glyph);
        }
    }

    private static void AddText(Place place, XElement text, OfdBox page, Glyphs glyphs)
    {
        var map = Transform(place, text, page);
        var size = Number(place, text, "Size", required: true)!.Value;
        var hScale = Number(place, text, "HScale", required: false) ?? 1;
        var pointSize = size * map.YScale * PointsPerMillimetre;
        double x = 0, y = 0;
        foreach (var code in text.Elements().Where(e => e.Name.LocalName == "TextCode"))
        {
            // A TextCode without X or Y goes on where the previous one ended.
            x = Number(place, code, "X", required: false) ?? x;
            y = Number(place, code, "Y", required: false) ?? y;
            var value = code.Value;
            var deltaX = Deltas(place, code, "DeltaX", value.Length);
            var deltaY = Deltas(place, code, "DeltaY", value.Length);
            var i = 0;
            foreach (var rune in value.EnumerateRunes())
            {
                var nominal = NominalWidth(rune) * size * hScale;
                var advance = i < deltaX.Count ? deltaX[i] : nominal;
                if (!Rune.IsWhiteSpace(rune) && !Rune.IsControl(rune))
                {
                    // Without the font's metrics a glyph is as wide as its kind usually is, or its advance when
                    // that is less; an advance beyond that is a gap (a space the writer did not print).
                    var (left, baseline) = map.Apply(x, y);
                    var (right, _) = map.Apply(x + Math.Min(advance, nominal), y);
                    glyphs.Add(place, new OfdGlyph(rune.ToString(), Math.Min(left, right), Math.Max(left, right), baseline, pointSize));
                }

                x += advance;
                y += i < deltaY.Count ? deltaY[i] : 0;
                i++;
            }
        }
    }

    /// <summary>The usual advance of a character, in ems: CJK and full-width forms are square, Latin about half.</summary>
    private static double NominalWidth(Rune rune) => rune.Value switch
    {
        >= 0x2E80 and <= 0xA4CF or >= 0xAC00 and <= 0xD7AF or >= 0xF900 and <= 0xFAFF or >= 0xFE30 and <= 0xFE4F
            or >= 0xFF01 and <= 0xFF60 or >= 0xFFE0 and <= 0xFFE6 or >= 0x20000 => 1,
        0x2014 or 0x2015 or 0x2026 or 0x203B => 1,
        ' ' => 0.25,
        'M' or 'W' or 'm' or 'w' or '%' or '@' => 0.85,
        'i' or 'j' or 'l' or 'I' or '.' or ',' or ':' or ';' or '\'' or '!' or '|' => 0.3,
        >= 'A' and <= 'Z' => 0.7,
        _ => 0.55,
    };

    private static void AddRulings(Place place, XElement path, OfdBox page, List<PdfRuling> rulings)
    {
        var stroked = !string.Equals((string?)path.Attribute("Stroke"), "false", StringComparison.OrdinalIgnoreCase);
        var filled = string.Equals((string?)path.Attribute("Fill"), "true", StringComparison.OrdinalIgnoreCase);
        if ((!stroked && !filled) || Child(path, "AbbreviatedData") is not { } data)
        {
            return;
        }

        var map = Transform(place, path, page);
        // Drawing data the reader cannot follow only costs the page its rulings; rows then come from gaps.
        if (!OfdPathData.TryParse(data.Value, out var subpaths))
        {
            return;
        }

        foreach (var subpath in subpaths)
        {
            var points = subpath.Select(p => (Point: map.Apply(p.X, p.Y), p.Straight)).ToList();
            if (stroked)
            {
                for (var i = 1; i < points.Count; i++)
                {
                    if (points[i].Straight && rulings.Count < MaxRulings && PdfRuling.FromSegment(points[i - 1].Point, points[i].Point) is { } ruling)
                    {
                        rulings.Add(ruling);
                    }
                }
            }

            if (filled && rulings.Count < MaxRulings && points.Skip(1).All(p => p.Straight) && PdfRuling.FromThinRectangle([.. points.Select(p => p.Point)]) is { } thin)
            {
                rulings.Add(thin);
            }
        }
    }

    /// <summary>
    /// From an object's own space to points on the page: its CTM ("a b c d e f"), then its Boundary's
    /// origin, then the page box's origin taken away and millimetres made points.
    /// </summary>
    private static PageTransform Transform(Place place, XElement element, OfdBox page)
    {
        var boundary = (string?)element.Attribute("Boundary") ?? throw place.BadNumber(element, "Boundary", "");
        var origin = Box(place, element, "Boundary", boundary, allowEmpty: true);
        var ctm = (string?)element.Attribute("CTM");
        double[] m = [1, 0, 0, 1, 0, 0];
        if (ctm is not null && (!TryNumbers(ctm, out m) || m.Length != 6))
        {
            throw place.BadNumber(element, "CTM", ctm);
        }

        return new PageTransform(m[0], m[1], m[2], m[3], m[4] + origin.X - page.X, m[5] + origin.Y - page.Y);
    }

    private readonly record struct PageTransform(double A, double B, double C, double D, double E, double F)
    {
        public double YScale => Math.Sqrt((C * C) + (D * D));

        public (double X, double Y) Apply(double x, double y) =>
            (((A * x) + (C * y) + E) * PointsPerMillimetre, ((B * x) + (D * y) + F) * PointsPerMillimetre);
    }

    private static OfdBox Box(Place place, XElement element, string attribute, string value, bool allowEmpty = false)
    {
        if (!TryNumbers(value, out var n) || n.Length != 4 || n[2] < 0 || n[3] < 0 || (!allowEmpty && (n[2] == 0 || n[3] == 0)))
        {
            throw place.BadNumber(element, attribute, value);
        }

        return new OfdBox(n[0], n[1], n[2], n[3]);
    }

    private static double? Number(Place place, XElement element, string attribute, bool required)
    {
        var text = (string?)element.Attribute(attribute);
        if (text is null && !required)
        {
            return null;
        }

        if (text is null || !double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value))
        {
            throw place.BadNumber(element, attribute, text ?? "");
        }

        return value;
    }

    /// <summary>A DeltaX/DeltaY list: numbers, where "g N v" stands for N times v; read no further than <paramref name="needed"/>.</summary>
    private static List<double> Deltas(Place place, XElement code, string attribute, int needed)
    {
        var deltas = new List<double>();
        var text = (string?)code.Attribute(attribute);
        if (text is null)
        {
            return deltas;
        }

        var tokens = text.Split([' ', '\t', '\r', '\n'], StringSplitOptions.RemoveEmptyEntries);
        for (var i = 0; i < tokens.Length && deltas.Count < needed; i++)
        {
            if (tokens[i] == "g" && i + 2 < tokens.Length
                && int.TryParse(tokens[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var repeat)
                && TryNumber(tokens[i + 2], out var repeated))
            {
                deltas.AddRange(Enumerable.Repeat(repeated, Math.Min(repeat, needed - deltas.Count)));
                i += 2;
            }
            else if (TryNumber(tokens[i], out var delta))
            {
                deltas.Add(delta);
            }
            else
            {
                throw place.BadNumber(code, attribute, text);
            }
        }

        return deltas;
    }

    private static bool TryNumbers(string text, out double[] numbers)
    {
        var tokens = text.Split([' ', '\t', '\r', '\n', ','], StringSplitOptions.RemoveEmptyEntries);
        numbers = new double[tokens.Length];
        for (var i = 0; i < tokens.Length; i++)
        {
            if (!TryNumber(tokens[i], out numbers[i]))
            {
                return false;
            }
        }

        return true;
    }

    internal static bool TryNumber(string text, out double value) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);

    internal static XElement? Child(XElement element, string localName) =>
        element.Elements().FirstOrDefault(e => e.Name.LocalName == localName);
}
