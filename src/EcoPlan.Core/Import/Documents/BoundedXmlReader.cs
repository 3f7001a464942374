using System.Xml;

namespace EcoPlan.Core.Import.Documents;

/// <summary>
/// An XML part of a <see cref="BoundedZip"/> read forward under its limits: every node it moves to is counted
/// (depth, elements, text characters) and the characters under it pass a guard that refuses a DTD and any single
/// node longer than <see cref="ZipLimits.MaxXmlNodeCharacters"/> before the XML reader buffers it.
/// </summary>
internal sealed class BoundedXmlReader : XmlReader, IXmlLineInfo
{
    private static readonly XmlReaderSettings s_settings = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        CloseInput = true,
    };

    private readonly BoundedZip _zip;
    private readonly string _partName;
    private readonly XmlReader _inner;

    public BoundedXmlReader(BoundedZip zip, string partName, Stream part)
    {
        _zip = zip;
        _partName = partName;
        // The reader gets characters, not bytes, so the guard sees exactly what it parses (OOXML parts are UTF-8 or UTF-16 with a BOM).
        _inner = Create(new NodeLengthGuard(zip, partName, new StreamReader(part, System.Text.Encoding.UTF8, detectEncodingFromByteOrderMarks: true)), s_settings);
    }

    public override bool Read()
    {
        try
        {
            if (!_inner.Read())
            {
                return false;
            }
        }
        catch (XmlException ex)
        {
            // Name the part: "not a readable Word document (part word/document.xml: unexpected end of file …)".
            throw new XmlException(BoundedZip.PartPlace(_partName) + ": " + ex.Message, ex);
        }

        if (_inner.Depth > _zip.Limits.MaxXmlDepth)
        {
            throw _zip.Refusal(BoundedZip.PartPlace(_partName), CoreText.Get("Zip_TooDeep", _zip.Limits.MaxXmlDepth));
        }

        switch (_inner.NodeType)
        {
            case XmlNodeType.Element:
                _zip.CountElement(_partName);
                break;
            case XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.Whitespace or XmlNodeType.SignificantWhitespace:
                _zip.CountText(_partName, _inner.Value.Length);
                break;
        }

        return true;
    }

    /// <summary>Skips through <see cref="Read"/>, so a skipped subtree is counted too.</summary>
    public override void Skip()
    {
        if (ReadState != ReadState.Interactive)
        {
            return;
        }

        MoveToElement();
        if (NodeType != XmlNodeType.Element || IsEmptyElement)
        {
            Read();
            return;
        }

        var depth = Depth;
        while (Read() && Depth > depth)
        {
        }

        if (NodeType == XmlNodeType.EndElement && Depth == depth)
        {
            Read();
        }
    }

    public override int AttributeCount => _inner.AttributeCount;
    public override string BaseURI => _inner.BaseURI;
    public override int Depth => _inner.Depth;
    public override bool EOF => _inner.EOF;
    public override bool IsEmptyElement => _inner.IsEmptyElement;
    public override string LocalName => _inner.LocalName;
    public override string NamespaceURI => _inner.NamespaceURI;
    public override XmlNameTable NameTable => _inner.NameTable;
    public override XmlNodeType NodeType => _inner.NodeType;
    public override string Prefix => _inner.Prefix;
    public override ReadState ReadState => _inner.ReadState;
    public override string Value => _inner.Value;
    public int LineNumber => ((IXmlLineInfo)_inner).LineNumber;
    public int LinePosition => ((IXmlLineInfo)_inner).LinePosition;
    public bool HasLineInfo() => true;
    public override string GetAttribute(int i) => _inner.GetAttribute(i);
    public override string? GetAttribute(string name) => _inner.GetAttribute(name);
    public override string? GetAttribute(string name, string? namespaceURI) => _inner.GetAttribute(name, namespaceURI);
    public override string? LookupNamespace(string prefix) => _inner.LookupNamespace(prefix);
    public override bool MoveToAttribute(string name) => _inner.MoveToAttribute(name);
    public override bool MoveToAttribute(string name, string? ns) => _inner.MoveToAttribute(name, ns);
    public override bool MoveToElement() => _inner.MoveToElement();
    public override bool MoveToFirstAttribute() => _inner.MoveToFirstAttribute();
    public override bool MoveToNextAttribute() => _inner.MoveToNextAttribute();
    public override bool ReadAttributeValue() => _inner.ReadAttributeValue();
    public override void ResolveEntity() => _inner.ResolveEntity();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _inner.Dispose();
        }

        base.Dispose(disposing);
    }

    /// <summary>
    /// Watches the characters the XML reader parses. A '&lt;' outside CDATA, comments and processing instructions
    /// starts a new node (it cannot stand in text or attribute values), so the characters since the last one bound
    /// the node the reader is buffering; inside those sections only their own terminator ends the run.
    /// "&lt;!D" (a DOCTYPE) is refused outright.
    /// </summary>
    private sealed class NodeLengthGuard(BoundedZip zip, string partName, TextReader inner) : TextReader
    {
        private enum State
        {
            Markup,
            AfterLess,
            AfterLessBang,
            ProcessingInstruction,
            Comment,
            CData,
        }

        private State _state;
        private long _run;
        private char _previous;
        private char _beforePrevious;

        public override int Peek() => inner.Peek();

        public override int Read()
        {
            var c = inner.Read();
            if (c >= 0)
            {
                Watch((char)c);
            }

            return c;
        }

        public override int Read(char[] buffer, int index, int count) => Read(buffer.AsSpan(index, count));

        public override int Read(Span<char> buffer)
        {
            var read = inner.Read(buffer);
            var chars = buffer[..read];
            while (chars.Length > 0)
            {
                if (_state == State.Markup)
                {
                    // Most characters are text and tags between two '<': count them at once.
                    var next = chars.IndexOf('<');
                    var plain = next < 0 ? chars.Length : next;
                    if (plain > 0)
                    {
                        _run += plain;
                        CheckRun();
                        _beforePrevious = plain > 1 ? chars[plain - 2] : _previous;
                        _previous = chars[plain - 1];
                        chars = chars[plain..];
                        continue;
                    }
                }

                Watch(chars[0]);
                chars = chars[1..];
            }

            return read;
        }

        private void Watch(char c)
        {
            _state = (_state, c) switch
            {
                (State.Markup, '<') => State.AfterLess,
                (State.Markup, _) => State.Markup,
                (State.AfterLess, '?') => State.ProcessingInstruction,
                (State.AfterLess, '!') => State.AfterLessBang,
                (State.AfterLess, '<') => State.AfterLess,
                (State.AfterLess, _) => State.Markup,
                (State.AfterLessBang, '-') => State.Comment,
                (State.AfterLessBang, '[') => State.CData,
                (State.AfterLessBang, 'D' or 'd') => throw zip.Refusal(BoundedZip.PartPlace(partName), CoreText.Get("Zip_Dtd")),
                (State.AfterLessBang, _) => State.Markup,
                (State.ProcessingInstruction, '>') when _previous == '?' => State.Markup,
                (State.Comment, '>') when _previous == '-' && _beforePrevious == '-' => State.Markup,
                (State.CData, '>') when _previous == ']' && _beforePrevious == ']' => State.Markup,
                _ => _state,
            };

            _run = _state == State.AfterLess ? 0 : _run + 1;
            CheckRun();
            _beforePrevious = _previous;
            _previous = c;
        }

        private void CheckRun()
        {
            if (_run > zip.Limits.MaxXmlNodeCharacters)
            {
                throw zip.Refusal(BoundedZip.PartPlace(partName), CoreText.Get("Zip_NodeTooLong", zip.Limits.MaxXmlNodeCharacters));
            }
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
