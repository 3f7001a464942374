namespace EcoPlan.Core.Import.Documents;

/// <summary>
/// How much a zip-based document (docx, xlsx, OFD) may unfold into while it is read. Every limit is counted
/// while reading (the sizes a zip declares are not trusted) and over the whole document, so a crafted file is
/// refused within seconds and before it takes the server's memory. The defaults leave real plans (under 2 MB
/// and a few thousand cells) far below every limit and keep a reader at the limits under 256 MB; docs/import.md
/// ("Limits") lists them with their messages.
/// </summary>
public sealed record ZipLimits
{
    public static ZipLimits Default { get; } = new();

    /// <summary>Entries in the zip's central directory, counted before the archive is opened.</summary>
    public int MaxEntries { get; init; } = 10_000;

    /// <summary>Bytes inflated from the zip, summed over every part read.</summary>
    public long MaxInflatedBytes { get; init; } = 100L * 1024 * 1024;

    /// <summary>XML elements, summed over every part read.</summary>
    public int MaxXmlElements { get; init; } = 3_000_000;

    /// <summary>Characters of XML text (text nodes), summed over every part read: what a reader may keep.</summary>
    public long MaxTextCharacters { get; init; } = 10_000_000;

    /// <summary>Nesting depth of XML elements.</summary>
    public int MaxXmlDepth { get; init; } = 256;

    /// <summary>Characters in one XML node (a text, a tag with its attributes, a CDATA section, a comment): an XML reader holds a whole node.</summary>
    public int MaxXmlNodeCharacters { get; init; } = 1_000_000;

    /// <summary>Paragraphs of a document (Word: body paragraphs and paragraphs in table cells).</summary>
    public int MaxParagraphs { get; init; } = 100_000;

    /// <summary>Cells of a document: Word table cells (a merged cell counts the columns it spans), spreadsheet cells as stored and as laid out in rows, shared strings.</summary>
    public int MaxCells { get; init; } = 200_000;
}
