using System.Xml;
using System.Xml.Linq;

namespace EcoPlan.Core.Import.Documents.Ofd;

/// <summary>
/// The zip of an OFD file, read through a <see cref="BoundedZip"/> under its <see cref="ZipLimits"/> (entries,
/// inflated bytes, XML counted while reading, DTD refused). Part names are resolved inside the package (a
/// location that climbs out of it, like <c>../../etc/passwd</c>, is refused).
/// </summary>
internal sealed class OfdPackage : IDisposable
{
    /// <summary>Elements and attributes in one tree read whole (a page object, OFD.xml, Document.xml); real ones hold tens, a 1000-page Document.xml some thousands.</summary>
    public const int MaxTreeNodes = 100_000;

    private const string XmlnsNamespace = "http://www.w3.org/2000/xmlns/";

    private readonly BoundedZip _zip;
    private readonly Dictionary<string, string> _entries = new(StringComparer.OrdinalIgnoreCase);

    private OfdPackage(BoundedZip zip)
    {
        _zip = zip;
        foreach (var name in zip.EntryNames)
        {
            // Some writers name parts "/Doc_0/…" or with backslashes; the first of two equal names wins.
            _entries.TryAdd(name.Replace('\\', '/').TrimStart('/'), name);
        }
    }

    public string FileName => _zip.SourceName;

    public static OfdPackage Open(Stream stream, string fileName, ZipLimits? limits = null)
    {
        try
        {
            return new OfdPackage(BoundedZip.Open(stream, fileName, limits));
        }
        catch (InvalidDataException ex)
        {
            throw new DocumentReadException(CoreText.Get("Ofd_DamagedZip", fileName, ex.Message), ex);
        }
    }

    public bool Contains(string part) => _entries.ContainsKey(part);

    /// <summary>
    /// The part a location names (ST_Loc): relative to the folder of <paramref name="from"/>, or to the
    /// package root when it starts with '/'. Null when it climbs out of the package or is a URL or drive path.
    /// </summary>
    public static string? Resolve(string from, string location)
    {
        var path = location.Trim().Replace('\\', '/');
        if (path.Length == 0 || path.Contains(':', StringComparison.Ordinal))
        {
            return null;
        }

        var folder = path.StartsWith('/') ? "" : from[..(from.LastIndexOf('/') + 1)];
        var parts = new List<string>();
        foreach (var segment in (folder + path).Split('/'))
        {
            if (segment is "" or ".")
            {
                continue;
            }

            if (segment == "..")
            {
                if (parts.Count == 0)
                {
                    return null;
                }

                parts.RemoveAt(parts.Count - 1);
                continue;
            }

            parts.Add(segment);
        }

        return parts.Count == 0 ? null : string.Join('/', parts);
    }

    /// <summary>The part <paramref name="location"/> names from <paramref name="from"/>, refused when it is outside the package or missing.</summary>
    public string Require(string from, string location)
    {
        var part = Resolve(from, location) ?? throw new DocumentReadException(CoreText.Get("Ofd_PartOutside", FileName, from, location));
        return Contains(part) ? part : throw new DocumentReadException(CoreText.Get("Ofd_PartMissing", FileName, from, location));
    }

    /// <summary>A forward reader over a part (<see cref="BoundedZip.OpenXml"/>); <paramref name="place"/> names it in refusals ("page 3 (…/Content.xml)").</summary>
    public XmlReader OpenXml(string part, string? place = null) =>
        _entries.TryGetValue(part, out var name)
            ? _zip.OpenXml(name, place)
            : throw new InvalidOperationException($"{part} is not in the package; Require a part before opening it.");

    /// <summary>The root element of a part, read whole (OFD.xml, Document.xml: small parts).</summary>
    public XElement LoadRoot(string part)
    {
        using var reader = OpenXml(part);
        try
        {
            reader.MoveToContent();
            return ReadElement(reader, BoundedZip.PartPlace(part));
        }
        catch (XmlException ex)
        {
            throw BadXml(part, ex);
        }
    }

    /// <summary>
    /// The element the reader stands on, with everything under it, leaving the reader past its end (as
    /// <see cref="XNode.ReadFrom"/> does). Built here so that a tree of more than <see cref="MaxTreeNodes"/>
    /// elements and attributes is refused, naming <paramref name="place"/>, before it is held: the zip's limits
    /// bound what is read, but a few MB of XML held as one tree would take a gigabyte.
    /// </summary>
    public XElement ReadElement(XmlReader reader, string place)
    {
        if (reader.NodeType != XmlNodeType.Element)
        {
            throw new InvalidOperationException($"The reader stands on {reader.NodeType}, not on an element.");
        }

        var nodes = 0;
        void Count()
        {
            if (++nodes > MaxTreeNodes)
            {
                throw _zip.Refusal(place, CoreText.Get("Ofd_TreeTooLarge", MaxTreeNodes));
            }
        }

        XElement? root = null;
        var open = new Stack<XElement>();
        do
        {
            switch (reader.NodeType)
            {
                case XmlNodeType.Element:
                    Count();
                    var element = new XElement(XName.Get(reader.LocalName, reader.NamespaceURI));
                    var empty = reader.IsEmptyElement;
                    while (reader.MoveToNextAttribute())
                    {
                        Count();
                        // Namespace declarations are not needed: names are matched by local name.
                        if (reader.NamespaceURI != XmlnsNamespace)
                        {
                            element.Add(new XAttribute(XName.Get(reader.LocalName, reader.NamespaceURI), reader.Value));
                        }
                    }

                    reader.MoveToElement();
                    if (open.TryPeek(out var parent))
                    {
                        parent.Add(element);
                    }
                    else
                    {
                        root = element;
                    }

                    if (!empty)
                    {
                        open.Push(element);
                    }

                    break;
                case XmlNodeType.EndElement:
                    open.Pop();
                    break;
                case XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.Whitespace or XmlNodeType.SignificantWhitespace:
                    // A TextCode of blanks is text too: its characters line up with DeltaX.
                    open.Peek().Add(reader.Value);
                    break;
            }
        }
        while (reader.Read() && open.Count > 0);

        return root!;
    }

    /// <summary>A refusal for a part that is not XML; <paramref name="where"/> is the part or its page.</summary>
    public DocumentReadException BadXml(string where, XmlException ex) =>
        // The bounded reader's message starts with the place again; the XML reader's own (its inner exception) says why.
        new(CoreText.Get("Ofd_BadXml", FileName, where, (ex.InnerException as XmlException ?? ex).Message), ex);

    public void Dispose() => _zip.Dispose();
}
