using EcoPlan.Core.Import.Documents;
using EcoPlan.Core.Import.Documents.Ocr;

namespace EcoPlan.Core.Import;

/// <summary>The outside programs <see cref="PlanDocumentReader"/> may call: LibreOffice for old Office formats, tesseract for scans.</summary>
public sealed record PlanReaderTools
{
    public static PlanReaderTools Default { get; } = new();

    public OfficeConverterOptions Office { get; init; } = new();

    public OcrOptions Ocr { get; init; } = new();
}
