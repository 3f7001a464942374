using System.Xml.Linq;
using EcoPlan.Core.Import;
using EcoPlan.Core.Import.Documents;
using EcoPlan.Core.Import.Documents.Ofd;

namespace EcoPlan.Core.Tests.Import.Documents;

public sealed class OfdDocumentReaderTests(PdfSamples samples) : IClassFixture<PdfSamples>
{
    private const string Page1 = "Doc_0/Pages/Page_0/Content.xml";
    private static readonly XNamespace s_ofd = OfdWriter.Ns;

    [RequiresToolTheory("soffice")]
    [InlineData("000", OfdTextStyle.Runs)]
    [InlineData("000", OfdTextStyle.ScaledRuns)]
    [InlineData("000", OfdTextStyle.Glyphs)]
    [InlineData("001", OfdTextStyle.Runs)]
    [InlineData("001", OfdTextStyle.ScaledRuns)]
    [InlineData("001", OfdTextStyle.Glyphs)]
    public async Task Read_TruthPlanPrintedAsOfd_MatchesTruth(string seed, OfdTextStyle style)
    {
        var bytes = OfdWriter.FromPdf(seed == "000" ? samples.DistrictPdf : samples.MunicipalPdf, style);

        var document = await PlanDocumentReader.ReadAsync(bytes, "plan.ofd");

        Assert.Equal(PlanFileFormat.Ofd, document.Format);
        var score = PlanFieldScore.Score(seed, document.Plan);
        Assert.True(score.Percent >= 99, score.ToString());
        TruthComparison.AssertMatchesTruth(seed, document.Plan);
    }

    [Fact]
    public void Read_TextObjectWithCtmAndRepeatedDeltaX_PlacesGlyphsOnThePage()
    {
        // Glyphs at 0, 3, 6, 15, 18 in the object's space; the CTM doubles and moves them 5 mm right, the
        // Boundary 10 mm right and 20 mm down: 15, 21, 27, 45, 51 mm, baseline at 26 mm, 6 mm high. The
        // 12 mm gap after 环 (two ems) ends a word.
        var text = new XElement(s_ofd + "TextObject",
            new XAttribute("ID", 5),
            new XAttribute("Boundary", "10 20 100 10"),
            new XAttribute("CTM", "2 0 0 2 5 0"),
            new XAttribute("Font", 1),
            new XAttribute("Size", 3),
            new XElement(s_ofd + "TextCode", new XAttribute("X", 0), new XAttribute("Y", 3), new XAttribute("DeltaX", "g 2 3 9 3"), "生态环境局"));

        var words = ReadPage(Content(text)).Words;

        const double Pt = 72 / 25.4;
        Assert.Equal(["生态环", "境局"], words.Select(w => w.Text));
        Assert.Equal(15 * Pt, words[0].XMin, 6);
        Assert.Equal(33 * Pt, words[0].XMax, 6);
        Assert.Equal(45 * Pt, words[1].XMin, 6);
        Assert.Equal((26 - (0.95 * 6)) * Pt, words[0].YMin, 6);
    }

    [Fact]
    public void Read_RunOverAVerticalRuling_IsSplitAtTheRuling()
    {
        // One text object running through two table cells without a gap, as some writers emit a row.
        var page = ReadPage(Content(
            OfdWriter.Text("序号重点任务", 20, 50),
            Path("M 0 0 L 0 30", boundary: "27.4 40 1 30")));

        Assert.Equal(["序号", "重点任务"], page.Words.Select(w => w.Text));
        Assert.Contains(page.Rulings, r => !r.Horizontal && Math.Abs(r.Position - (27.4 * 72 / 25.4)) < 0.01);
    }

    [Fact]
    public void Read_ThinFilledRectangleAndClosedStroke_AreRulings()
    {
        var page = ReadPage(Content(
            OfdWriter.Text("文字", 20, 20),
            Path("M 0 0 L 100 0 L 100 0.3 L 0 0.3 C", boundary: "10 100 100 1", stroke: false, fill: true),
            Path("S 0 0 L 50 0 L 50 20 L 0 20 Z", boundary: "10 150 60 30"),
            Path("M 0 0 B 10 10 20 10 30 0", boundary: "10 200 40 20")));

        var horizontal = page.Rulings.Where(r => r.Horizontal).Select(r => Math.Round(r.Position * 25.4 / 72, 2)).Order().ToList();
        Assert.Equal([100.15, 150, 170], horizontal);
        Assert.Equal(2, page.Rulings.Count(r => !r.Horizontal));
    }

    [Fact]
    public void Read_PageWithATemplate_ReadsTheTemplatesTextToo()
    {
        // The running head lives in a template page (CommonData/TemplatePage), as document systems write it.
        var parts = Parts(Content(OfdWriter.Text("附件", 20, 30)));
        parts[Page1] = parts[Page1].Replace("<ofd:Content>", "<ofd:Template TemplateID=\"90\" ZOrder=\"Background\" /><ofd:Content>", StringComparison.Ordinal);
        parts["Doc_0/Tpls/Tpl_0/Content.xml"] = new XElement(s_ofd + "Page", new XAttribute(XNamespace.Xmlns + "ofd", s_ofd), Content(OfdWriter.Text("北京市生态环境局", 20, 15))).ToString();
        parts["Doc_0/Document.xml"] = parts["Doc_0/Document.xml"].Replace("</ofd:CommonData>", "<ofd:TemplatePage ID=\"90\" BaseLoc=\"Tpls/Tpl_0/Content.xml\" /></ofd:CommonData>", StringComparison.Ordinal);

        var content = OfdDocumentReader.Read(new MemoryStream(OfdWriter.Zip(parts)), "plan.ofd");

        Assert.Equal(["北京市生态环境局", "附件"], content.Blocks.OfType<DocumentParagraph>().Select(p => p.Text));
    }

    [Fact]
    public void Detect_ZipWithOfdXml_IsOfd()
    {
        var bytes = OfdWriter.Zip(OfdWriter.Parts([Content(OfdWriter.Text("附件", 20, 20))]));

        Assert.Equal(PlanFileFormat.Ofd, PlanDocumentReader.Detect(bytes, "plan.zip"));
    }

    [Fact]
    public void Read_WithoutOfdXml_IsRefused()
    {
        var parts = Parts();
        parts.Remove("OFD.xml");

        var error = Refused(parts);

        Assert.Equal("plan.ofd: not an OFD document: the package has no OFD.xml at its root", error.Message);
    }

    [Fact]
    public void Read_WithoutDocRoot_IsRefused()
    {
        var parts = Parts();
        parts["OFD.xml"] = parts["OFD.xml"].Replace("<ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot>", "", StringComparison.Ordinal);

        Assert.Contains("OFD.xml names no document (DocBody/DocRoot", Refused(parts).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("../../etc/passwd")]
    [InlineData("/../etc/passwd")]
    [InlineData("Doc_0/../../Doc_0/Document.xml")]
    [InlineData("file:///etc/passwd")]
    [InlineData("C:\\Windows\\win.ini")]
    public void Read_DocRootOutsideThePackage_IsRefused(string location)
    {
        var parts = Parts();
        parts["OFD.xml"] = parts["OFD.xml"].Replace(">Doc_0/Document.xml<", $">{location}<", StringComparison.Ordinal);

        var error = Refused(parts);

        Assert.Equal($"plan.ofd: OFD.xml points at \"{location}\", which is outside the OFD package; the file is refused", error.Message);
    }

    [Fact]
    public void Read_DocRootAtAMissingPart_IsRefused()
    {
        var parts = Parts();
        parts["OFD.xml"] = parts["OFD.xml"].Replace(">Doc_0/Document.xml<", ">Doc_1/Document.xml<", StringComparison.Ordinal);

        Assert.Equal("plan.ofd: OFD.xml names \"Doc_1/Document.xml\", which is not in the package", Refused(parts).Message);
    }

    [Fact]
    public void Read_PageOutsideThePackage_IsRefusedNamingTheDocument()
    {
        var parts = Parts();
        parts["Doc_0/Document.xml"] = parts["Doc_0/Document.xml"].Replace("Pages/Page_0/Content.xml", "../../../etc/passwd", StringComparison.Ordinal);

        Assert.Equal("plan.ofd: Doc_0/Document.xml points at \"../../../etc/passwd\", which is outside the OFD package; the file is refused", Refused(parts).Message);
    }

    [Fact]
    public void Read_BrokenPageXml_IsRefusedNamingThePage()
    {
        var parts = Parts();
        parts[Page1] = parts[Page1][..(parts[Page1].Length / 2)];

        var error = Refused(parts);

        Assert.StartsWith($"plan.ofd: page 1 ({Page1}) is not well-formed XML: ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_PageWithADtd_IsRefused()
    {
        // Entity expansion (a billion laughs) and external entities both need a DTD, which is prohibited.
        var parts = Parts();
        parts[Page1] = """<?xml version="1.0"?><!DOCTYPE p [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><ofd:Page xmlns:ofd="http://www.ofdspec.org/2016">&b;</ofd:Page>""";

        var error = Refused(parts);

        Assert.Contains($"page 1 ({Page1}) is not well-formed XML", error.Message, StringComparison.Ordinal);
        Assert.Contains("DTD", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_BadBoundary_IsRefusedNamingThePageAndTheValue()
    {
        var text = OfdWriter.Text("附件", 20, 20);
        text.SetAttributeValue("Boundary", "20 sixteen 30 5");

        var error = Refused(Parts(Content(text)));

        Assert.Equal($"plan.ofd: page 1 ({Page1}): TextObject Boundary \"20 sixteen 30 5\" is not a valid number or list of numbers", error.Message);
    }

    [Fact]
    public void Read_PagesWithoutText_AreRefusedAsAScan()
    {
        var image = new XElement(s_ofd + "ImageObject", new XAttribute("ID", 7), new XAttribute("Boundary", "0 0 210 297"), new XAttribute("ResourceID", 8));

        var error = Refused(Parts(Content(image), Content(Path("M 0 0 L 100 0", boundary: "10 10 100 1"))));

        Assert.Equal("plan.ofd has no text (no text objects on any of its 2 page(s)); it is probably a scan. Import the original .docx, or run OCR on it first.", error.Message);
    }

    [Fact]
    public void Read_MorePagesThanTheCap_IsRefusedBeforeReadingThem()
    {
        var parts = Parts();
        var pages = string.Concat(Enumerable.Range(1, OfdDocumentReader.MaxPages + 1).Select(i => $"<ofd:Page ID=\"{i + 100}\" BaseLoc=\"Pages/Page_{i}/Content.xml\"/>"));
        parts["Doc_0/Document.xml"] = parts["Doc_0/Document.xml"].Replace("</ofd:Pages>", pages + "</ofd:Pages>", StringComparison.Ordinal);

        Assert.Equal("plan.ofd: the document has 1002 pages; at most 1000 are read", Refused(parts).Message);
    }

    [Fact]
    public void Read_PageInflatingPastTheLimit_IsRefused()
    {
        // 17 MB of blanks compress to a few KiB; reading stops at the part's limit, not at its end.
        var parts = Parts();
        parts[Page1] = parts[Page1].Replace("<ofd:Content>", "<ofd:Content>" + new string(' ', 17 * 1024 * 1024), StringComparison.Ordinal);
        var bytes = OfdWriter.Zip(parts);

        var error = Assert.Throws<DocumentReadException>(() => OfdDocumentReader.Read(new MemoryStream(bytes), "plan.ofd"));

        Assert.True(bytes.Length < 200_000, $"The package is {bytes.Length} bytes.");
        Assert.Equal($"plan.ofd: {Page1} inflates to more than 16 MB; the file is refused", error.Message);
    }

    [Fact]
    public void Read_MoreTextThanTheCap_IsRefusedNamingThePage()
    {
        // Half a MB of one letter under g repeats: small XML, but every glyph would cost memory.
        var bomb = new XElement(s_ofd + "TextObject",
            new XAttribute("ID", 5),
            new XAttribute("Boundary", "0 0 210 297"),
            new XAttribute("Font", 1),
            new XAttribute("Size", 3),
            new XElement(s_ofd + "TextCode", new XAttribute("X", 0), new XAttribute("Y", 3), new XAttribute("DeltaX", $"g {OfdDocumentReader.MaxCharacters} 0"), new string('a', OfdDocumentReader.MaxCharacters + 1)));

        var error = Refused(Parts(Content(bomb)));

        Assert.Equal($"plan.ofd: page 1 ({Page1}): the document holds more than 500000 characters of text; the file is refused", error.Message);
    }

    [Fact]
    public async Task Import_DamagedOfd_IsRefusedNamingTheFile()
    {
        var bytes = OfdWriter.Zip(Parts());

        var error = await Assert.ThrowsAsync<PlanImportException>(() => PlanDocumentReader.ReadAsync(bytes[..(bytes.Length - 30)], "plan.ofd", PlanFileFormat.Ofd));

        Assert.StartsWith("plan.ofd: a damaged OFD (ZIP) file: ", error.Message, StringComparison.Ordinal);
    }

    private static XElement Content(params XElement[] objects) =>
        new(s_ofd + "Content", new XElement(s_ofd + "Layer", new XAttribute("ID", 3), objects));

    private static XElement Path(string data, string boundary, bool stroke = true, bool fill = false)
    {
        var path = new XElement(s_ofd + "PathObject", new XAttribute("ID", 4), new XAttribute("Boundary", boundary), new XAttribute("LineWidth", 0.25));
        if (!stroke)
        {
            path.Add(new XAttribute("Stroke", "false"));
        }

        if (fill)
        {
            path.Add(new XAttribute("Fill", "true"));
        }

        path.Add(new XElement(s_ofd + "AbbreviatedData", data));
        return path;
    }

    /// <summary>A one-page package with a line of text, for breaking one part at a time.</summary>
    private static Dictionary<string, string> Parts(params XElement[] contents) =>
        OfdWriter.Parts(contents.Length > 0 ? contents : [Content(OfdWriter.Text("附件", 20, 20))]);

    private static DocumentReadException Refused(IReadOnlyDictionary<string, string> parts) =>
        Assert.Throws<DocumentReadException>(() => OfdDocumentReader.Read(new MemoryStream(OfdWriter.Zip(parts)), "plan.ofd"));

    private static PdfPageLayout ReadPage(XElement content)
    {
        using var package = OfdPackage.Open(new MemoryStream(OfdWriter.Zip(OfdWriter.Parts([content]))), "plan.ofd");
        return OfdPageReader.Read(package, Page1, 1, OfdBox.A4, new Dictionary<string, string>());
    }
}
