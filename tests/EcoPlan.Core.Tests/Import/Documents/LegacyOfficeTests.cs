using System.Buffers.Binary;
using EcoPlan.Core.Import;
using EcoPlan.Core.Import.Documents;
using EcoPlan.Core.Localization;

namespace EcoPlan.Core.Tests.Import.Documents;

/// <summary>.doc, .wps, .xls and .et: told apart by the compound file's streams, read (LibreOffice converting) at ≥ 99% of fields.</summary>
public sealed class LegacyOfficeTests(LegacyOfficeSamples samples) : IClassFixture<LegacyOfficeSamples>
{
    /// <summary>A .doc is converted by LibreOffice; an .xls is read by ExcelDataReader itself, so LibreOffice is pointed at nothing.</summary>
    [RequiresToolTheory("soffice")]
    [InlineData("000", ".doc")]
    [InlineData("001", ".doc")]
    [InlineData("000", ".xls")]
    [InlineData("001", ".xls")]
    public async Task Legacy_SavedByLibreOfficeFromOurExport_ScoresAtLeast99Percent(string seed, string extension)
    {
        var word = extension == ".doc";
        var path = word ? samples.PlanDoc(seed) : samples.PlanXls(seed);
        Assert.Equal(word ? CompoundFileKind.Word : CompoundFileKind.Workbook, CompoundFile.Kind(File.ReadAllBytes(path)));
        var tools = word ? null : new PlanReaderTools { Office = new OfficeConverterOptions { Soffice = "/nonexistent/soffice" } };

        var document = await PlanDocumentReader.ReadAsync(path, tools: tools);

        Assert.Equal(word ? PlanFileFormat.Doc : PlanFileFormat.Xlsx, document.Format);
        AssertScore(seed, document.Plan);
    }

    [RequiresToolFact("soffice")]
    public async Task Wps_ADocRenamed_IsReadAsWps()
    {
        // LibreOffice cannot write .wps; WPS Writer saves its .wps in the Word 97 layout, which this stands for.
        var document = await PlanDocumentReader.ReadAsync(samples.Renamed(samples.PlanDoc("000"), ".wps"));

        Assert.Equal(PlanFileFormat.Wps, document.Format);
        AssertScore("000", document.Plan);
    }

    [RequiresToolFact("soffice")]
    public async Task Et_AnXlsRenamed_IsConvertedByLibreOffice()
    {
        var document = await PlanDocumentReader.ReadAsync(samples.Renamed(samples.PlanXls("001"), ".et"));

        Assert.Equal(PlanFileFormat.Et, document.Format);
        AssertScore("001", document.Plan);
    }

    [Theory]
    [InlineData("plan.doc", "libreoffice-writer-nogui")]
    [InlineData("plan.wps", "libreoffice-writer-nogui")]
    [InlineData("plan.et", "libreoffice-calc-nogui")]
    public async Task Legacy_WithoutLibreOffice_NamesTheDebianPackage(string name, string package)
    {
        var bytes = CompoundFileWith(name.EndsWith(".et", StringComparison.Ordinal) ? "Workbook" : "WordDocument");
        var tools = new PlanReaderTools { Office = new OfficeConverterOptions { Soffice = "/nonexistent/soffice" } };

        var error = await Assert.ThrowsAsync<PlanImportException>(() => PlanDocumentReader.ReadAsync(bytes, name, tools: tools));

        Assert.Equal(name, error.FileName);
        Assert.Contains($"apt-get install {package}", error.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("WordDocument", "plan.doc", PlanFileFormat.Doc)]
    [InlineData("WordDocument", "计划.WPS", PlanFileFormat.Wps)]
    [InlineData("WordDocument", "misnamed.xls", PlanFileFormat.Doc)]
    [InlineData("Workbook", "plan.xls", PlanFileFormat.Xlsx)]
    [InlineData("Book", "plan", PlanFileFormat.Xlsx)]
    [InlineData("Workbook", "plan.et", PlanFileFormat.Et)]
    [InlineData("Other", "plan.wps", PlanFileFormat.Wps)]
    [InlineData("Other", "plan.et", PlanFileFormat.Et)]
    public void Detect_CompoundFile_ByItsStreamsThenByName(string stream, string name, PlanFileFormat expected) =>
        Assert.Equal(expected, PlanDocumentReader.Detect(CompoundFileWith(stream), name));

    [Theory]
    [InlineData("EncryptionInfo", "plan.docx", "Legacy_Encrypted")]
    [InlineData("EncryptedPackage", "plan.xls", "Legacy_Encrypted")]
    [InlineData("Other", "plan.doc", "Legacy_UnknownCompound")]
    public void Detect_EncryptedOrUnknownCompoundFile_IsRefused(string stream, string name, string reason)
    {
        var error = Assert.Throws<PlanImportException>(() => PlanDocumentReader.Detect(CompoundFileWith(stream), name));

        Assert.Equal(name, error.FileName);
        Assert.Equal(CoreText.Get(reason), error.Reason);
    }

    [Fact]
    public void CompoundFile_WithADirectoryChainThatLoops_IsReadOnce()
    {
        var bytes = CompoundFileWith("WordDocument");
        // FAT entry of the directory sector (1) pointing at itself.
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(512 + 4), 1);

        Assert.Equal(CompoundFileKind.Word, CompoundFile.Kind(bytes));
    }

    private static void AssertScore(string seed, ParsedPlan plan)
    {
        var score = PlanFieldScore.Score(seed, plan);
        Assert.True(score.Percent >= 99, $"{score.Matched}/{score.Total} fields: {string.Join("; ", score.Differences.Take(10))}");
    }

    /// <summary>
    /// A minimal compound file (MS-CFB version 3, 512-byte sectors): sector 0 the FAT, sector 1 the directory with
    /// the root entry and one stream named <paramref name="stream"/>.
    /// </summary>
    internal static byte[] CompoundFileWith(string stream)
    {
        var bytes = new byte[512 * 3];
        var header = bytes.AsSpan();
        byte[] signature = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
        signature.CopyTo(header);
        BinaryPrimitives.WriteUInt16LittleEndian(header[0x18..], 0x3E);
        BinaryPrimitives.WriteUInt16LittleEndian(header[0x1A..], 3);
        BinaryPrimitives.WriteUInt16LittleEndian(header[0x1C..], 0xFFFE);
        BinaryPrimitives.WriteUInt16LittleEndian(header[0x1E..], 9);
        BinaryPrimitives.WriteUInt16LittleEndian(header[0x20..], 6);
        BinaryPrimitives.WriteUInt32LittleEndian(header[0x2C..], 1);
        BinaryPrimitives.WriteUInt32LittleEndian(header[0x30..], 1);
        BinaryPrimitives.WriteUInt32LittleEndian(header[0x38..], 4096);
        BinaryPrimitives.WriteUInt32LittleEndian(header[0x3C..], 0xFFFFFFFE);
        BinaryPrimitives.WriteUInt32LittleEndian(header[0x44..], 0xFFFFFFFE);
        for (var i = 0; i < 109; i++)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(header[(0x4C + (i * 4))..], i == 0 ? 0 : 0xFFFFFFFF);
        }

        var fat = bytes.AsSpan(512, 512);
        fat.Fill(0xFF);
        BinaryPrimitives.WriteUInt32LittleEndian(fat, 0xFFFFFFFD);
        BinaryPrimitives.WriteUInt32LittleEndian(fat[4..], 0xFFFFFFFE);
        Entry(bytes.AsSpan(1024, 128), "Root Entry", type: 5);
        Entry(bytes.AsSpan(1024 + 128, 128), stream, type: 2);
        return bytes;
    }

    private static void Entry(Span<byte> entry, string name, byte type)
    {
        var written = System.Text.Encoding.Unicode.GetBytes(name, entry);
        BinaryPrimitives.WriteUInt16LittleEndian(entry[0x40..], (ushort)(written + 2));
        entry[0x42] = type;
    }
}
