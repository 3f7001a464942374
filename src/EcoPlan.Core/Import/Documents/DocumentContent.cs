using System.Text;

namespace EcoPlan.Core.Import.Documents;

/// <summary>
/// A document reduced to what the plan parser needs: its paragraphs and table rows in reading order.
/// Every reader (docx, xlsx, pdf) produces this; merged cells are already resolved (a cell merged
/// vertically appears in its first row only, later rows get an empty string; a cell merged
/// horizontally appears once, in its first column, with empty strings after it).
/// </summary>
public sealed record DocumentContent(string SourceName, IReadOnlyList<DocumentBlock> Blocks)
{
    /// <summary>
    /// The content as tab-separated text, the form of the Tongzhou sample: a paragraph per line, a table
    /// row per line with its cells joined by tabs (in a document without tables, a paragraph keeps its own
    /// tabs). Line breaks and tabs inside a cell become spaces (unit names broken across lines are joined
    /// again by the parser). <paramref name="locations"/>
    /// receives, for each output line (from 1), where it came from, so a parse error can point at the
    /// page, table row or cell of the original document.
    /// </summary>
    public string ToTabSeparatedText(List<string> locations)
    {
        ArgumentNullException.ThrowIfNull(locations);
        // A document without tables whose paragraphs hold tab-separated rows (a text plan saved as Word) is that text:
        // its paragraphs keep their tabs, so the parser reads them as it reads the text file.
        var paragraphsAreRows = !Blocks.OfType<DocumentTableRow>().Any() && Blocks.OfType<DocumentParagraph>().Any(p => p.Text.Contains('\t', StringComparison.Ordinal));
        var text = new StringBuilder();
        foreach (var block in Blocks)
        {
            switch (block)
            {
                case DocumentParagraph paragraph when paragraphsAreRows:
                    text.AppendJoin('\t', paragraph.Text.Split('\t').Select(Flatten)).Append('\n');
                    break;
                case DocumentParagraph paragraph:
                    text.Append(Flatten(paragraph.Text)).Append('\n');
                    break;
                case DocumentTableRow row:
                    text.AppendJoin('\t', row.Cells.Select(Flatten)).Append('\n');
                    break;
                default:
                    throw new InvalidOperationException($"Unknown block {block.GetType().Name}.");
            }

            locations.Add(block.Location);
        }

        return text.ToString();
    }

    private static string Flatten(string cell) =>
        string.Join(' ', cell.Split(['\r', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}

/// <summary>A paragraph or a table row, with where it stands in the source ("page 3", "table 1, row 7").</summary>
public abstract record DocumentBlock(string Location);

public sealed record DocumentParagraph(string Text, string Location) : DocumentBlock(Location);

public sealed record DocumentTableRow(IReadOnlyList<string> Cells, string Location) : DocumentBlock(Location);

/// <summary>A document that cannot be read at all: broken file, encrypted, no text layer, over the size limit.</summary>
public sealed class DocumentReadException : Exception
{
    public DocumentReadException(string message) : base(message) { }
    public DocumentReadException(string message, Exception innerException) : base(message, innerException) { }
    public DocumentReadException() { }
}
