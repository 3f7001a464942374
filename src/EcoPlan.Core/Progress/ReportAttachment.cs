using System.Security.Cryptography;
using EcoPlan.Core.Import.Documents;

namespace EcoPlan.Core.Progress;

/// <summary>Evidence attached to a report (a photo of the site, a PDF of the acceptance, a table).</summary>
public sealed class ReportAttachment
{
    public int Id { get; set; }
    public int ReportId { get; set; }
    public ProgressReport? Report { get; set; }

    /// <summary>The report version the file was attached to.</summary>
    public int VersionNumber { get; set; }

    public required string FileName { get; set; }
    public required string ContentType { get; set; }
    public long Length { get; set; }

    /// <summary>SHA-256 of the content, lower-case hex; also where the store keeps it.</summary>
    public required string Sha256 { get; set; }

    public DateTime UploadedAt { get; set; }
    public int UploadedById { get; set; }
}

/// <summary>The kinds of evidence accepted, recognised by their first bytes rather than their names.</summary>
public static class AttachmentTypes
{
    private static readonly byte[] s_png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
    private static readonly byte[] s_jpeg = [0xFF, 0xD8, 0xFF];

    public static string? Detect(ReadOnlySpan<byte> content)
    {
        if (content.StartsWith("%PDF-"u8))
        {
            return "application/pdf";
        }

        if (content.StartsWith(s_png))
        {
            return "image/png";
        }

        if (content.StartsWith(s_jpeg))
        {
            return "image/jpeg";
        }

        if (content.StartsWith("GIF87a"u8) || content.StartsWith("GIF89a"u8))
        {
            return "image/gif";
        }

        return content.StartsWith("PK\u0003\u0004"u8) ? OfficeType(content.ToArray()) : null;
    }

    private static string? OfficeType(byte[] content)
    {
        try
        {
            // Only the central directory is read, but a crafted one of a million entries must not become a million objects.
            using var zip = BoundedZip.Open(new MemoryStream(content, writable: false), "attachment");
            return zip.Contains("word/document.xml") ? "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
                : zip.Contains("xl/workbook.xml") ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                : null;
        }
        catch (Exception ex) when (ex is InvalidDataException or DocumentReadException)
        {
            return null;
        }
    }

    /// <summary>
    /// A file's name as stored and its type by content, or why it is refused (which file, and why): empty, over
    /// <paramref name="maxBytes"/>, or of no accepted kind. Report attachments and clue evidence are checked alike.
    /// </summary>
    public static (string Name, string? Type, string? Error) Check(string? fileName, byte[] content, long maxBytes)
    {
        ArgumentNullException.ThrowIfNull(content);
        var name = FileNames.Stored(fileName);
        if (content.Length == 0)
        {
            return (name, null, CoreText.Get("AttachmentEmpty", name));
        }

        if (content.LongLength > maxBytes)
        {
            return (name, null, CoreText.Get("AttachmentTooLarge", name, $"{content.LongLength / 1024.0 / 1024.0:0.#}", $"{maxBytes / 1024.0 / 1024.0:0.#}"));
        }

        return Detect(content) is { } type ? (name, type, null) : (name, null, CoreText.Get("AttachmentWrongType", name));
    }

    public static string Hash(byte[] content) => Convert.ToHexStringLower(SHA256.HashData(content));
}

/// <summary>Where attachment bytes live, by their hash; the file system by default, an object store where several app instances run.</summary>
public interface IAttachmentStore
{
    Task SaveAsync(string sha256, byte[] content, CancellationToken cancellationToken);

    Task<byte[]?> ReadAsync(string sha256, CancellationToken cancellationToken);

    /// <summary>
    /// The content as a stream to copy from, or null when the store has no such file. Archives copy files stream by stream
    /// through this, so a store that can stream should; the default reads the whole file.
    /// </summary>
    async Task<Stream?> OpenReadAsync(string sha256, CancellationToken cancellationToken) =>
        await ReadAsync(sha256, cancellationToken) is { } content ? new MemoryStream(content, writable: false) : null;
}

/// <summary>Attachments under the data directory (attachments/ab/abcdef…), outside anything served as static files.</summary>
public sealed class FileSystemAttachmentStore(string directory) : IAttachmentStore
{
    public async Task SaveAsync(string sha256, byte[] content, CancellationToken cancellationToken)
    {
        var path = PathOf(sha256);
        if (File.Exists(path))
        {
            return; // the same bytes are stored once
        }

        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temporary = path + ".tmp-" + Guid.NewGuid().ToString("N");
        await File.WriteAllBytesAsync(temporary, content, cancellationToken);
        File.Move(temporary, path, overwrite: true);
    }

    public async Task<byte[]?> ReadAsync(string sha256, CancellationToken cancellationToken)
    {
        var path = PathOf(sha256);
        return File.Exists(path) ? await File.ReadAllBytesAsync(path, cancellationToken) : null;
    }

    public Task<Stream?> OpenReadAsync(string sha256, CancellationToken cancellationToken)
    {
        var path = PathOf(sha256);
        try
        {
            return Task.FromResult<Stream?>(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, FileOptions.Asynchronous | FileOptions.SequentialScan));
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return Task.FromResult<Stream?>(null);
        }
    }

    private string PathOf(string sha256) =>
        sha256.Length == 64 && sha256.All(char.IsAsciiHexDigitLower)
            ? Path.Combine(directory, sha256[..2], sha256)
            : throw new ArgumentException("not a SHA-256 in lower-case hex", nameof(sha256));
}
