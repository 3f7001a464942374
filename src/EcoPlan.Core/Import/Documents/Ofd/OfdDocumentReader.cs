using System.Xml.Linq;

namespace EcoPlan.Core.Import.Documents.Ofd;

/// <summary>
/// Reads an OFD document (GB/T 33190-2016, the fixed-layout format of Chinese e-government document
/// systems) in process: OFD.xml names the document root (DocBody/DocRoot), whose Document.xml lists the
/// pages (Pages/Page BaseLoc), the default page size (CommonData/PageArea/PhysicalBox) and the page
/// templates (CommonData/TemplatePage); each page's Content.xml, and each template's, holds layers of
/// positioned text and path objects. The pages are laid out as PDF pages are
/// (<see cref="OfdPageReader"/>) and the paragraphs and table rows rebuilt by <see cref="PdfTableBuilder"/>.
/// Only the first document of a package is read.
/// </summary>
public static class OfdDocumentReader
{
    /// <summary>More pages than any plan has; a package listing more is refused before any page is read.</summary>
    public const int MaxPages = 1000;

    /// <summary>Characters of text in all (a long plan has some tens of thousands); glyphs cost memory, so more is refused.</summary>
    public const int MaxCharacters = 500_000;

    private const string Root = "OFD.xml";

    public static DocumentContent Read(Stream stream, string fileName)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(fileName);
        using var package = OfdPackage.Open(stream, fileName);
        if (!package.Contains(Root))
        {
            throw new DocumentReadException(CoreText.Get("Ofd_NoRoot", fileName));
        }

        var docRoot = Children(package.LoadXml(Root).Root, "DocBody").Select(b => OfdPageReader.Child(b, "DocRoot")?.Value.Trim()).FirstOrDefault();
        if (string.IsNullOrEmpty(docRoot))
        {
            throw new DocumentReadException(CoreText.Get("Ofd_NoDocRoot", fileName));
        }

        var documentPart = package.Require(Root, docRoot);
        var document = package.LoadXml(documentPart).Root;
        var place = new OfdPageReader.Place(fileName, documentPart);
        var common = Children(document, "CommonData").ToList();
        var physical = common.SelectMany(c => Children(c, "PageArea")).Select(a => OfdPageReader.Child(a, "PhysicalBox")).FirstOrDefault(b => b is not null);
        var box = physical is null ? OfdBox.A4 : OfdPageReader.Box(place, physical);
        var pages = Children(document, "Pages").SelectMany(p => Children(p, "Page")).ToList();
        if (pages.Count == 0)
        {
            throw new DocumentReadException(CoreText.Get("Ofd_NoPages", fileName, documentPart));
        }

        if (pages.Count > MaxPages)
        {
            throw new DocumentReadException(CoreText.Get("Ofd_TooManyPages", fileName, pages.Count, MaxPages));
        }

        var templates = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var template in common.SelectMany(c => Children(c, "TemplatePage")))
        {
            templates.TryAdd((string?)template.Attribute("ID") ?? "", package.Require(documentPart, (string?)template.Attribute("BaseLoc") ?? ""));
        }

        var layouts = new List<PdfPageLayout>(pages.Count);
        var characters = 0;
        foreach (var page in pages)
        {
            var location = (string?)page.Attribute("BaseLoc");
            if (string.IsNullOrWhiteSpace(location))
            {
                throw new DocumentReadException(CoreText.Get("Ofd_PageWithoutLocation", fileName, layouts.Count + 1, documentPart));
            }

            var layout = OfdPageReader.Read(package, package.Require(documentPart, location), layouts.Count + 1, box, templates, MaxCharacters - characters);
            characters += layout.Words.Sum(w => w.Text.Length);
            layouts.Add(layout);
        }

        if (layouts.All(p => p.Words.Count == 0))
        {
            throw new DocumentReadException(CoreText.Get("Ofd_NoText", fileName, layouts.Count));
        }

        return PdfTableBuilder.Build(fileName, layouts);
    }

    private static IEnumerable<XElement> Children(XElement? element, string localName) =>
        element?.Elements().Where(e => e.Name.LocalName == localName) ?? [];
}
