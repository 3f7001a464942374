namespace EcoPlan.Core.Import.Documents.Ocr;

/// <summary>The image files taken as scans, told by their first bytes.</summary>
internal static class ImageFile
{
    public static bool IsImage(ReadOnlySpan<byte> bytes) => Extension(bytes).Length > 0;

    /// <summary>".png", ".jpg", ".tif", or "" for anything else.</summary>
    public static string Extension(ReadOnlySpan<byte> bytes) =>
        bytes.StartsWith((ReadOnlySpan<byte>)[0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]) ? ".png"
        : bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF]) ? ".jpg"
        : bytes.StartsWith("II*\0"u8) || bytes.StartsWith("MM\0*"u8) ? ".tif"
        : "";
}
