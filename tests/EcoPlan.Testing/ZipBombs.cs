using System.Buffers.Binary;
using System.Globalization;
using System.IO.Compression;
using System.Text;

namespace EcoPlan.Testing;

/// <summary>
/// Crafted Word and Excel files, made at run time (never committed): small on disk, huge or endless once read.
/// Parts are streamed into their zip entries, so making a 1 GB part takes a few MB of the test's memory.
/// </summary>
public static class ZipBombs
{
    public const long OneGigabyte = 1L << 30;

    private const string WordNamespace = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
    private const string SheetNamespace = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";

    /// <summary>A docx whose document.xml inflates to <paramref name="inflatedBytes"/>: paragraphs whose run properties carry 4 KB attributes, so neither text nor paragraphs run out first.</summary>
    public static byte[] DocxInflatingTo(long inflatedBytes)
    {
        var paragraph = $"<w:p><w:pPr><w:rPr><w:rFonts w:ascii=\"{new string('A', 4000)}\"/></w:rPr></w:pPr></w:p>";
        return Docx(body => Repeat(body, paragraph, (inflatedBytes / paragraph.Length) + 1));
    }

    /// <summary>A docx of <paramref name="count"/> one-character paragraphs (a few tens of MB inflated).</summary>
    public static byte[] DocxWithParagraphs(int count) =>
        Docx(body => Repeat(body, "<w:p><w:r><w:t>措</w:t></w:r></w:p>", count));

    /// <summary>A docx with one table of <paramref name="rows"/> rows of ten empty cells.</summary>
    public static byte[] DocxWithCells(int rows) =>
        Docx(body =>
        {
            Write(body, "<w:tbl>");
            Repeat(body, "<w:tr>" + string.Concat(Enumerable.Repeat("<w:tc/>", 10)) + "</w:tr>", rows);
            Write(body, "</w:tbl>");
        });

    /// <summary>A docx with one table cell that claims to span two billion grid columns.</summary>
    public static byte[] DocxWithHugeGridSpan() =>
        Docx(body => Write(body, "<w:tbl><w:tr><w:tc><w:tcPr><w:gridSpan w:val=\"2000000000\"/></w:tcPr><w:p/></w:tc></w:tr></w:tbl>"));

    /// <summary>The "billion laughs": ten entities of ten, nine levels deep, in document.xml.</summary>
    public static byte[] DocxWithBillionLaughs()
    {
        var dtd = new StringBuilder("<?xml version=\"1.0\"?>\n<!DOCTYPE w:document [\n<!ENTITY lol \"lol\">\n");
        for (var i = 1; i <= 9; i++)
        {
            dtd.Append(CultureInfo.InvariantCulture, $"<!ENTITY lol{i} \"{string.Concat(Enumerable.Repeat($"&lol{(i == 1 ? "" : i - 1)};", 10))}\">\n");
        }

        dtd.Append("]>\n");
        return Zip(
            ("[Content_Types].xml", s => Write(s, DocxContentTypes)),
            ("_rels/.rels", s => Write(s, DocxRels)),
            ("word/document.xml", s => Write(s, dtd + $"<w:document xmlns:w=\"{WordNamespace}\"><w:body><w:p><w:r><w:t>&lol9;</w:t></w:r></w:p></w:body></w:document>")));
    }

    /// <summary>A docx whose body nests <paramref name="depth"/> elements.</summary>
    public static byte[] DocxNestedDeep(int depth) =>
        Docx(body =>
        {
            Repeat(body, "<w:sdt><w:sdtContent>", depth);
            Repeat(body, "</w:sdtContent></w:sdt>", depth);
        });

    /// <summary>A docx whose one paragraph holds a single text of <paramref name="characters"/> characters.</summary>
    public static byte[] DocxWithLongText(long characters) =>
        Docx(body =>
        {
            Write(body, "<w:p><w:r><w:t>");
            Repeat(body, "生", characters);
            Write(body, "</w:t></w:r></w:p>");
        });

    /// <summary>
    /// A docx whose document.xml inflates to <paramref name="inflatedBytes"/> while its local and central headers
    /// both declare 1,000 bytes.
    /// </summary>
    public static byte[] DocxWithLyingSizes(long inflatedBytes)
    {
        var bytes = DocxInflatingTo(inflatedBytes);
        var end = bytes.AsSpan().LastIndexOf("PK\u0005\u0006"u8);
        var entries = BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(end + 10));
        var at = (int)BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(end + 16));
        for (var i = 0; i < entries; i++)
        {
            var nameLength = BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(at + 28));
            var name = Encoding.UTF8.GetString(bytes, at + 46, nameLength);
            if (name == "word/document.xml")
            {
                var local = (int)BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(at + 42));
                BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(at + 24), 1000);
                BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(local + 22), 1000);
            }

            at += 46 + nameLength + BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(at + 30)) + BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(at + 32));
        }

        return bytes;
    }

    /// <summary>A docx with <paramref name="count"/> extra empty entries beside its document.</summary>
    public static byte[] DocxWithEntries(int count)
    {
        var output = new MemoryStream();
        using (var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            WriteEntry(zip, "word/document.xml", s => Write(s, $"<w:document xmlns:w=\"{WordNamespace}\"><w:body/></w:document>"));
            for (var i = 0; i < count; i++)
            {
                zip.CreateEntry($"e/{i}", CompressionLevel.NoCompression).Open().Dispose();
            }
        }

        return output.ToArray();
    }

    /// <summary>An xlsx whose one sheet holds <paramref name="rows"/> rows of ten numbers (170 bytes a row: 1 GB at 6.4 million rows).</summary>
    public static byte[] XlsxWithCells(long rows) =>
        Xlsx(
            sheet => Repeat(sheet, "<row>" + string.Concat(Enumerable.Range(0, 10).Select(c => $"<c><v>{c}</v></c>")) + "</row>", rows),
            sharedStrings: null);

    /// <summary>An xlsx with cells at A1 and XFD1048576: two cells stored, seventeen billion laid out.</summary>
    public static byte[] XlsxWithFarCells() =>
        Xlsx(sheet => Write(sheet, "<row r=\"1\"><c r=\"A1\"><v>1</v></c></row><row r=\"1048576\"><c r=\"XFD1048576\"><v>2</v></c></row>"), sharedStrings: null);

    /// <summary>An xlsx with one cell whose reference lies past Excel's last column.</summary>
    public static byte[] XlsxWithCellPastTheGrid() =>
        Xlsx(sheet => Write(sheet, "<row r=\"1\"><c r=\"ZZZZZZ1\"><v>1</v></c></row>"), sharedStrings: null);

    /// <summary>An xlsx whose sharedStrings part holds <paramref name="count"/> strings and whose sheet uses the first.</summary>
    public static byte[] XlsxWithSharedStrings(long count) =>
        Xlsx(
            sheet => Write(sheet, "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c></row>"),
            sharedStrings: strings => Repeat(strings, "<si><t>生态</t></si>", count));

    /// <summary>An xlsx whose sharedStrings part holds one string of <paramref name="characters"/> characters.</summary>
    public static byte[] XlsxWithLongSharedString(long characters) =>
        Xlsx(
            sheet => Write(sheet, "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c></row>"),
            sharedStrings: strings =>
            {
                Write(strings, "<si><t>");
                Repeat(strings, "a", characters);
                Write(strings, "</t></si>");
            });

    /// <summary>A docx just inside every default limit: 99,000 paragraphs of 100 characters (9.9 million characters, 30 MB of XML).</summary>
    public static byte[] DocxAtTheLimits() =>
        Docx(body => Repeat(body, "<w:p><w:r><w:t>" + string.Concat(Enumerable.Repeat("生态保护红线", 17))[..100] + "</w:t></w:r></w:p>", 99_000));

    /// <summary>An xlsx just inside every default limit: 19,900 rows of ten cells, each its own shared string of 40 characters.</summary>
    public static byte[] XlsxAtTheLimits()
    {
        const int rows = 19_900;
        return Xlsx(
            sheet =>
            {
                for (var r = 0; r < rows; r++)
                {
                    Write(sheet, "<row>" + string.Concat(Enumerable.Range(0, 10).Select(c => $"<c t=\"s\"><v>{(r * 10) + c}</v></c>")) + "</row>");
                }
            },
            sharedStrings: strings => Repeat(strings, "<si><t>" + string.Concat(Enumerable.Repeat("生态保护红线", 7))[..40] + "</t></si>", rows * 10));
    }

    private const string DocxContentTypes =
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
        + "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/><Default Extension=\"xml\" ContentType=\"application/xml\"/>"
        + "<Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/></Types>";

    private const string DocxRels =
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
        + "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"word/document.xml\"/></Relationships>";

    private static byte[] Docx(Action<Stream> writeBody) =>
        Zip(
            ("[Content_Types].xml", s => Write(s, DocxContentTypes)),
            ("_rels/.rels", s => Write(s, DocxRels)),
            ("word/document.xml", s =>
            {
                Write(s, $"<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><w:document xmlns:w=\"{WordNamespace}\"><w:body>");
                writeBody(s);
                Write(s, "</w:body></w:document>");
            }));

    private static byte[] Xlsx(Action<Stream> writeSheetData, Action<Stream>? sharedStrings)
    {
        var parts = new List<(string, Action<Stream>)>
        {
            ("[Content_Types].xml", s => Write(s,
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
                + "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/><Default Extension=\"xml\" ContentType=\"application/xml\"/>"
                + "<Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>"
                + "<Override PartName=\"/xl/worksheets/sheet1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>"
                + "<Override PartName=\"/xl/sharedStrings.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml\"/></Types>")),
            ("_rels/.rels", s => Write(s,
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                + "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>")),
            ("xl/workbook.xml", s => Write(s,
                $"<?xml version=\"1.0\" encoding=\"UTF-8\"?><workbook xmlns=\"{SheetNamespace}\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">"
                + "<sheets><sheet name=\"附件5\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>")),
            ("xl/_rels/workbook.xml.rels", s => Write(s,
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                + "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet1.xml\"/>"
                + "<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings\" Target=\"sharedStrings.xml\"/></Relationships>")),
            ("xl/worksheets/sheet1.xml", s =>
            {
                Write(s, $"<?xml version=\"1.0\" encoding=\"UTF-8\"?><worksheet xmlns=\"{SheetNamespace}\"><sheetData>");
                writeSheetData(s);
                Write(s, "</sheetData></worksheet>");
            }),
        };
        if (sharedStrings is not null)
        {
            parts.Add(("xl/sharedStrings.xml", s =>
            {
                Write(s, $"<?xml version=\"1.0\" encoding=\"UTF-8\"?><sst xmlns=\"{SheetNamespace}\">");
                sharedStrings(s);
                Write(s, "</sst>");
            }));
        }

        return Zip([.. parts]);
    }

    private static byte[] Zip(params (string Name, Action<Stream> Write)[] parts)
    {
        var output = new MemoryStream();
        using (var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, write) in parts)
            {
                WriteEntry(zip, name, write);
            }
        }

        return output.ToArray();
    }

    private static void WriteEntry(ZipArchive zip, string name, Action<Stream> write)
    {
        using var entry = zip.CreateEntry(name, CompressionLevel.Optimal).Open();
        using var buffered = new BufferedStream(entry, 1 << 20);
        write(buffered);
    }

    private static void Write(Stream stream, string text) => stream.Write(Encoding.UTF8.GetBytes(text));

    /// <summary>Writes <paramref name="unit"/> <paramref name="times"/> times, a megabyte at a time.</summary>
    private static void Repeat(Stream stream, string unit, long times)
    {
        var one = Encoding.UTF8.GetBytes(unit);
        var perChunk = Math.Max(1, (1 << 20) / one.Length);
        var chunk = new byte[perChunk * one.Length];
        for (var i = 0; i < perChunk; i++)
        {
            one.CopyTo(chunk, i * one.Length);
        }

        for (var left = times; left > 0; left -= perChunk)
        {
            stream.Write(chunk, 0, (int)(Math.Min(left, perChunk) * one.Length));
        }
    }
}
