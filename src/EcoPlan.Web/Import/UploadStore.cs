using System.Security.Cryptography;
using System.Text.RegularExpressions;

namespace EcoPlan.Web.Import;

/// <summary>Where uploaded documents wait between preview and confirm; an object store can implement it for several app instances.</summary>
public interface IUploadStore
{
    /// <summary>Keeps the bytes and returns their key (the SHA-256 in hex, so a key never names a path).</summary>
    Task<string> SaveAsync(byte[] content, string fileName, CancellationToken cancellationToken);

    Task<(byte[] Content, string FileName)?> ReadAsync(string key, CancellationToken cancellationToken);

    Task DeleteAsync(string key, CancellationToken cancellationToken);
}

/// <summary>Uploads under the data directory (uploads/pending), never served as static files.</summary>
public sealed partial class FileSystemUploadStore(DatabaseSettings settings) : IUploadStore
{
    private string Directory => Path.Combine(settings.UploadsDirectory, "pending");

    public async Task<string> SaveAsync(byte[] content, string fileName, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        var key = Convert.ToHexStringLower(SHA256.HashData(content));
        System.IO.Directory.CreateDirectory(Directory);
        await File.WriteAllBytesAsync(Path.Combine(Directory, key), content, cancellationToken);
        await File.WriteAllTextAsync(Path.Combine(Directory, key + ".name"), EcoPlan.Core.FileNames.Stored(fileName), cancellationToken);
        return key;
    }

    public async Task<(byte[] Content, string FileName)?> ReadAsync(string key, CancellationToken cancellationToken)
    {
        if (!IsKey(key) || !File.Exists(Path.Combine(Directory, key)))
        {
            return null;
        }

        var content = await File.ReadAllBytesAsync(Path.Combine(Directory, key), cancellationToken);
        var name = File.Exists(Path.Combine(Directory, key + ".name")) ? await File.ReadAllTextAsync(Path.Combine(Directory, key + ".name"), cancellationToken) : key;
        return (content, name);
    }

    public Task DeleteAsync(string key, CancellationToken cancellationToken)
    {
        if (IsKey(key))
        {
            File.Delete(Path.Combine(Directory, key));
            File.Delete(Path.Combine(Directory, key + ".name"));
        }

        return Task.CompletedTask;
    }

    private static bool IsKey(string key) => Sha256Hex().IsMatch(key);

    [GeneratedRegex("^[0-9a-f]{64}$")]
    private static partial Regex Sha256Hex();
}
