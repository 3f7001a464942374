using System.Text;

namespace EcoPlan.Core.Import;

/// <summary>
/// Turns a text file's bytes into text: UTF-8 (with or without BOM), UTF-16 with BOM, else GB18030 (which
/// covers GBK and GB2312), as Chinese government text files come in both.
/// </summary>
public static class PlanTextDecoder
{
    private static readonly UTF8Encoding s_strictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
    private static readonly Lazy<Encoding> s_gb18030 = new(() =>
    {
        // The code pages ship with .NET but must be registered before GetEncoding knows GB18030.
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding(54936, EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback);
    });

    /// <summary>GB18030, for tests and for writing files the way other tools do.</summary>
    public static Encoding Gb18030 => s_gb18030.Value;

    public static string Decode(ReadOnlySpan<byte> bytes)
    {
        if (bytes.IsEmpty)
        {
            throw new PlanParseException(1, Localization.CoreText.Get("Import_FileEmpty"));
        }

        string text;
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            text = DecodeStrict(s_strictUtf8, bytes[3..], 3, "UTF-8");
        }
        else if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]))
        {
            text = DecodeStrict(new UnicodeEncoding(bigEndian: false, byteOrderMark: false, throwOnInvalidBytes: true), bytes[2..], 2, "UTF-16");
        }
        else if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            text = DecodeStrict(new UnicodeEncoding(bigEndian: true, byteOrderMark: false, throwOnInvalidBytes: true), bytes[2..], 2, "UTF-16");
        }
        else if (!TryDecode(s_strictUtf8, bytes, out text, out _))
        {
            text = DecodeStrict(Gb18030, bytes, 0, Localization.CoreText.Get("Parse_Utf8OrGb18030"));
        }

        CheckIsText(text);
        return text;
    }

    private static string DecodeStrict(Encoding encoding, ReadOnlySpan<byte> bytes, int offset, string name)
    {
        if (TryDecode(encoding, bytes, out var text, out var badIndex))
        {
            return text;
        }

        var line = 1 + bytes[..Math.Clamp(badIndex - offset, 0, bytes.Length)].Count((byte)'\n');
        throw new PlanParseException(line, Localization.CoreText.Get("Parse_NotEncodingText", name, badIndex));
    }

    private static bool TryDecode(Encoding encoding, ReadOnlySpan<byte> bytes, out string text, out int badIndex)
    {
        try
        {
            text = encoding.GetString(bytes);
            badIndex = -1;
            return true;
        }
        catch (DecoderFallbackException ex)
        {
            text = "";
            badIndex = ex.Index;
            return false;
        }
    }

    /// <summary>Control characters other than tab, line breaks and form feed mean a binary file (a .docx, .pdf, an image).</summary>
    private static void CheckIsText(string text)
    {
        var line = 1;
        foreach (var c in text)
        {
            if (c == '\n')
            {
                line++;
            }
            else if ((char.IsControl(c) && c is not ('\t' or '\r' or '\f')) || c == '\uFFFD')
            {
                throw new PlanParseException(line, Localization.CoreText.Get("Parse_NotTextDocument", (int)c));
            }
        }
    }
}
