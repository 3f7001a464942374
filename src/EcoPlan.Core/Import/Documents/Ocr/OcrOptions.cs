namespace EcoPlan.Core.Import.Documents.Ocr;

/// <summary>Where tesseract is, which language data it reads with, and how long and how much it may take.</summary>
public sealed record OcrOptions
{
    /// <summary>The tesseract program (Debian: tesseract-ocr).</summary>
    public string Tesseract { get; init; } = "tesseract";

    /// <summary>Simplified Chinese (Debian: tesseract-ocr-chi-sim); tesseract also reads the Latin digits and dates with it.</summary>
    public string Language { get; init; } = "chi_sim";

    /// <summary>How long one page may take (a page at 300 dpi takes a few seconds).</summary>
    public TimeSpan PageTimeout { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>A scan with more pages is refused: OCR costs seconds a page and the server's CPU is shared.</summary>
    public int MaxPages { get; init; } = 40;
}
