using System.Text;
using System.Xml;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace EcoPlan.Core.Import.Documents;

/// <summary>
/// Reads a Word (.docx) document: body paragraphs and table rows in order. Merged cells are resolved:
/// a vertically merged cell keeps its text in the first row (the rows below get an empty cell, which the
/// parser reads as "same task"), a horizontally merged cell (gridSpan) is followed by empty cells so
/// columns stay aligned with the header.
/// </summary>
public static class DocxDocumentReader
{
    public static DocumentContent Read(Stream stream, string sourceName)
    {
        ArgumentNullException.ThrowIfNull(stream);
        try
        {
            using var document = WordprocessingDocument.Open(stream, isEditable: false);
            var body = document.MainDocumentPart?.Document?.Body
                ?? throw new DocumentReadException(Localization.CoreText.Get("Docx_NoBody", sourceName));
            var blocks = new List<DocumentBlock>();
            var counters = new Counters();
            ReadBlocks(body.ChildElements, blocks, counters);
            if (blocks.Any(b => b is DocumentTableRow))
            {
                // Beside a table, empty paragraphs are only spacing. Without one, the document is lines of text (a
                // text plan saved as Word), whose blank lines part the cells of text copied from a PDF: they stay.
                blocks.RemoveAll(b => b is DocumentParagraph { Text: var text } && text.Trim().Length == 0);
            }

            return new DocumentContent(sourceName, blocks);
        }
        catch (Exception ex) when (ex is OpenXmlPackageException or FileFormatException or InvalidDataException or IOException or XmlException or InvalidOperationException)
        {
            throw new DocumentReadException(Localization.CoreText.Get("Docx_Unreadable", sourceName, SetupMessage(ex)), ex);
        }
    }

    private static void ReadBlocks(OpenXmlElementList elements, List<DocumentBlock> blocks, Counters counters)
    {
        foreach (var element in elements)
        {
            switch (element)
            {
                case Paragraph paragraph:
                    counters.Paragraphs++;
                    blocks.Add(new DocumentParagraph(ParagraphText(paragraph), Localization.CoreText.Get("Location_Paragraph", counters.Paragraphs)));
                    break;
                case Table table:
                    counters.Tables++;
                    ReadTable(table, counters.Tables, blocks);
                    break;
                case SdtBlock { SdtContentBlock: { } content }:
                    // Content controls wrap ordinary paragraphs and tables.
                    ReadBlocks(content.ChildElements, blocks, counters);
                    break;
            }
        }
    }

    private static void ReadTable(Table table, int tableNumber, List<DocumentBlock> blocks)
    {
        var rowNumber = 0;
        foreach (var row in table.Elements<DocumentFormat.OpenXml.Wordprocessing.TableRow>())
        {
            rowNumber++;
            var cells = new List<string>();
            foreach (var cell in row.Elements<TableCell>())
            {
                var properties = cell.TableCellProperties;
                var continuesMerge = properties?.VerticalMerge is { } merge && (merge.Val is null || merge.Val.Value != MergedCellValues.Restart);
                cells.Add(continuesMerge ? "" : CellText(cell));
                var span = properties?.GridSpan?.Val?.Value ?? 1;
                for (var i = 1; i < span; i++)
                {
                    cells.Add("");
                }
            }

            if (cells.Any(c => c.Trim().Length > 0))
            {
                blocks.Add(new DocumentTableRow(cells, Localization.CoreText.Get("Location_TableRow", tableNumber, rowNumber)));
            }
        }
    }

    private static string CellText(TableCell cell) =>
        string.Join('\n', cell.Elements<Paragraph>().Select(ParagraphText).Where(t => t.Length > 0));

    /// <summary>The visible text of a paragraph: runs, tabs and line breaks; deleted revisions left out.</summary>
    private static string ParagraphText(Paragraph paragraph)
    {
        var text = new StringBuilder();
        foreach (var element in paragraph.Descendants())
        {
            switch (element)
            {
                case Text t when t.Ancestors<DeletedRun>().FirstOrDefault() is null:
                    text.Append(t.Text);
                    break;
                case TabChar:
                    text.Append('\t');
                    break;
                case Break or CarriageReturn:
                    text.Append('\n');
                    break;
            }
        }

        return text.ToString();
    }

    private static string SetupMessage(Exception ex) => Data.SetupException.OneLine(ex.Message);

    private sealed class Counters
    {
        public int Paragraphs { get; set; }
        public int Tables { get; set; }
    }
}
