using System.Text;
using System.Xml;

namespace EcoPlan.Core.Import.Documents;

/// <summary>
/// Reads a Word (.docx) document: body paragraphs and table rows in order. Merged cells are resolved:
/// a vertically merged cell keeps its text in the first row (the rows below get an empty cell, which the
/// parser reads as "same task"), a horizontally merged cell (gridSpan) is followed by empty cells so
/// columns stay aligned with the header. The main part is read forward through a <see cref="BoundedZip"/>
/// (never loaded whole), so a crafted document is refused at the paragraph or cell where it passes a limit.
/// </summary>
public static class DocxDocumentReader
{
    private const string Transitional = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
    private const string Strict = "http://purl.oclc.org/ooxml/wordprocessingml/main";
    private const string DefaultMainPart = "word/document.xml";

    public static DocumentContent Read(Stream stream, string sourceName, ZipLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        try
        {
            using var zip = BoundedZip.Open(stream, sourceName, limits);
            var mainPart = MainPartName(zip);
            using var xml = zip.OpenXml(mainPart);
            if (!MoveToBody(xml))
            {
                throw new DocumentReadException(CoreText.Get("Docx_NoBody", sourceName));
            }

            var reader = new BodyReader(zip, mainPart, xml);
            reader.ReadBlocks();
            if (reader.Blocks.Any(b => b is DocumentTableRow))
            {
                // Beside a table, empty paragraphs are only spacing. Without one, the document is lines of text (a
                // text plan saved as Word), whose blank lines part the cells of text copied from a PDF: they stay.
                reader.Blocks.RemoveAll(b => b is DocumentParagraph { Text: var text } && text.Trim().Length == 0);
            }

            return new DocumentContent(sourceName, reader.Blocks);
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException or XmlException)
        {
            throw new DocumentReadException(CoreText.Get("Docx_Unreadable", sourceName, Data.SetupException.OneLine(ex.Message)), ex);
        }
    }

    /// <summary>The part the package's relationships name as the main document, else word/document.xml.</summary>
    private static string MainPartName(BoundedZip zip)
    {
        if (zip.Contains("_rels/.rels"))
        {
            using var rels = zip.OpenXml("_rels/.rels");
            while (rels.Read())
            {
                if (rels.NodeType == XmlNodeType.Element && rels.LocalName == "Relationship"
                    && rels.GetAttribute("Type") is { } type && type.EndsWith("/officeDocument", StringComparison.Ordinal)
                    && rels.GetAttribute("Target") is { Length: > 0 } target)
                {
                    var name = target.TrimStart('/');
                    if (zip.Contains(name))
                    {
                        return name;
                    }
                }
            }
        }

        return DefaultMainPart;
    }

    private static bool MoveToBody(XmlReader xml)
    {
        while (xml.Read())
        {
            if (xml.NodeType == XmlNodeType.Element && xml.Depth == 1)
            {
                if (IsWord(xml, "body"))
                {
                    return true;
                }

                xml.Skip();
                if (xml.NodeType == XmlNodeType.Element && xml.Depth == 1 && IsWord(xml, "body"))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static bool IsWord(XmlReader xml, string localName) =>
        xml.LocalName == localName && xml.NamespaceURI is Transitional or Strict;

    private static string? WordAttribute(XmlReader xml, string localName) =>
        xml.GetAttribute(localName, Transitional) ?? xml.GetAttribute(localName, Strict);

    /// <summary>Reads the body forward: the reader stands on an element whose children are paragraphs, tables and content controls.</summary>
    private sealed class BodyReader(BoundedZip zip, string partName, XmlReader xml)
    {
        private int _paragraphs;
        private int _tables;

        public List<DocumentBlock> Blocks { get; } = [];

        /// <summary>The children of the element the reader stands on; leaves the reader on its end tag.</summary>
        public void ReadBlocks()
        {
            foreach (var _ in Children())
            {
                if (IsWord(xml, "p"))
                {
                    var number = ++_paragraphs;
                    zip.CountParagraph(() => BoundedZip.PartPlace(partName, CoreText.Get("Location_Paragraph", number)));
                    Blocks.Add(new DocumentParagraph(ParagraphText(), CoreText.Get("Location_Paragraph", number)));
                }
                else if (IsWord(xml, "tbl"))
                {
                    _tables++;
                    ReadTable(_tables);
                }
                else if (IsWord(xml, "sdt"))
                {
                    // Content controls wrap ordinary paragraphs and tables.
                    foreach (var __ in Children())
                    {
                        if (IsWord(xml, "sdtContent"))
                        {
                            ReadBlocks();
                        }
                        else
                        {
                            SkipElement();
                        }
                    }
                }
                else
                {
                    SkipElement();
                }
            }
        }

        private void ReadTable(int tableNumber)
        {
            var rowNumber = 0;
            foreach (var _ in Children())
            {
                if (!IsWord(xml, "tr"))
                {
                    SkipElement();
                    continue;
                }

                rowNumber++;
                var location = CoreText.Get("Location_TableRow", tableNumber, rowNumber);
                var cells = new List<string>();
                foreach (var __ in Children())
                {
                    if (IsWord(xml, "tc"))
                    {
                        ReadCell(cells, location);
                    }
                    else
                    {
                        SkipElement();
                    }
                }

                if (cells.Any(c => c.Trim().Length > 0))
                {
                    Blocks.Add(new DocumentTableRow(cells, location));
                }
            }
        }

        private void ReadCell(List<string> cells, string rowLocation)
        {
            var continuesMerge = false;
            var span = 1;
            var paragraphs = new List<string>();
            foreach (var _ in Children())
            {
                if (IsWord(xml, "tcPr"))
                {
                    foreach (var __ in Children())
                    {
                        if (IsWord(xml, "vMerge"))
                        {
                            continuesMerge = WordAttribute(xml, "val") != "restart";
                        }
                        else if (IsWord(xml, "gridSpan") && int.TryParse(WordAttribute(xml, "val"), CultureInfo.InvariantCulture, out var value))
                        {
                            span = value;
                        }

                        SkipElement();
                    }
                }
                else if (IsWord(xml, "p"))
                {
                    zip.CountParagraph(() => BoundedZip.PartPlace(partName, rowLocation));
                    var text = ParagraphText();
                    if (text.Length > 0)
                    {
                        paragraphs.Add(text);
                    }
                }
                else
                {
                    SkipElement();
                }
            }

            // A span counts every column it covers: gridSpan="2000000000" must not become two billion empty cells.
            var column = cells.Count + 1;
            zip.CountCells(() => BoundedZip.PartPlace(partName, CoreText.Get("Location_Join", rowLocation, CoreText.Get("Zip_Cell", column))), Math.Max(span, 1));
            cells.Add(continuesMerge ? "" : string.Join('\n', paragraphs));
            for (var i = 1; i < span; i++)
            {
                cells.Add("");
            }
        }

        /// <summary>The visible text of the paragraph the reader stands on: runs, tabs and line breaks; deleted revisions left out.</summary>
        private string ParagraphText()
        {
            var text = new StringBuilder();
            if (xml.IsEmptyElement)
            {
                return "";
            }

            var depth = xml.Depth;
            var skipBelow = int.MaxValue; // inside w:del (deleted text) or w:tabs (tab stops, not tab characters)
            while (xml.Read() && xml.Depth > depth)
            {
                if (xml.Depth <= skipBelow)
                {
                    skipBelow = int.MaxValue;
                }

                if (xml.NodeType != XmlNodeType.Element || skipBelow != int.MaxValue)
                {
                    continue;
                }

                if (IsWord(xml, "del") || IsWord(xml, "tabs"))
                {
                    if (!xml.IsEmptyElement)
                    {
                        skipBelow = xml.Depth;
                    }
                }
                else if (IsWord(xml, "t"))
                {
                    AppendText(text);
                }
                else if (IsWord(xml, "tab"))
                {
                    text.Append('\t');
                }
                else if (IsWord(xml, "br") || IsWord(xml, "cr"))
                {
                    text.Append('\n');
                }
            }

            return text.ToString();
        }

        /// <summary>The text of the w:t the reader stands on; leaves the reader on its end tag.</summary>
        private void AppendText(StringBuilder text)
        {
            if (xml.IsEmptyElement)
            {
                return;
            }

            var depth = xml.Depth;
            while (xml.Read() && xml.Depth > depth)
            {
                if (xml.NodeType is XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.Whitespace or XmlNodeType.SignificantWhitespace)
                {
                    text.Append(xml.Value);
                }
            }
        }

        /// <summary>
        /// Moves to each child element of the element the reader stands on, in turn; the caller reads or skips the
        /// child (leaving the reader on its end tag or on the empty element). Ends on the parent's end tag.
        /// </summary>
        private IEnumerable<int> Children()
        {
            if (xml.IsEmptyElement)
            {
                yield break;
            }

            var depth = xml.Depth;
            while (xml.Read() && xml.Depth > depth)
            {
                if (xml.NodeType == XmlNodeType.Element && xml.Depth == depth + 1)
                {
                    yield return 0;
                }
            }
        }

        /// <summary>Leaves the reader on the end tag of the element it stands on (or on the empty element).</summary>
        private void SkipElement()
        {
            if (xml.IsEmptyElement)
            {
                return;
            }

            var depth = xml.Depth;
            while (xml.Read() && xml.Depth > depth)
            {
            }
        }
    }
}
