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

/// <summary>
/// Uploads under the data directory (uploads/pending), never served as static files. Each waits <see cref="Lifetime"/>
/// for its confirm: older, it reads as gone and is removed (each save sweeps the expired ones), so an abandoned preview
/// leaves nothing on disk for long.
/// </summary>
public sealed partial class FileSystemUploadStore(DatabaseSettings settings, TimeProvider time) : IUploadStore
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(24);

    private string Directory => Path.Combine(settings.UploadsDirectory, "pending");

    public async Task<string> SaveAsync(byte[] content, string fileName, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        var key = Convert.ToHexStringLower(SHA256.HashData(content));
        System.IO.Directory.CreateDirectory(Directory);
        var path = Path.Combine(Directory, key);
        await File.WriteAllBytesAsync(path, content, cancellationToken);
        await File.WriteAllTextAsync(path + ".name", EcoPlan.Core.FileNames.Stored(fileName), cancellationToken);
        // The clock of the app, not the disk's, decides the age (and a test's fake clock with it).
        File.SetLastWriteTimeUtc(path, time.GetUtcNow().UtcDateTime);
        foreach (var expired in System.IO.Directory.EnumerateFiles(Directory).Select(Path.GetFileName).OfType<string>().Where(IsKey).Where(k => Expired(k)).ToList())
        {
            await DeleteAsync(expired, cancellationToken);
        }

        return key;
    }

    public async Task<(byte[] Content, string FileName)?> ReadAsync(string key, CancellationToken cancellationToken)
    {
        if (!IsKey(key) || !File.Exists(Path.Combine(Directory, key)))
        {
            return null;
        }

        if (Expired(key))
        {
            await DeleteAsync(key, cancellationToken);
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

    private bool Expired(string key) => time.GetUtcNow().UtcDateTime - File.GetLastWriteTimeUtc(Path.Combine(Directory, key)) > Lifetime;

    private static bool IsKey(string key) => Sha256Hex().IsMatch(key);

    [GeneratedRegex("^[0-9a-f]{64}$")]
    private static partial Regex Sha256Hex();
}
